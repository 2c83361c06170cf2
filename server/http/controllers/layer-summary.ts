// GET /api/layers/{layer}/summary: what a map drawing a layer from vector tiles needs before (or
// without) every area's attributes. The tiles carry each area's category and IMD decile, so the map
// colours those views from the tiles alone; this answer adds the legend counts of those views (for
// the layer and per district), each district's extent and label point, and the registers counted.
// It grows with districts, not areas: about 20 kB gzip at England size instead of 0.4-1.5 MB.
import { INDICES_LAYER } from '../../registry/layers.ts';
import type { Request } from 'express';
import { z } from 'zod';
import { categoryClass, imdClass } from '../../domain/area-class.ts';
import type { LayerId } from '../../registry/layers.ts';
import type { AreaRecord } from '../../store/records.ts';
import type { AtlasContext } from '../context.ts';
import { roundBBox } from '../presenters/area-feature.ts';
import { layerAttribution } from '../presenters/attribution.ts';
import { parseQuery, perContext } from '../query.ts';
import { represent, type Served } from '../representation.ts';
import { cacheKey, registersParam } from './area-params.ts';

/** The views whose class the tiles carry, by the key the client's views use (client/layers/views). */
const TILE_VIEWS: Record<string, { layers: readonly LayerId[] | null; classOf: (a: AreaRecord) => string }> = {
  c_category: { layers: null, classOf: (a) => categoryClass(a.category, a.categoryExtent) },
  c_imd: { layers: [INDICES_LAYER], classOf: (a) => imdClass(a.imd?.decile) },
};

type Counts = Record<string, number>;
const tally = (counts: Counts, id: string) => void (counts[id] = (counts[id] ?? 0) + 1);

export const summaryQuery = perContext((ctx: AtlasContext) => z.object({ registers: registersParam(ctx).optional() }).strict());

/** Rounded like the layer's own bbox (5 decimals), so labels and fits land where the attribute-based map put them. */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

export function layerSummary(ctx: AtlasContext, req: Pick<Request, 'query' | 'headers'>, layer: LayerId): Served {
  const q = parseQuery(req, summaryQuery(ctx));
  const key = cacheKey({ kind: 'summary', layer, registers: q.registers, groups: ctx.groups.version() });
  return ctx.cache.get(key, () => represent(JSON.stringify(summaryBody(ctx, layer, q.registers)), 'application/json'), req);
}

function summaryBody(ctx: AtlasContext, layer: LayerId, registers: string[] | undefined) {
  const views = Object.entries(TILE_VIEWS).filter(([, v]) => !v.layers || v.layers.includes(layer));
  const total: Record<string, Counts> = Object.fromEntries(views.map(([k]) => [k, {}]));
  const districts = new Map<string, { code: string; name: string; areas: number; bbox: number[]; sum: [number, number]; views: Record<string, Counts> }>();
  const areas = ctx.store.areas(layer);
  // One pass over the layer's in-memory attributes (no geometry read): the work is bounded by the layer, once per cache fill.
  for (const a of areas) {
    let d = districts.get(a.districtCode);
    if (!d) {
      d = { code: a.districtCode, name: a.districtName, areas: 0, bbox: [Infinity, Infinity, -Infinity, -Infinity], sum: [0, 0], views: Object.fromEntries(views.map(([k]) => [k, {}])) };
      districts.set(a.districtCode, d);
    }
    const [w, s, e, n] = roundBBox(a.bbox, 5);
    d.areas++;
    d.bbox = [Math.min(d.bbox[0], w), Math.min(d.bbox[1], s), Math.max(d.bbox[2], e), Math.max(d.bbox[3], n)];
    d.sum[0] += (w + e) / 2;
    d.sum[1] += (s + n) / 2;
    for (const [k, v] of views) {
      const id = v.classOf(a);
      tally(total[k], id);
      tally(d.views[k], id);
    }
  }
  const a = layerAttribution(ctx.store, layer);
  return {
    layer,
    total: areas.length,
    registers_counted: registers ?? ctx.groups.registers().map((r) => r.name),
    views: total,
    // Larger districts first: their names win label collisions on the map.
    districts: [...districts.values()]
      .sort((x, y) => y.areas - x.areas)
      .map((d) => ({ code: d.code, name: d.name, areas: d.areas, bbox: d.bbox, label: [round5(d.sum[0] / d.areas), round5(d.sum[1] / d.areas)], views: d.views })),
    attribution: a.attribution,
    licence: a.licence,
    licence_url: a.licence_url,
  };
}

/** The summary as JSON carries it (for the client's types). */
export type LayerSummary = ReturnType<typeof summaryBody>;
