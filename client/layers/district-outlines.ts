// District boundaries derived from the areas themselves: an edge shared by two areas of different
// districts, or used by one area only (the county edge), is a district boundary. The API has no
// district polygons, and planners read the map by district, so the map draws these lines.
import type { Feature, FeatureCollection, Geometry, MultiLineString, Position } from 'geojson';

type Segment = { a: Position; b: Position; districts: Set<string>; uses: number };

const key = (p: Position) => `${p[0]},${p[1]}`;

function rings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

export function districtOutlines(features: readonly Feature<Geometry, { district_code: string }>[]): FeatureCollection<MultiLineString> {
  const segments = new Map<string, Segment>();
  for (const f of features)
    for (const ring of rings(f.geometry))
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i], ring[i + 1]];
        const [ka, kb] = [key(a), key(b)];
        if (ka === kb) continue;
        const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
        const s = segments.get(k) ?? { a, b, districts: new Set<string>(), uses: 0 };
        s.districts.add(f.properties.district_code);
        s.uses++;
        segments.set(k, s);
      }
  const lines = [...segments.values()].filter((s) => s.uses === 1 || s.districts.size > 1).map((s) => [s.a, s.b]);
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: lines } }] };
}
