// The OGC API query parameters, as zod schemas: f, bbox, limit, offset and datetime (Part 1 Core),
// plus the atlas's own district/category/service filters. Anything else is refused with a 400.
import { z } from 'zod';
import type { BBox } from '../store/area-query.ts';
import type { AtlasContext } from '../http/context.ts';
import { areaFilterShape } from '../http/controllers/area-params.ts';
import { DECIMAL, perContext, wholeNumber } from '../http/query.ts';

export const LIMIT_DEFAULT = 100;
export const LIMIT_MAX = 10_000;
/** Offsets beyond every layer's size simply give an empty page; the cap only keeps the number sane. */
export const OFFSET_MAX = 1_000_000;

/** `f` picks the encoding; only JSON (GeoJSON for features) is offered. */
export function formatParam(formats: readonly [string, ...string[]]) {
  return z.enum(formats, { error: `must be ${formats.join(' or ')}; this API offers JSON only` }).optional();
}

const inRange = (v: number, lo: number, hi: number) => v >= lo && v <= hi;

/** bbox=minLon,minLat,maxLon,maxLat in CRS84 (or 6 numbers with heights, which are ignored). */
export const bboxParam = z.string().transform((s, c): BBox => {
  const parts = s.split(',').map((p) => p.trim());
  const fail = (message: string) => {
    c.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (parts.length !== 4 && parts.length !== 6) return fail('must be four numbers: minLon,minLat,maxLon,maxLat');
  if (!parts.every((p) => DECIMAL.test(p))) return fail('must be four comma-separated decimal numbers: minLon,minLat,maxLon,maxLat');
  const n = parts.map(Number);
  const [w, s2, e, north] = parts.length === 4 ? n : [n[0], n[1], n[3], n[4]];
  if (!inRange(w, -180, 180) || !inRange(e, -180, 180)) return fail('longitudes must be between -180 and 180');
  if (!inRange(s2, -90, 90) || !inRange(north, -90, 90)) return fail('latitudes must be between -90 and 90');
  if (s2 > north) return fail(`is inverted: minLat ${s2} is north of maxLat ${north}`);
  // Boxes across the antimeridian (minLon > maxLon) are legal in OGC API, but no English area needs them.
  if (w > e) return fail(`is inverted: minLon ${w} is east of maxLon ${e} (boxes across the antimeridian are not supported)`);
  return [w, s2, e, north];
});

/** An RFC 3339 instant, or an interval with ".." or an empty end for open ends. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i;
export const datetimeParam = z.string().refine((s) => {
  const ends = s.split('/');
  if (ends.length > 2) return false;
  const open = (e: string) => ends.length === 2 && (e === '..' || e === '');
  if (ends.every(open)) return false;
  return ends.every((e) => open(e) || (INSTANT.test(e) && !Number.isNaN(Date.parse(e))));
}, 'must be an RFC 3339 date-time such as 2024-05-01T00:00:00Z, or an interval such as 2020-01-01/.. ');

export const itemsQuerySchema = perContext((ctx: AtlasContext) => {
  const { district, category, service } = areaFilterShape(ctx);
  return z
    .object({
      f: formatParam(['json', 'geojson']),
      bbox: bboxParam.optional(),
      limit: wholeNumber(1, LIMIT_MAX).default(LIMIT_DEFAULT),
      offset: wholeNumber(0, OFFSET_MAX).default(0),
      datetime: datetimeParam.optional(),
      district,
      category,
      service,
    })
    .strict();
});
