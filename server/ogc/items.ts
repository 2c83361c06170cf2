// /ogc/collections/{id}/items: a page of features through the same store query as /api layers
// (queryAreas), with numberMatched/numberReturned, timeStamp and self/prev/next links. Pages are
// cached per (collection, parameters, host, group counts) with their compressed forms, so a GIS
// client paging through a layer costs a look-up after the first time; timeStamp is when the page was made.
import type { Request } from 'express';
import { filterAreas, queryAreas, type AreaPage } from '../store/area-query.ts';
import type { LayerId } from '../registry/layers.ts';
import { badRequest } from '../http/problem.ts';
import { Cql2Error, parseCql2, type Predicate } from './cql2.ts';
import { queryableTypes } from './queryables.ts';
import { groupsVersion, type AtlasContext } from '../http/context.ts';
import { toAreaFilter } from '../http/controllers/area-params.ts';
import { cacheKey } from '../http/controllers/area-params.ts';
import { parseQuery, perContext } from '../http/query.ts';
import { RepresentationCache } from '../http/representation-cache.ts';
import { represent, CACHE_SHORT, type Representation, type Served } from '../http/representation.ts';
import { strongEtag } from '../cache/etag.ts';
import { collectionParam, ogcAttribution } from './collections.ts';
import type { FeatureStrings } from './features.ts';
import { link, MEDIA, ogcRoot, queryString } from './links.ts';
import { itemsQuerySchema } from './params.ts';
import { OGC_CHECKED_URL_BYTES, OGC_PAGE_CACHE_BYTES } from '../config/limits.ts';
import { htmlPage, linkHeader, wantsHtml } from './html.ts';

/** Pages have their own cache (bounded in bytes, with their encodings), so paging never evicts a layer. */
const pages = perContext((_ctx: AtlasContext) => new RepresentationCache({ maxBytes: OGC_PAGE_CACHE_BYTES }));

/**
 * Requests already checked, as written (root and URL), to their page's cache key: a GIS client asks
 * for the same few URLs again and again, and checking the parameters with zod cost more than sending
 * a cached page. Bounded in bytes (OGC_CHECKED_URL_BYTES; URLs and Host headers can be long): past
 * the budget it starts again.
 */
const checked = perContext((_ctx: AtlasContext) => ({ urls: new Map<string, string>(), bytes: 0 }));

/** Bytes the checked-URL memory holds now (UTF-16, keys and values), for tests and the memory budget. */
export const checkedUrlBytes = (ctx: AtlasContext) => checked(ctx).bytes;

export function items(ctx: AtlasContext, features: FeatureStrings, req: Request, id: string): Served {
  const spec = collectionParam(id);
  const root = ogcRoot(req);
  const html = wantsHtml(req);
  const asked = `${root}${req.url}${html ? ' html' : ''}`;
  const known = checked(ctx);
  let key = known.urls.get(asked);
  if (key === undefined) {
    parseQuery(req, itemsQuerySchema(ctx)); // a bad parameter is a 400 naming it
    key = cacheKey({ kind: 'ogc-items', id: spec.id, root, html, query: queryString(req.query as Record<string, string>) });
    const bytes = 2 * (asked.length + key.length);
    if (known.bytes + bytes > OGC_CHECKED_URL_BYTES) {
      known.urls.clear();
      known.bytes = 0;
    }
    if (bytes <= OGC_CHECKED_URL_BYTES) {
      known.urls.set(asked, key);
      known.bytes += bytes;
    }
  }
  return pages(ctx).get(`${key} ${groupsVersion(ctx)}`, () => itemsPage(ctx, features, req, spec, parseQuery(req, itemsQuerySchema(ctx))), req);
}

type ItemsQuery = ReturnType<ReturnType<typeof itemsQuerySchema>['parse']>;

/** A problem naming the parameter, as zod's are named. */
const badParam = (name: string, reason: string) => badRequest(`parameter "${name}": ${reason}`, { invalid_params: [{ name, reason }] });

/**
 * The page's areas and how many match: the store query alone, or with a CQL2 filter and sortby over the
 * flat properties of every area the store query keeps (then the page is cut from the sorted list).
 */
