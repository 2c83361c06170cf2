// /ogc/collections/{id}/items/{code}: one feature by its GSS code, with links and attribution.
import type { Request } from 'express';
import type { AtlasContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { parseQuery } from '../http/query.ts';
import { represent, type Representation } from '../http/representation.ts';
import { strongEtag } from '../cache/etag.ts';
import { collectionParam, ogcAttribution } from './collections.ts';
import type { FeatureStrings } from './features.ts';
import { link, MEDIA, ogcRoot } from './links.ts';
import { formatParam } from './params.ts';
import { htmlPage, linkHeader, wantsHtml } from './html.ts';
import { z } from 'zod';

const itemQuery = z.object({ f: formatParam(['json', 'geojson', 'html']) }).strict();

export function item(ctx: AtlasContext, features: FeatureStrings, req: Request, id: string, code: string): Representation {
  const spec = collectionParam(id);
  parseQuery(req, itemQuery);
  const area = /^[EW]\d{8}$/.test(code) ? ctx.store.area(code, spec.id) : undefined;
  if (!area) throw notFound(`collection "${spec.id}" has no feature "${code}"; feature ids are ONS GSS codes such as ${ctx.store.areas(spec.id)[0]?.code}`);
  const collectionUrl = `${ogcRoot(req)}/collections/${spec.id}`;
  const a = ogcAttribution(ctx, spec.id);
  const extra = {
    attribution: a.attribution,
    license: a.licence,
    links: [link(`${collectionUrl}/items/${area.code}`, 'self', MEDIA.geojson, area.name), link(collectionUrl, 'collection', MEDIA.json, spec.title)],
  };
  const feature = features.of(area);
  const html = wantsHtml(req);
  const other = `${collectionUrl}/items/${area.code}?f=${html ? 'json' : 'html'}`;
  extra.links.push(link(other, 'alternate', html ? MEDIA.geojson : 'text/html', html ? 'This feature as GeoJSON' : 'This feature as HTML'));
  const body = `${feature.slice(0, -1)},${JSON.stringify(extra).slice(1)}`;
  if (html) return represent(htmlPage(area.name, JSON.parse(body)), 'text/html; charset=utf-8', { effort: 'fresh', headers: { Vary: 'Accept' } });
  return represent(body, MEDIA.geojson, { effort: 'fresh', etag: strongEtag(body), headers: { Vary: 'Accept', Link: linkHeader(extra.links) } });
}
