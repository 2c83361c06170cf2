// /ogc/collections and /ogc/collections/{id}: one collection per entry of the layer registry, with
// its extent, feature count, attribution and licence, and links to items and the /api downloads.
import type { Request } from 'express';
import { z } from 'zod';
import { CATEGORIES, SERVICE_IDS } from '../domain/vocabulary.ts';
import { combinedFilterShape } from '../http/controllers/area-params.ts';
import { commaList } from '../http/query.ts';
import { isLayerId, LAYERS, type LayerId, type LayerSpec } from '../registry/layers.ts';
import type { AtlasContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { layerAttribution } from '../http/presenters/attribution.ts';
import { parseQuery } from '../http/query.ts';
import { CRS84, link, MEDIA, ogcRoot, serverRoot, type Link } from './links.ts';
import { formatParam } from './params.ts';

/**
 * The metadata resources take `f`, and also the item filters (checked for form, otherwise unused): a GIS
 * client opened on `/ogc/collections/lsoas?imd_decile_max=3` (GDAL, QGIS) repeats the connection's
 * query on every request it makes, and only the items answer with it.
 */
export const metadataQuery = z
  .object({
    f: formatParam(['json', 'html']),
    district: z.string().max(500).optional(),
    category: commaList([...CATEGORIES, 'none'] as const, 'category').optional(),
    service: commaList(SERVICE_IDS, 'service').optional(),
    ...combinedFilterShape,
  })
  .strict();

export function collectionParam(id: string): LayerSpec {
  if (!isLayerId(id)) throw notFound(`no collection "${id}"; collections are ${LAYERS.map((l) => l.id).join(', ')}`);
  return LAYERS.find((l) => l.id === id)!;
}

/** Attribution and licence as they travel with every OGC response about a layer. */
export function ogcAttribution(ctx: AtlasContext, layer: LayerId) {
  const a = layerAttribution(ctx.store, layer);
  return { attribution: a.attribution, licence: a.licence, licenceUrl: a.licence_url };
}

export function describeCollection(ctx: AtlasContext, req: Request, spec: LayerSpec) {
  const record = ctx.store.layers.find((l) => l.id === spec.id)!;
  const root = ogcRoot(req);
  const here = `${root}/collections/${spec.id}`;
  const api = `${serverRoot(req)}/api/layers/${spec.id}`;
  const a = ogcAttribution(ctx, spec.id);
  const links: Link[] = [
    link(here, 'self', MEDIA.json, 'This collection'),
    link(`${here}/items`, 'items', MEDIA.geojson, `${spec.title}: features`),
    // Relation types are case-insensitive (RFC 8288); GDAL 3.6 matches only this spelling.
    link(`${here}/schema`, 'describedBy', MEDIA.schema, 'JSON Schema of the features'),
    link(`${here}/queryables`, 'http://www.opengis.net/def/rel/ogc/1.0/queryables', MEDIA.schema, 'The filters the items take'),
    link(a.licenceUrl, 'license', 'text/html', a.licence),
    link(`${api}.geojson?precision=6&format=flat`, 'enclosure', MEDIA.geojson, `${spec.title}: whole layer as GeoJSON (flat properties, as the items)`),
    link(`${api}.csv`, 'enclosure', MEDIA.csv, `${spec.title}: whole layer as CSV (centroids)`),
    link(root, 'root', MEDIA.json, 'Landing page'),
  ];
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    keywords: [ctx.store.covers.name, 'Stronger Communities', spec.areaNoun, ...(spec.historical ? ['historical'] : [])],
    itemType: 'feature',
    crs: [CRS84],
    storageCrs: CRS84,
    extent: { spatial: { bbox: [record.bbox], crs: CRS84 } },
    featureCount: record.featureCount,
    vintage: record.source.vintage,
    attribution: a.attribution,
    license: a.licence,
    links,
  };
}

export function collections(ctx: AtlasContext, req: Request) {
  parseQuery(req, metadataQuery);
  const root = ogcRoot(req);
  return {
    links: [link(`${root}/collections`, 'self', MEDIA.json, 'The collections'), link(root, 'root', MEDIA.json, 'Landing page')],
    collections: LAYERS.map((spec) => describeCollection(ctx, req, spec)),
  };
}

export function collection(ctx: AtlasContext, req: Request, id: string) {
  const spec = collectionParam(id);
  parseQuery(req, metadataQuery);
  return describeCollection(ctx, req, spec);
}
