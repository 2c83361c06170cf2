// Legend and table swatches drawn from the same pixels as the map's fill patterns, so a hatched
// class looks the same in the key as on the map.
import { h } from '../dom.ts';
import { hatchImage, PATTERN_PIXEL_RATIO, PATTERN_SIZE } from '../layers/patterns.ts';
import type { ClassDef } from '../layers/view-types.ts';

const urls = new Map<string, string>();

function hatchUrl(colour: string): string {
  let url = urls.get(colour);
  if (!url) {
    const img = hatchImage(colour);
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
    url = canvas.toDataURL('image/png');
    urls.set(colour, url);
  }
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
