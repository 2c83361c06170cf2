// Splits a GeoJSON FeatureCollection file into the text of each feature without parsing the whole
// file, so the build parses one feature at a time: at England size JSON.parse of a 94 MB boundary file
// builds about half a gigabyte of arrays at once. Anything it does not recognise as a plain
// `{ ..., "features": [ {...}, {...} ], ... }` returns null, and the caller parses the file whole (which
// also gives the usual error for a file that is not JSON).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export interface SplitCollection {
  /** The top-level object with `features` emptied, parsed: its type, crs and other members. */
  top: Record<string, unknown>;
  /** [start, end) byte offsets of each feature object, in file order. */
  spans: [number, number][];
}

/** The top-level members and where each feature's text lies, or null if the file is not that simple shape. */
export function splitFeatureCollection(buf: Buffer): SplitCollection | null {
  let depth = 0;
  let seenTop = false;
  let expectKey = false;
  let lastKey = '';
  let arrayStart = -1;
  let arrayEnd = -1;
  /** Inside the features array: 'item' (an element or ']' next), 'comma' (',' or ']' next), 'after-comma' (an element next). */
  let inArray: 'item' | 'comma' | 'after-comma' | null = null;
  let featureStart = -1;
  const spans: [number, number][] = [];
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) {
      const start = i;
      for (i++; i < buf.length && buf[i] !== QUOTE; i++) if (buf[i] === BACKSLASH) i++;
      if (i >= buf.length || depth === 0 || (inArray && depth === 2)) return null;
      if (depth === 1 && expectKey) {
        lastKey = buf.toString('utf8', start + 1, i);
        expectKey = false;
      }
      continue;
    }
    if (isSpace(c)) continue;
    if (depth === 0 && (seenTop || c !== OPEN_BRACE)) return null;
    if (inArray && depth === 2) {
      // Directly inside the features array: only objects, separated by single commas.
      if (c === OPEN_BRACE && inArray !== 'comma') {
        featureStart = i;
        depth = 3;
        continue;
      }
      if (c === COMMA && inArray === 'comma') {
        inArray = 'after-comma';
        continue;
      }
      if (c === CLOSE_BRACKET && inArray !== 'after-comma') {
        arrayEnd = i;
        inArray = null;
        depth = 1;
        continue;
      }
      return null;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === 1 && c === OPEN_BRACKET && lastKey === 'features') {
        if (arrayStart >= 0) return null; // "features" twice
        arrayStart = i;
        inArray = 'item';
        depth = 2;
        continue;
      }
      depth++;
      if (depth === 1) {
        seenTop = true;
        expectKey = true;
      }
      continue;
    }
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth < 0) return null;
      if (inArray && depth === 2) {
        spans.push([featureStart, i + 1]);
        inArray = 'comma';
      }
      continue;
    }
    if (c === COMMA && depth === 1) expectKey = true;
  }
  if (depth !== 0 || !seenTop || arrayEnd < 0) return null;
  try {
    const top = JSON.parse(`${buf.toString('utf8', 0, arrayStart)}[]${buf.toString('utf8', arrayEnd + 1)}`) as unknown;
    return top && typeof top === 'object' && !Array.isArray(top) ? { top: top as Record<string, unknown>, spans } : null;
  } catch {
    return null;
  }
}
