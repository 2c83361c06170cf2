// Point and postcode look-up: the area of every layer that contains the point, each with its services,
// from the in-memory point index, with each area's part of the answer serialised once.
import type { Request } from 'express';
import { z } from 'zod';
import { displayPostcode, postcodeKey } from '../../domain/names.ts';
import type { Placed } from '../../store/atlas-store.ts';
import type { AreaRecord } from '../../store/records.ts';
import { requestEtag } from '../build-tag.ts';
import type { AtlasContext } from '../context.ts';
import { lookupArea } from '../presenters/lookup-area.ts';
import { badRequest, notFound } from '../problem.ts';
import { latitude, longitude, parseQuery, perContext } from '../query.ts';
import { represent, type Representation } from '../representation.ts';

/** A full unit postcode (outward + inward code), compared as a key without spaces. */
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

const lookupQuery = z
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

export function lookup(ctx: AtlasContext, req: Pick<Request, 'query'>): Representation {
  const q = parseQuery(req, lookupQuery);
  let point: LookupAnswer['query'];
  if (q.postcode !== undefined) {
    if (q.lon !== undefined || q.lat !== undefined) throw badRequest('give either "postcode" or "lon" and "lat", not both');
    const hit = ctx.store.postcode(q.postcode);
    if (!hit) throw notFound(`postcode "${displayPostcode(q.postcode)}" is not in ${ctx.store.covers.postcodeFile}`);
    point = { lon: hit.lon, lat: hit.lat, postcode: hit.postcode };
  } else {
    if (q.lon === undefined) throw badRequest('parameter "lon": is required (or give "postcode")');
    if (q.lat === undefined) throw badRequest('parameter "lat": is required (or give "postcode")');
    point = { lon: q.lon, lat: q.lat };
  }
  const placed = ctx.store.placeInLayers(point.lon, point.lat);
  const body = `{"query":${JSON.stringify(point)},"inside_county":${placed.length > 0},"areas":[${placed.map((p) => fragment(ctx, p)).join(',')}]}`;
  const etag = requestEtag(ctx.store, q.postcode ?? `${point.lon}_${point.lat}`);
  return represent(body, 'application/json', { etag, effort: 'fresh' });
}
