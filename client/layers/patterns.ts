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

/** An image as an uncompressed 32-bit BMP data URL (for CSS backgrounds), pixel for pixel. */
export function bmpDataUrl(img: PatternImage): string {
  const header = 54;
  const bytes = new Uint8Array(header + img.data.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]); // "BM"
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, header, true);
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, img.width, true);
  view.setInt32(22, -img.height, true); // negative: rows run top to bottom, as in the pattern
  view.setUint16(26, 1, true);
  view.setUint16(28, 32, true);
  view.setUint32(34, img.data.length, true);
  for (let i = 0; i < img.data.length; i += 4) bytes.set([img.data[i + 2], img.data[i + 1], img.data[i], img.data[i + 3]], header + i); // RGBA → BGRA
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/bmp;base64,${btoa(binary)}`;
}
