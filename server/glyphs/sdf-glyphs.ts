// Map label glyphs made at build time: each character of a TrueType font drawn as a signed distance
// field and packed into the glyph PBF ranges MapLibre reads from a style's `glyphs` URL, so the
// atlas serves its own labels with no font service on the internet.
import opentype from 'opentype.js';
import type { Font, Path } from 'opentype.js';
import { PbfWriter } from 'pbf';

/** MapLibre's glyph conventions: 24 px em, a 3 px border round each bitmap, SDF radius 8, edge at 0.75. */
const SIZE = 24;
const BORDER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;
/** PBF glyph tops are measured from an origin above the em box, not from the baseline. */
const TOP_ORIGIN = 26;

type Segment = [number, number, number, number];

/** The outline as straight segments (curves flattened), in pixels with y pointing down. */
function outline(path: Path): Segment[] {
  const segs: Segment[] = [];
  let [x, y, sx, sy] = [0, 0, 0, 0];
  const line = (nx: number, ny: number) => {
    if (nx !== x || ny !== y) segs.push([x, y, nx, ny]);
    [x, y] = [nx, ny];
  };
  for (const c of path.commands) {
    if (c.type === 'M') [x, y, sx, sy] = [c.x!, c.y!, c.x!, c.y!];
    else if (c.type === 'L') line(c.x!, c.y!);
    else if (c.type === 'Z') line(sx, sy);
    else {
      const [x0, y0] = [x, y];
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        if (c.type === 'Q') line(u * u * x0 + 2 * u * t * c.x1! + t * t * c.x!, u * u * y0 + 2 * u * t * c.y1! + t * t * c.y!);
        else line(u * u * u * x0 + 3 * u * u * t * c.x1! + 3 * u * t * t * c.x2! + t * t * t * c.x!, u * u * u * y0 + 3 * u * u * t * c.y1! + 3 * u * t * t * c.y2! + t * t * t * c.y!);
      }
    }
  }
  return segs;
}

function distanceTo([ax, ay, bx, by]: Segment, px: number, py: number): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Non-zero winding: TrueType outlines fill by it. */
function inside(segs: Segment[], px: number, py: number): boolean {
  let winding = 0;
  for (const [ax, ay, bx, by] of segs) {
    if (ay <= py && by > py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) > 0) winding++;
    else if (ay > py && by <= py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) < 0) winding--;
  }
  return winding !== 0;
}

export interface SdfGlyph {
  id: number;
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

export function drawGlyph(font: Font, codePoint: number): SdfGlyph {
  const glyph = font.charToGlyph(String.fromCodePoint(codePoint));
  const advance = Math.round(((glyph.advanceWidth ?? 0) * SIZE) / font.unitsPerEm);
  const segs = outline(glyph.getPath(0, 0, SIZE));
  if (!segs.length) return { id: codePoint, bitmap: new Uint8Array(), width: 0, height: 0, left: 0, top: -TOP_ORIGIN, advance };
  const xs = segs.flatMap((s) => [s[0], s[2]]);
  const ys = segs.flatMap((s) => [s[1], s[3]]);
  const [left, top] = [Math.floor(Math.min(...xs)), Math.floor(Math.min(...ys))];
  const [width, height] = [Math.ceil(Math.max(...xs)) - left, Math.ceil(Math.max(...ys)) - top];
  const [w, h] = [width + 2 * BORDER, height + 2 * BORDER];
  const bitmap = new Uint8Array(w * h);
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) {
      const [px, py] = [left - BORDER + i + 0.5, top - BORDER + j + 0.5];
      let d = Infinity;
      for (const s of segs) d = Math.min(d, distanceTo(s, px, py));
      const signed = inside(segs, px, py) ? -d : d;
      bitmap[j * w + i] = Math.max(0, Math.min(255, Math.round(255 - 255 * (signed / RADIUS + CUTOFF))));
    }
  return { id: codePoint, bitmap, width, height, left, top: -top - TOP_ORIGIN, advance };
}

/** One glyph range (256 code points from `start`) of a font as PBF bytes; characters the font lacks are left out. */
export function glyphRange(font: Font, fontstack: string, start: number): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, (_: unknown, p: PbfWriter) => {
    p.writeStringField(1, fontstack);
    p.writeStringField(2, `${start}-${start + 255}`);
    for (let cp = start; cp < start + 256; cp++) {
      if (cp < 32 || !font.hasChar(String.fromCodePoint(cp))) continue;
      const g = drawGlyph(font, cp);
      p.writeMessage(3, (_g: unknown, q: PbfWriter) => {
        q.writeVarintField(1, g.id);
        if (g.bitmap.length) q.writeBytesField(2, g.bitmap);
        q.writeVarintField(3, g.width);
        q.writeVarintField(4, g.height);
        q.writeSVarintField(5, g.left);
        q.writeSVarintField(6, g.top);
        q.writeVarintField(7, g.advance);
      }, null);
    }
  }, null);
  return pbf.finish();
}

export function readFont(bytes: Uint8Array): Font {
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}
