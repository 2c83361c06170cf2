// District boundaries derived from the areas of one layer: an edge shared by two areas of different
// districts, or used by one area only (the edge of the area covered), is a district boundary. Each
// district gets its boundary edges joined into as few lines as possible. The boundary files carry
// no district polygons, and this runs once at build time rather than in every browser.
import type { Feature, Geometry, MultiLineString, Position } from 'geojson';

export interface DistrictArea {
  districtCode: string;
  geometry: Geometry;
}

/** An edge and who uses it: the first district to, any others in the order they came (a Set per edge
 *  doubled the memory of the 4 million edges of England's LSOAs), and how many areas. */
type Segment = { a: Position; b: Position; district: string; others: string[] | null; uses: number };

const key = (p: Position) => `${p[0]},${p[1]}`;

function rings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

/** Joins segments end to end into polylines (greedy, both directions from each unused segment). */
export function chainSegments(segments: readonly [Position, Position][]): Position[][] {
  const at = new Map<string, number[]>();
  segments.forEach(([a, b], i) => {
    for (const p of [a, b]) {
      const list = at.get(key(p)) ?? [];
      list.push(i);
      at.set(key(p), list);
    }
  });
  const used = new Uint8Array(segments.length);
  const next = (p: Position): Position | null => {
    for (const i of at.get(key(p)) ?? []) {
      if (used[i]) continue;
      used[i] = 1;
      const [a, b] = segments[i];
      return key(a) === key(p) ? b : a;
    }
    return null;
  };
  const lines: Position[][] = [];
  segments.forEach(([a, b], i) => {
    if (used[i]) return;
    used[i] = 1;
    const line = [a, b];
    for (let p = next(b); p; p = next(line[line.length - 1])) line.push(p);
    for (let p = next(a); p; p = next(line[0])) line.unshift(p);
    lines.push(line);
  });
  return lines;
}

/** One MultiLineString per district, in the order given, with the district's code and name. */
export function districtOutlines(
  areas: readonly DistrictArea[],
  districts: readonly { code: string; name: string }[],
): Feature<MultiLineString, { code: string; name: string }>[] {
  const segments = new Map<string, Segment>();
  for (const area of areas)
    for (const ring of rings(area.geometry))
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i], ring[i + 1]];
        const [ka, kb] = [key(a), key(b)];
        if (ka === kb) continue;
        const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
        const s = segments.get(k);
        if (!s) segments.set(k, { a, b, district: area.districtCode, others: null, uses: 1 });
        else {
          if (s.district !== area.districtCode && !s.others?.includes(area.districtCode)) (s.others ??= []).push(area.districtCode);
          s.uses++;
        }
      }
  const byDistrict = new Map<string, [Position, Position][]>();
  for (const s of segments.values()) {
    if (s.uses !== 1 && !s.others) continue;
    for (const d of s.others ? [s.district, ...s.others] : [s.district]) {
      const list = byDistrict.get(d) ?? [];
      list.push([s.a, s.b]);
      byDistrict.set(d, list);
    }
  }
  return districts
    .filter((d) => byDistrict.has(d.code))
    .map((d) => ({ type: 'Feature', properties: { code: d.code, name: d.name }, geometry: { type: 'MultiLineString', coordinates: chainSegments(byDistrict.get(d.code)!) } }));
}
