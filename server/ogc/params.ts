// The OGC API query parameters, as zod schemas: f, bbox, limit, offset and datetime (Part 1 Core),
// filter, sortby, properties and skipGeometry (Parts 3 and 5), plus the atlas's own district/category/
// service filters. Anything else is refused with a 400.
import { z } from 'zod';
import type { BBox } from '../store/area-query.ts';
import type { AtlasContext } from '../http/context.ts';
import { areaFilterShape, combinedFilterShape } from '../http/controllers/area-params.ts';
import { DECIMAL, perContext, wholeNumber } from '../http/query.ts';

export const LIMIT_DEFAULT = 100;
export const LIMIT_MAX = 10_000;
/** Offsets beyond every layer's size simply give an empty page; the cap only keeps the number sane. */
export const OFFSET_MAX = 1_000_000;

/** `f` picks the encoding: JSON (GeoJSON for features), or HTML for people. */
export function formatParam(formats: readonly [string, ...string[]]) {
  return z.enum(formats, { error: `must be ${formats.join(' or ')}` }).optional();
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
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2})))?$/i;
const DATETIME_FORM = 'must be an RFC 3339 date-time such as 2024-05-01T00:00:00Z, or an interval such as 2020-01-01/.. ';

/** The instant in milliseconds, or null when it is malformed or names a day or time that does not exist (2020-02-30, 25:00). */
function instant(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0] = [m[1], m[2], m[3], m[5], m[6], m[7], m[10], m[11]].map((v) => Number(v ?? 0));
  // Date.UTC rolls 30 February over into March; a day that survives the round trip exists.
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  if (h > 23 || mi > 59 || sec > 60 || oh > 23 || om > 59) return null; // 60 allows a leap second
  return Date.parse(text);
}

export const datetimeParam = z.string().superRefine((s, c) => {
  const ends = s.split('/');
  const open = (e: string) => ends.length === 2 && (e === '..' || e === '');
  if (ends.length > 2 || ends.every(open)) return void c.addIssue({ code: 'custom', message: DATETIME_FORM });
  const times = ends.map((e) => (open(e) ? null : instant(e)));
  const bad = ends.find((e, i) => !open(e) && times[i] === null);
  if (bad !== undefined) return void c.addIssue({ code: 'custom', message: `"${bad}" is not a real date-time; ${DATETIME_FORM}` });
  if (times.length === 2 && times[0] !== null && times[1] !== null && times[0] > times[1])
    c.addIssue({ code: 'custom', message: `the interval is reversed: ${ends[0]} is after ${ends[1]}` });
});

/** A list of names, comma-separated (properties, sortby); checked against the collection's columns by the caller. */
const nameList = z.string().trim().min(1, 'must name at least one property').max(2000).transform((s) => s.split(',').map((n) => n.trim()).filter(Boolean));

/** A limit above the maximum is not an error (OGC API – Features 1.0.1, /req/core/fc-limit-response-1): the page is cut to LIMIT_MAX. */
const limitParam = z.string().trim().regex(/^\d{1,9}$/, `must be a whole number from 1 (pages hold at most ${LIMIT_MAX})`).transform(Number).pipe(z.number().min(1, 'must be a whole number from 1')).transform((n) => Math.min(n, LIMIT_MAX));

export const itemsQuerySchema = perContext((ctx: AtlasContext) => {
  const { district, category, service } = areaFilterShape(ctx);
  return z
    .object({
      f: formatParam(['json', 'geojson', 'html']),
      bbox: bboxParam.optional(),
      limit: limitParam.default(LIMIT_DEFAULT),
      offset: wholeNumber(0, OFFSET_MAX).default(0),
      datetime: datetimeParam.optional(),
      district,
      // GIS clients pass a -where equality on category as written ('General'); categories are lower case.
      category: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), category),
      service,
      ...combinedFilterShape,
      // OGC API – Features Part 3 and Part 5-style response shaping, over the flat feature properties.
      filter: z.string().max(4000).optional(),
      'filter-lang': z.enum(['cql2-text'], { message: 'must be cql2-text (the only filter language offered)' }).optional(),
      sortby: nameList.optional(),
      properties: nameList.optional(),
      skipGeometry: z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true').optional(),
    })
    .strict();
});
