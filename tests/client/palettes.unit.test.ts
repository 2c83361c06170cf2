// The map palettes stay distinguishable under simulated colour-vision deficiency, and "part"
// hatching differs visibly from the solid fill of the same class.
import { describe, expect, it } from 'vitest';
import { deltaE, DEFICIENCIES, mix, simulate } from '../../client/layers/colour.ts';
import { BU_PU_5, CATEGORY_COLOURS, NEUTRAL, RD_YL_BU_10, SERVICE_COLOUR, YL_GN_BU_5 } from '../../client/layers/palettes.ts';
import { bmpDataUrl, hatchImage } from '../../client/layers/patterns.ts';

/** Smallest CIE76 difference between any two colours, with normal vision and each deficiency. */
function minDistance(colours: readonly string[]): { value: number; pair: string } {
  let best = { value: Infinity, pair: '' };
  for (const vision of ['normal', ...DEFICIENCIES] as const)
    for (let i = 0; i < colours.length; i++)
      for (let j = i + 1; j < colours.length; j++) {
        const [a, b] = vision === 'normal' ? [colours[i], colours[j]] : [simulate(colours[i], vision), simulate(colours[j], vision)];
        const d = deltaE(a, b);
        if (d < best.value) best = { value: d, pair: `${colours[i]} / ${colours[j]} (${vision})` };
      }
  return best;
}

describe('palettes', () => {
  it('keeps the four category fills apart for every kind of colour vision', () => {
    const d = minDistance([...Object.values(CATEGORY_COLOURS), NEUTRAL.notListed]);
    expect(d.value, d.pair).toBeGreaterThan(20);
  });

  it('keeps service coverage apart from "not available"', () => {
    const d = minDistance([SERVICE_COLOUR, NEUTRAL.unavailable]);
    expect(d.value, d.pair).toBeGreaterThan(20);
  });

  it('orders the sequential schemes by lightness under every deficiency', () => {
    for (const scheme of [YL_GN_BU_5, BU_PU_5, RD_YL_BU_10.slice(0, 5), RD_YL_BU_10.slice(5)])
      for (const vision of DEFICIENCIES) {
        const steps = scheme.slice(1).map((c, i) => deltaE(simulate(c, vision), simulate(scheme[i], vision)));
        expect(Math.min(...steps), `${scheme.join(' ')} under ${vision}`).toBeGreaterThan(5);
      }
  });

  it('draws hatching as stripes of the class colour over a lighter tint of it', () => {
    const colour = CATEGORY_COLOURS.laa_target;
    const img = hatchImage(colour, 16, 6);
    const px = (x: number, y: number) => `#${[...img.data.slice((y * 16 + x) * 4, (y * 16 + x) * 4 + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    expect(px(0, 0).toLowerCase()).toBe(colour.toLowerCase());
    expect(px(10, 0)).toBe(mix(colour, '#ffffff', 0.25));
    // Seamless tiling: the pixel across each edge continues the diagonal.
    expect(px(15, 1)).toBe(px(0, 0));
    expect(deltaE(px(0, 0), px(10, 0))).toBeGreaterThan(20);
  });

  it('writes the key\'s hatch swatch as a BMP with exactly the map pattern\'s pixels, top row first', () => {
    const img = hatchImage(CATEGORY_COLOURS.laa_target, 16, 6);
    const url = bmpDataUrl(img);
    expect(url.startsWith('data:image/bmp;base64,')).toBe(true);
    const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('BM');
    expect(view.getUint32(2, true)).toBe(bytes.length);
    const [offset, width, height, bpp] = [view.getUint32(10, true), view.getInt32(18, true), view.getInt32(22, true), view.getUint16(28, true)];
    expect([width, height, bpp]).toEqual([16, -16, 32]);
    for (let i = 0; i < 16 * 16; i++) {
      const [b, g, r, a] = bytes.subarray(offset + i * 4, offset + i * 4 + 4);
      expect([r, g, b, a], `pixel ${i}`).toEqual([...img.data.subarray(i * 4, i * 4 + 4)]);
    }
  });
});
