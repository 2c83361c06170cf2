// An independent RFC 7946 check for served GeoJSON: structure (geojson-validation), no crs member,
// right-hand winding, at most N decimals, id equal to the GSS code, and a bbox that holds the geometry.
import GJV from 'geojson-validation';

type Ring = number[][];
interface AnyFeature {
  id?: unknown;
  bbox?: number[];
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown };
}

/** Shoelace area in degrees²: positive for anticlockwise rings. */
export function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function positions(g: AnyFeature['geometry']): number[][] {
  if (g.type === 'Point') return [g.coordinates as number[]];
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
  return polygons.flat(2) as unknown as number[][];
}

function decimals(n: number): number {
  const s = String(n);
  return s.includes('.') ? s.split('.')[1].length : 0;
}

/** Problems found in a FeatureCollection or Feature; empty when it is valid RFC 7946 as the atlas serves it. */
export function rfc7946Problems(geojson: Record<string, unknown>, maxDecimals = 6): string[] {
  const problems: string[] = [];
  const structural = GJV.valid(geojson, true);
  if (Array.isArray(structural) && structural.length) problems.push(...structural.slice(0, 5));
  if ('crs' in geojson) problems.push('has a crs member (RFC 7946 §4 removed it)');
  const features = (geojson.type === 'FeatureCollection' ? geojson.features : [geojson]) as AnyFeature[];
  for (const f of features) {
    const code = f.properties?.code;
    if (typeof f.id !== 'string' || (code !== undefined && f.id !== code)) problems.push(`feature id ${String(f.id)} is not its code ${String(code)}`);
    const g = f.geometry;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
      for (const [outer, ...holes] of polygons) {
        if (!(signedArea(outer) > 0)) problems.push(`${String(f.id)}: outer ring is not anticlockwise`);
        for (const h of holes) if (!(signedArea(h) < 0)) problems.push(`${String(f.id)}: hole is not clockwise`);
      }
    }
    const pts = positions(g);
    if (pts.some((p) => p.length !== 2 || decimals(p[0]) > maxDecimals || decimals(p[1]) > maxDecimals)) problems.push(`${String(f.id)}: position with more than ${maxDecimals} decimals or not 2D`);
    if (pts.some(([lon, lat]) => lon < -180 || lon > 180 || lat < -90 || lat > 90)) problems.push(`${String(f.id)}: position outside lon/lat range`);
    if (f.bbox) {
      const [w, s, e, n] = f.bbox;
      if (pts.some(([lon, lat]) => lon < w || lon > e || lat < s || lat > n)) problems.push(`${String(f.id)}: bbox does not contain the geometry`);
    }
  }
  return problems;
}
