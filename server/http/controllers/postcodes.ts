// Postcodes answered at the finest area known: GET /api/postcodes/:postcode for one (search and the
// checker), POST /api/postcodes for up to 10,000 at once. Bulk work runs in slices that yield to the
// event loop between them, and only a few bulk requests run at once, so a big paste never stalls a look-up.
import type { Request } from 'express';
import { z } from 'zod';
import { displayPostcode, postcodeKey } from '../../domain/names.ts';
import type { AreaRecord } from '../../store/records.ts';
import type { AtlasContext } from '../context.ts';
import { finestServices, withReasons, type PostcodeResult } from '../presenters/postcode-answer.ts';
import { badRequest, HttpProblem, notFound, problemFromZod } from '../problem.ts';
import { perContext } from '../query.ts';
import { represent, type Representation } from '../representation.ts';

/** The most postcodes one request may carry (postcodes.io takes 100; a district's list fits). */
export const POSTCODES_MAX = 10_000;
/** Enough for 10,000 postcodes written loosely (" le17 4qb ", quoted, comma-separated). */
export const POSTCODES_BODY_LIMIT = '512kb';
/** Postcodes answered between two turns of the event loop. */
const SLICE = 1_000;
/** Bulk requests answered at once; more get 503 with Retry-After rather than queue without bound. */
export const POSTCODES_CONCURRENT = 2;

/** A full UK postcode (outward + inward code), compared as a key without spaces. */
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

export const bulkBody = z
  .object({
    postcodes: z.array(z.string({ error: 'must be a list of postcodes as text' }).max(32, 'is too long to be a postcode'), { error: 'is required: a list of postcodes' }),
  })
  .strict();

/**
 * The areas and services per tuple of containing areas, as an object and as JSON: every postcode in
 * the same areas has the same answer, and a county has a few thousand tuples. Bounded: past the limit
 * it starts again.
 */
interface Tuple {
  placed: boolean;
  answer: Pick<PostcodeResult, 'areas' | 'services'>;
  /** `,"areas":{…},"services":[…]}`: the end of a result, shared by every postcode in these areas. */
  json: string;
}
const tuples = perContext((_ctx: AtlasContext) => new Map<string, Tuple>());
const TUPLES_MAX = 20_000;
/** Postcode key → its head (postcode, lon, lat as JSON) and tuple: placing a point is most of a cold answer. Bounded like tuples. */
const placedPostcodes = perContext((_ctx: AtlasContext) => new Map<string, { record: { postcode: string; lon: number; lat: number }; head: string; tuple: Tuple } | null>());
const POSTCODES_REMEMBERED = 100_000;

function tupleAt(ctx: AtlasContext, lon: number, lat: number): Tuple {
  const placed: AreaRecord[] = ctx.store.placeInLayers(lon, lat).map((p) => p.area);
  let key = '';
  for (const a of placed) key += `${a.layer}/${a.code} `;
  const cache = tuples(ctx);
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size >= TUPLES_MAX) cache.clear();
    const answer = finestServices(placed);
    const json = `${placed.length ? '' : ',"inside_county":false'},"areas":${JSON.stringify(answer.areas)},"services":${JSON.stringify(answer.services)}}`;
    cache.set(key, (hit = { placed: placed.length > 0, answer, json }));
  }
  return hit;
}

/** The postcode as the file has it, where it is and its tuple; null when it is not a postcode in the file. */
function placedPostcode(ctx: AtlasContext, query: string) {
  const key = postcodeKey(query);
  const cache = placedPostcodes(ctx);
  let hit = cache.get(key);
  if (hit === undefined) {
    const record = UK_POSTCODE.test(key) ? ctx.store.postcode(key) : undefined;
    hit = record ? { record, head: `,"postcode":${JSON.stringify(record.postcode)},"found":true,"lon":${record.lon},"lat":${record.lat}`, tuple: tupleAt(ctx, record.lon, record.lat) } : null;
    if (cache.size >= POSTCODES_REMEMBERED) cache.clear();
    cache.set(key, hit);
  }
  return { key, hit };
}

/** One postcode as asked; unknown or badly formed ones are `found: false`, never an error. */
export function answerPostcode(ctx: AtlasContext, query: string): PostcodeResult {
  const { key, hit } = placedPostcode(ctx, query);
  if (!hit) return { query, postcode: UK_POSTCODE.test(key) ? displayPostcode(key) : null, found: false, lon: null, lat: null, areas: {}, services: [] };
  const { record, tuple } = hit;
  return { query, postcode: record.postcode, found: true, ...(tuple.placed ? {} : { inside_county: false }), lon: record.lon, lat: record.lat, ...tuple.answer };
}

/** answerPostcode as JSON text, joined from remembered pieces (the list answer is mostly these). */
function answerJson(ctx: AtlasContext, query: string): string {
  const { hit } = placedPostcode(ctx, query);
  return hit ? `{"query":${JSON.stringify(query)}${hit.head}${hit.tuple.json}` : JSON.stringify(answerPostcode(ctx, query));
}

/** GET /api/postcodes/:postcode: a malformed postcode is a 400, one not in the postcode file a 404. */
export function onePostcode(ctx: AtlasContext, raw: string) {
  const key = postcodeKey(raw);
  if (raw.length > 16 || !UK_POSTCODE.test(key)) throw badRequest(`postcode "${raw.slice(0, 16)}" is not a full UK postcode such as LE17 4QB`);
  const result = answerPostcode(ctx, raw);
  if (!result.found) throw notFound(`postcode "${displayPostcode(key)}" is not in ${ctx.store.covers.postcodeFile}`);
  return withReasons(ctx.store, result);
}

/** Bulk requests being answered now, per atlas. */
const inFlight = perContext((_ctx: AtlasContext) => ({ running: 0 }));

/** POST /api/postcodes: `{ "postcodes": [...] }` → `{ results: [...] }`, in the order asked. */
export async function manyPostcodes(ctx: AtlasContext, req: Request): Promise<Representation> {
  const body: unknown = req.body;
  // The limit is stated before anything else is checked, so a too-long list is told so plainly.
  const asked = (body as { postcodes?: unknown } | undefined)?.postcodes;
  if (Array.isArray(asked) && asked.length > POSTCODES_MAX)
    throw new HttpProblem(413, 'Content too large', `at most ${POSTCODES_MAX.toLocaleString('en-GB')} postcodes per request; this one has ${asked.length.toLocaleString('en-GB')}`, { limit: POSTCODES_MAX });
  if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the body must be JSON: {"postcodes": ["LE17 4QB", …]}');
  const parsed = bulkBody.safeParse(body);
  if (!parsed.success) throw problemFromZod(parsed.error, 'field', ['postcodes']);
  const load = inFlight(ctx);
  if (load.running >= POSTCODES_CONCURRENT)
    throw new HttpProblem(503, 'Busy', `${POSTCODES_CONCURRENT} lists of postcodes are being answered now; try again in a moment`, { retry_after_seconds: 1 });
  load.running++;
  try {
    const list = parsed.data.postcodes;
    const parts: string[] = [];
    for (let i = 0; i < list.length; i += SLICE) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const q of list.slice(i, i + SLICE)) parts.push(answerJson(ctx, q));
    }
    return represent(`{"count":${list.length},"results":[${parts.join(',')}]}`, 'application/json', { cacheControl: 'no-store', effort: 'fresh' });
  } finally {
    load.running--;
  }
}
