// The layer endpoints: the list of layers with their fields and attribution, and each layer as
// GeoJSON or CSV with optional filters, served from the representation cache.
import { registerSummaryJson } from '../../store/group-counts.ts';
import { downloadName } from '../download-name.ts';
import type { Request } from 'express';
import { z } from 'zod';
import { clientFacts, isLayerId, layerById, type LayerId, LAYERS, PLACES_LAYER } from '../../registry/layers.ts';
import { densityContext } from '../../analysis/density-context.ts';
import { filterAreas } from '../../store/area-query.ts';
import { placesText, type NamedPlace } from '../../domain/lsoa-places.ts';
import type { AtlasContext } from '../context.ts';
import { notFound } from '../problem.ts';
import { areaFeature, layerFieldNames, roundBBox } from '../presenters/area-feature.ts';
import { fieldsFor, FIELD_NAMES } from '../presenters/area-fields.ts';
import { layerAttribution } from '../presenters/attribution.ts';
import { areasCsv } from '../presenters/csv.ts';
import { flatColumns, flatGeometry, flattenProperties } from '../presenters/flat-properties.ts';
import { commaList, parseQuery, perContext, wholeNumber } from '../query.ts';
import { represent, type Served } from '../representation.ts';
import { pageList, pageOf, pageShape } from '../paging.ts';
import { areaFilterShape, cacheKey, toAreaFilter } from './area-params.ts';

export function layerParam(id: string): LayerId {
  if (!isLayerId(id)) throw notFound(`no layer "${id}"; layers are ${LAYERS.map((l) => l.id).join(', ')}`);
  return id;
}

export function listLayers(ctx: AtlasContext) {
  return {
    layers: ctx.store.layers.map((l) => {
      const a = layerAttribution(ctx.store, l.id);
      return {
        id: l.id,
        title: l.title,
        description: l.description,
        feature_count: l.featureCount,
        vintage: l.source.vintage,
        historical: l.historical,
        ...clientFacts(layerById(l.id)!),
        population_method: l.populationMethod,
        bbox: l.bbox,
        attribution: a.attribution,
        licence: a.licence,
        licence_url: a.licence_url,
        sources: a.sources,
        fields: fieldsFor(l.id),
        links: {
          geojson: `/api/layers/${l.id}.geojson`,
          csv: `/api/layers/${l.id}.csv`,
          ogc: `/ogc/collections/${l.id}`,
        },
      };
    }),
    registers: ctx.groups.registers().map(registerSummaryJson),
  };
}

/** Groups per area of the layer for the chosen registers, and the names of the registers counted. */
export function groupCountsFor(ctx: AtlasContext, layer: LayerId, registers: string[] | undefined) {
  const counted = registers ?? ctx.groups.registers().map((r) => r.name);
  return { counted, counts: ctx.groups.counts(layer, registers ?? null) };
}

export const geojsonQuery = perContext((ctx: AtlasContext) =>
  z
    .object({
      ...areaFilterShape(ctx),
      precision: wholeNumber(1, 7).default(5).transform((p) => Math.min(p, 6)), // 7 is accepted but stored coordinates have 6 decimals
      // A set, given back in the order the fields are defined (the same for every ordering asked).
      properties: commaList(FIELD_NAMES, 'property').transform((asked) => FIELD_NAMES.filter((f) => asked.includes(f))).optional(),
      // none: null geometry (attributes and bbox only), for clients drawing the shapes from /api/tiles.
      geometry: z.enum(['none'], { message: 'must be none (leave it out for the full geometry)' }).optional(),
      // flat: every property a scalar under a name of at most 10 characters, label points as null geometry (docs/gis.md).
      format: z.enum(['nested', 'flat'], { message: 'must be nested (the default) or flat (scalar columns for GIS, see docs/gis.md)' }).default('nested'),
      ...pageShape,
    })
    .strict(),
);
export const csvQuery = perContext((ctx: AtlasContext) => z.object({ ...areaFilterShape(ctx), ...pageShape }).strict());

