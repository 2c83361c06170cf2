// Reads a register given as GeoJSON: a FeatureCollection (or one Feature) of Points whose
// properties carry name, category and the optional fields. A feature without geometry may still
// be placed by a postcode or area_code property. Rows are numbered by feature, from 1.
import type { RawRow, Rejection } from './group-input.ts';
import type { ReadRows } from './read-csv-rows.ts';
import { KNOWN_COLUMNS } from './read-csv-rows.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readGeojsonRows(text: string | object): ReadRows {
  const fail = (reason: string): ReadRows => ({ rows: [], rejected: [], ignoredColumns: [], problem: { line: 0, field: null, kind: 'bad_file', reason } });
  let doc: unknown = text;
  if (typeof text === 'string') {
    try {
      doc = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return fail('not valid JSON');
    }
  }
  if (!isObject(doc)) return fail('expected a GeoJSON FeatureCollection');
  if (doc.crs !== undefined) return fail('has a "crs" member; RFC 7946 GeoJSON is always WGS84 longitude/latitude and has none');
  const features = doc.type === 'FeatureCollection' ? doc.features : doc.type === 'Feature' ? [doc] : undefined;
  if (!Array.isArray(features)) return fail('expected a GeoJSON FeatureCollection with a "features" array');

  const rows: RawRow[] = [];
  const rejected: Rejection[] = [];
  const ignored = new Set<string>();
  features.forEach((feature, i) => {
    const line = i + 1;
    const bad = (field: string | null, reason: string) => rejected.push({ line, field, kind: 'invalid_value', reason });
    if (!isObject(feature) || feature.type !== 'Feature') return bad(null, 'is not a GeoJSON Feature');
    const props = feature.properties ?? {};
    if (!isObject(props)) return bad('properties', 'properties must be an object');
    const cells: RawRow['cells'] = {};
    for (const [k, v] of Object.entries(props)) {
      if (!KNOWN_COLUMNS.includes(k) || k === 'lon' || k === 'lat') ignored.add(k);
      else if (typeof v === 'number' || typeof v === 'string') cells[k] = v;
      // An object or array is not a name, and String() of one nested 20,000 deep overflows the stack.
      else if (v !== null && v !== undefined) return bad(k, `${k} must be text, not ${Array.isArray(v) ? 'an array' : typeof v}`);
    }
    const g = feature.geometry;
    if (g !== null && g !== undefined) {
      if (!isObject(g) || g.type !== 'Point') return bad('geometry', `geometry must be a Point, not ${isObject(g) ? String(g.type) : typeof g}`);
      const c = g.coordinates;
      if (!Array.isArray(c) || c.length < 2 || !c.every((n) => typeof n === 'number' && Number.isFinite(n)))
        return bad('geometry', 'Point coordinates must be [longitude, latitude] numbers');
      cells.lon = c[0] as number;
      cells.lat = c[1] as number;
    }
    rows.push({ line, cells });
  });
  return { rows, rejected, ignoredColumns: [...ignored].sort(), problem: null };
}
