// Diagonal hatching generated at run time (no sprite file needed offline): stripes of a class colour
// over a light tint of it. The map's fill-pattern images and the legend swatches use the same pixels.
import { mix, parseHex } from './colour.ts';

export const PATTERN_SIZE = 16;
/** The tile is drawn at twice the CSS pixel size so stripes stay crisp on high-density screens. */
export const PATTERN_PIXEL_RATIO = 2;

export interface PatternImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function patternId(colour: string): string {
  return `hatch-${colour.replace('#', '').toLowerCase()}`;
}

/** 45° stripes: (x + y) mod size tiles seamlessly in both directions. */
export function hatchImage(colour: string, size = PATTERN_SIZE, stripe = 6): PatternImage {
  const fg = parseHex(colour);
  const bg = parseHex(mix(colour, '#ffffff', 0.25));
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const c = (x + y) % size < stripe ? fg : bg;
      data.set([c[0], c[1], c[2], 255], (y * size + x) * 4);
    }
  return { width: size, height: size, data };
}
