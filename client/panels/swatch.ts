// Legend and table swatches drawn from the same pixels as the map's fill patterns, so a hatched
// class looks the same in the key as on the map.
import { h } from '../dom.ts';
import { bmpDataUrl, hatchImage, PATTERN_PIXEL_RATIO, PATTERN_SIZE } from '../layers/patterns.ts';
import type { ClassDef } from '../layers/view-types.ts';

const urls = new Map<string, string>();

function hatchUrl(colour: string): string {
  let url = urls.get(colour);
  // A data URL written from the pixels, not a 2D canvas's toDataURL: setting one up and reading it back
  // took ~70 ms on the first key with software rendering, while the first map waited for the key.
  if (!url) urls.set(colour, (url = bmpDataUrl(hatchImage(colour))));
  return url;
}

export function swatch(c: Pick<ClassDef, 'colour' | 'hatched'>): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  if (c.hatched) {
    el.style.backgroundImage = `url(${hatchUrl(c.colour)})`;
    el.style.backgroundSize = `${PATTERN_SIZE / PATTERN_PIXEL_RATIO}px`;
  } else el.style.backgroundColor = c.colour;
  return el;
}