function selectAreas(ctx: AtlasContext, features: FeatureStrings, layer: LayerId, q: ItemsQuery): AreaPage {
  const filter = { ...toAreaFilter(q, layer, ctx.groups.counts(layer, null)), bbox: q.bbox ?? null };
  if (q.filter === undefined && !q.sortby) return queryAreas(ctx.store, layer, filter, q.offset, q.limit);
  const types = queryableTypes(ctx, layer);
  let test: Predicate = () => true;
  try {
    if (q.filter !== undefined) test = parseCql2(q.filter, types);
  } catch (err) {
    if (err instanceof Cql2Error) throw badParam('filter', err.message);
    throw err;
  }
  const keys = (q.sortby ?? []).map((s) => ({ name: s.replace(/^[+-]/, ''), down: s.startsWith('-') }));
  for (const k of keys) if (!types.has(k.name)) throw badParam('sortby', `"${k.name}" is not a property of this collection; see its /queryables`);
  const rows = filterAreas(ctx.store, layer, filter).map((area) => ({ area, p: features.properties(area) })).filter((r) => test(r.p));
  if (keys.length)
    rows.sort((a, b) => {
      for (const k of keys) {
        const x = a.p[k.name] ?? null;
        const y = b.p[k.name] ?? null;
        if (x === y) continue;
        if (x === null) return 1; // nulls last, either way
        if (y === null) return -1;
        return (x < y ? -1 : 1) * (k.down ? -1 : 1);
      }
      return 0;
    });
  return { areas: rows.slice(q.offset, q.offset + q.limit).map((r) => r.area), numberMatched: rows.length };
}

/** The feature as stored, or cut to the asked properties and without geometry (Part 5's properties, skipGeometry). */
function shaped(text: string, q: ItemsQuery, columns: readonly string[]): string {
  if (!q.properties && !q.skipGeometry) return text;
  const f = JSON.parse(text) as { bbox?: number[]; properties: Record<string, unknown>; geometry: unknown };
  if (q.properties) f.properties = Object.fromEntries(columns.filter((c) => q.properties!.includes(c)).map((c) => [c, f.properties[c]]));
  if (q.skipGeometry) {
    delete f.bbox;
    f.geometry = null;
  }
  return JSON.stringify(f);
}

function itemsPage(ctx: AtlasContext, features: FeatureStrings, req: Request, spec: ReturnType<typeof collectionParam>, q: ItemsQuery): Representation {
  const columns = [...queryableTypes(ctx, spec.id).keys()];
  const unknown = q.properties?.find((p) => !columns.includes(p));
  if (unknown) throw badParam('properties', `"${unknown}" is not a property of this collection; see its /queryables`);
  const page = selectAreas(ctx, features, spec.id, q);

  // Links repeat the caller's own parameters (as written), with limit and offset made explicit.
  const given = req.query as Record<string, string>;
  const here = `${ogcRoot(req)}/collections/${spec.id}/items`;
  const at = (offset: number) => here + queryString({ ...given, limit: q.limit, offset });
  const links = [link(at(q.offset), 'self', MEDIA.geojson, 'This page')];
  if (q.offset + page.areas.length < page.numberMatched) links.push(link(at(q.offset + q.limit), 'next', MEDIA.geojson, 'Next page'));
  if (q.offset > 0) links.push(link(at(Math.max(0, q.offset - q.limit)), 'prev', MEDIA.geojson, 'Previous page'));
  links.push(link(`${ogcRoot(req)}/collections/${spec.id}`, 'collection', MEDIA.json, spec.title));
  const html = wantsHtml(req);
  links.push(link(here + queryString({ ...given, limit: q.limit, offset: q.offset, f: html ? 'json' : 'html' }), 'alternate', html ? MEDIA.geojson : 'text/html', html ? 'This page as GeoJSON' : 'This page as HTML'));

  const a = ogcAttribution(ctx, spec.id);
  const meta = {
    numberMatched: page.numberMatched,
    numberReturned: page.areas.length,
    attribution: a.attribution,
    license: a.licence,
    links,
  };
  // timeStamp changes every response; the ETag covers everything else and is weak (same content, other bytes).
  const rest = `${JSON.stringify(meta).slice(1, -1)},"features":[${page.areas.map((area) => shaped(features.of(area), q, columns)).join(',')}]}`;
  const body = `{"type":"FeatureCollection","timeStamp":"${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}",${rest}`;
  if (wantsHtml(req)) return represent(htmlPage(`${spec.title}: features`, JSON.parse(body)), 'text/html; charset=utf-8', { effort: 'fresh', cacheControl: CACHE_SHORT, headers: { Vary: 'Accept' } });
  return represent(body, MEDIA.geojson, { effort: 'fresh', etag: `W/${strongEtag(rest)}`, cacheControl: CACHE_SHORT, headers: { Vary: 'Accept', Link: linkHeader(links) } });
}
