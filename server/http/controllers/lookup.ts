// Point and postcode look-up: the area of every layer that contains the point, each with its services,
// from the in-memory point index. Everything after the query is the same for every point in the same
// areas, so it is assembled once per tuple of areas and an answer is the query plus those bytes.
import type { Request } from 'express';
import { z } from 'zod';
import { displayPostcode, postcodeKey } from '../../domain/names.ts';
import type { Placed } from '../../store/atlas-store.ts';
import type { AreaRecord } from '../../store/records.ts';
import { requestEtag } from '../build-tag.ts';
import type { AtlasContext } from '../context.ts';
import { lookupArea } from '../presenters/lookup-area.ts';
import { badRequest, notFound } from '../problem.ts';
import { DECIMAL, latitude, longitude, parseQuery, perContext } from '../query.ts';
import { RepresentationCache } from '../representation-cache.ts';
import { represent, type Representation } from '../representation.ts';
import { LOOKUP_ANSWERS_MAX_BYTES, LOOKUP_TAILS_MAX_BYTES } from '../../config/limits.ts';

/** A full unit postcode (outward + inward code), compared as a key without spaces. */
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

export const lookupQuery = z
  .object({
    lon: longitude.optional(),
    lat: latitude.optional(),
    postcode: z
      .string()
      .max(16, 'is too long to be a postcode')
      .transform(postcodeKey)
      .pipe(z.string().regex(UK_POSTCODE, 'is not a full UK postcode such as LE17 4QB'))
      .optional(),
  })
  .strict();

/** The answer's shape (built as text below from the presenter's fragments). */
export interface LookupAnswer {
  query: { lon: number; lat: number; postcode?: string };
  inside_county: boolean;
  areas: ReturnType<typeof lookupArea>[];
}

/** Each area's look-up fragment, serialised once from the presenter: an answer joins ready strings. */
const fragments = perContext((_ctx: AtlasContext) => new Map<AreaRecord, string>());

function fragment(ctx: AtlasContext, placed: Placed): string {
  // A point on a shared boundary names its neighbours: rare, so that answer is built fresh.
  if (placed.boundaryWith.length) return JSON.stringify(lookupArea(ctx.store, placed.area, placed.boundaryWith));
  const cache = fragments(ctx);
  let json = cache.get(placed.area);
  if (json === undefined) cache.set(placed.area, (json = JSON.stringify(lookupArea(ctx.store, placed.area, []))));
  return json;
}

/**
 * The bytes after the query, `,"inside_county":…,"areas":[…]}`, per tuple of areas (key: their
 * layers and codes). Bounded in bytes: a county has a few thousand tuples; past the budget the map
 * starts again rather than grow.
 */
const tails = perContext((_ctx: AtlasContext) => ({ map: new Map<string, Buffer>(), bytes: 0 }));

function tail(ctx: AtlasContext, placed: Placed[]): Buffer {
  const make = () => Buffer.from(`,"inside_county":${placed.length > 0},"areas":[${placed.map((p) => fragment(ctx, p)).join(',')}]}`);
  if (placed.some((p) => p.boundaryWith.length)) return make();
  const cache = tails(ctx);
  let key = '';
  for (const p of placed) key += `${p.area.layer}:${p.area.code} `;
  let bytes = cache.map.get(key);
  if (bytes === undefined) {
    bytes = make();
    if (cache.bytes + bytes.length > LOOKUP_TAILS_MAX_BYTES) {
      cache.map.clear();
      cache.bytes = 0;
    }
    cache.map.set(key, bytes);
    cache.bytes += bytes.length;
  }
  return bytes;
}

/**
 * The common request, `lon` and `lat` once each as plain decimals in range, checked by hand: zod costs
 * more than the rest of a look-up. Anything else (another parameter, a bad value) goes through the
 * zod schema, which names what is wrong.
 */
function plainPoint(query: Request['query']): { lon: number; lat: number } | null {
  let count = 0;
  for (const _ in query) count++;
  const { lon, lat } = query;
  if (count !== 2 || typeof lon !== 'string' || typeof lat !== 'string' || !DECIMAL.test(lon) || !DECIMAL.test(lat)) return null;
  const point = { lon: Number(lon), lat: Number(lat) };
  return Math.abs(point.lon) <= 180 && Math.abs(point.lat) <= 90 ? point : null;
}

function askedPoint(ctx: AtlasContext, req: Pick<Request, 'query'>): LookupAnswer['query'] {
  const plain = plainPoint(req.query);
  if (plain) return plain;
  const q = parseQuery(req, lookupQuery);
  if (q.postcode !== undefined) {
    if (q.lon !== undefined || q.lat !== undefined) throw badRequest('give either "postcode" or "lon" and "lat", not both');
    const hit = ctx.store.postcode(q.postcode);
    if (!hit) throw notFound(`postcode "${displayPostcode(q.postcode)}" is not in ${ctx.store.covers.postcodeFile}`);
    return { lon: hit.lon, lat: hit.lat, postcode: hit.postcode };
  }
  if (q.lon === undefined) throw badRequest('parameter "lon": is required (or give "postcode")');
  if (q.lat === undefined) throw badRequest('parameter "lat": is required (or give "postcode")');
  return { lon: q.lon, lat: q.lat };
}

/**
 * Answers asked for compressed, by point (or postcode): compressing a 2 kB answer costs more than
 * finding and assembling it, and the same points come back (a postcode, a shared link, a map
 * re-opened). Uncompressed answers are assembled every time. Bounded in bytes, least recently used out.
 */
const compressedAnswers = perContext((_ctx: AtlasContext) => new RepresentationCache({ maxBytes: LOOKUP_ANSWERS_MAX_BYTES }));

export function lookup(ctx: AtlasContext, req: Pick<Request, 'query' | 'headers'>): Representation {
  const point = askedPoint(ctx, req);
  const request = point.postcode === undefined ? `${point.lon}_${point.lat}` : postcodeKey(point.postcode);
  const make = () => answer(ctx, point, request);
  return req.headers['accept-encoding'] ? compressedAnswers(ctx).remember(request, make) : make();
}

function answer(ctx: AtlasContext, point: LookupAnswer['query'], request: string): Representation {
  const head = `{"query":${JSON.stringify(point)}`;
  const rest = tail(ctx, ctx.store.placeInLayers(point.lon, point.lat));
  const headBytes = Buffer.byteLength(head);
  const body = Buffer.allocUnsafe(headBytes + rest.length);
  body.write(head, 0);
  rest.copy(body, headBytes);
  return represent(body, 'application/json', { etag: requestEtag(ctx.store, request), effort: 'fresh' });
}