export function layerGeojson(ctx: AtlasContext, req: Pick<Request, 'query' | 'headers' | 'url'> & { originalUrl?: string }, layer: LayerId): Served {
  const q = parseQuery(req, geojsonQuery(ctx));
  const key = cacheKey({ kind: 'geojson', layer, ...q, groups: ctx.groups.version() });
  return ctx.cache.get(key, () => {
    const { counted, counts } = groupCountsFor(ctx, layer, q.registers);
    const density = densityContext(ctx.store, ctx.groups, layer, { counted, counts });
    const properties = q.properties ? q.properties.filter((p) => layerFieldNames(layer).includes(p)) : null;
    const matched = filterAreas(ctx.store, layer, toAreaFilter(q, layer, counts));
    // A page keeps the collection's shape and adds OGC-style number_returned and a next link.
    const page = pageOf(q);
    const paged = page && pageList(req, matched, page);
    const areas = paged ? paged.items : matched;
    const a = layerAttribution(ctx.store, layer);
    const spec = ctx.store.layers.find((l) => l.id === layer)!;
    const columns = q.format === 'flat' ? flatColumns(ctx.store, layer) : null;
    const collection = {
      type: 'FeatureCollection',
      name: layer,
      title: spec.title,
      attribution: a.attribution,
      licence: a.licence,
      licence_url: a.licence_url,
      vintage: spec.source.vintage,
      precision: Math.min(q.precision, 6),
      registers_counted: counted,
      density,
      number_matched: matched.length,
      ...(paged ? { number_returned: paged.paging.returned, links: paged.paging.next ? [{ rel: 'next', type: 'application/geo+json', href: paged.paging.next }] : [], paging: paged.paging } : {}),
      features: areas.map((area) => {
        const nested = areaFeature(area, counts.get(area.code) ?? 0, { precision: q.geometry ? 6 : q.precision, properties, density });
        const flat = columns && flatGeometry(nested.geometry);
        // A label point's flat feature has no geometry, so no bbox either (as the OGC items).
        const feature = !columns ? nested : flat ? { ...nested, properties: flattenProperties(columns, nested.properties, nested.geometry), geometry: flat } : { type: nested.type, id: nested.id, properties: flattenProperties(columns, nested.properties, nested.geometry), geometry: null };
        return q.geometry ? { ...feature, bbox: roundBBox(area.bbox, q.precision), geometry: null } : feature;
      }),
    };
    return represent(JSON.stringify(collection), 'application/geo+json', {
      headers: { 'Content-Disposition': `inline; filename="${downloadName(ctx.store, layer, q, 'geojson')}"`, ...paged?.headers },
    });
  }, req);
}

/** Each LSOA's places in words (the same words as the page's tooltip and table). */
function lsoaPlaceWords(ctx: AtlasContext): Map<string, string> {
  const byLsoa = new Map<string, NamedPlace[]>();
  for (const p of ctx.store.lsoaPlaces()) {
    const list = byLsoa.get(p.lsoa);
    if (list) list.push(p);
    else byLsoa.set(p.lsoa, [p]);
  }
  return new Map([...byLsoa].map(([code, list]) => [code, placesText(list) ?? '']));
}

export function layerCsv(ctx: AtlasContext, req: Request, layer: LayerId): Served {
  const q = parseQuery(req, csvQuery(ctx));
  const key = cacheKey({ kind: 'csv', layer, ...q, groups: ctx.groups.version() });
  return ctx.cache.get(key, () => {
    const { counted, counts } = groupCountsFor(ctx, layer, q.registers);
    const matched = filterAreas(ctx.store, layer, toAreaFilter(q, layer, counts));
    // A CSV has no room for paging words: the next page and the total are response headers.
    const page = pageOf(q);
    const paged = page && pageList(req, matched, page);
    const areas = paged ? paged.items : matched;
    const a = layerAttribution(ctx.store, layer);
    const density = densityContext(ctx.store, ctx.groups, layer, { counted, counts });
    return represent(areasCsv(areas, flatColumns(ctx.store, layer), counts, a.attribution, density, layer === PLACES_LAYER ? lsoaPlaceWords(ctx) : null), 'text/csv; charset=utf-8', {
      headers: {
        'Content-Disposition': `attachment; filename="${downloadName(ctx.store, layer, q, 'csv')}"`,
        'X-Registers-Counted': counted.join(',') || 'none',
        ...paged?.headers,
        ...(paged?.paging.note ? { 'X-Limit-Clamped': String(paged.paging.limit) } : {}),
      },
    });
  }, req);
}
