// /ogc/collections/{id}/items: a page of features through the same store query as /api layers
// (queryAreas), with numberMatched/numberReturned, timeStamp and self/prev/next links. Pages are
// cached per (collection, parameters, host, group counts) with their compressed forms, so a GIS
// client paging through a layer costs a look-up after the first time; timeStamp is when the page was made.
import type { Request } from 'express';
import { queryAreas } from '../store/area-query.ts';
import { groupsVersion, type AtlasContext } from '../http/context.ts';
import { toAreaFilter } from '../http/controllers/area-params.ts';
import { cacheKey } from '../http/controllers/area-params.ts';
import { parseQuery, perContext } from '../http/query.ts';
import { represent, CACHE_SHORT, RepresentationCache, strongEtag, type Representation, type Served } from '../http/representation.ts';
import { collectionParam, ogcAttribution } from './collections.ts';
import type { FeatureStrings } from './features.ts';
import { link, MEDIA, ogcRoot, queryString } from './links.ts';
import { itemsQuerySchema } from './params.ts';
import { OGC_CHECKED_URL_BYTES, OGC_PAGE_CACHE_BYTES } from '../limits.ts';

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
  const asked = root + req.url;
  const known = checked(ctx);
  let key = known.urls.get(asked);
  if (key === undefined) {
    parseQuery(req, itemsQuerySchema(ctx)); // a bad parameter is a 400 naming it
    key = cacheKey({ kind: 'ogc-items', id: spec.id, root, query: queryString(req.query as Record<string, string>) });
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

function itemsPage(ctx: AtlasContext, features: FeatureStrings, req: Request, spec: ReturnType<typeof collectionParam>, q: ReturnType<ReturnType<typeof itemsQuerySchema>['parse']>): Representation {
  const page = queryAreas(ctx.store, spec.id, { ...toAreaFilter(q, spec.id, ctx.groups.counts(spec.id, null)), bbox: q.bbox ?? null }, q.offset, q.limit);

  // Links repeat the caller's own parameters (as written), with limit and offset made explicit.
  const given = req.query as Record<string, string>;
  const here = `${ogcRoot(req)}/collections/${spec.id}/items`;
  const at = (offset: number) => here + queryString({ ...given, limit: q.limit, offset });
  const links = [link(at(q.offset), 'self', MEDIA.geojson, 'This page')];
  if (q.offset + page.areas.length < page.numberMatched) links.push(link(at(q.offset + q.limit), 'next', MEDIA.geojson, 'Next page'));
  if (q.offset > 0) links.push(link(at(Math.max(0, q.offset - q.limit)), 'prev', MEDIA.geojson, 'Previous page'));
  links.push(link(`${ogcRoot(req)}/collections/${spec.id}`, 'collection', MEDIA.json, spec.title));

  const a = ogcAttribution(ctx, spec.id);
  const meta = {
    numberMatched: page.numberMatched,
    numberReturned: page.areas.length,
    attribution: a.attribution,
    license: a.licence,
    links,
  };
  // timeStamp changes every response; the ETag covers everything else and is weak (same content, other bytes).
  const rest = `${JSON.stringify(meta).slice(1, -1)},"features":[${page.areas.map((area) => features.of(area)).join(',')}]}`;
  const body = `{"type":"FeatureCollection","timeStamp":"${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}",${rest}`;
  return represent(body, MEDIA.geojson, { effort: 'fresh', etag: `W/${strongEtag(rest)}`, cacheControl: CACHE_SHORT });
}
