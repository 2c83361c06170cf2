// Which parishes and wards each LSOA covers, so an LSOA reads as places ("Loughborough: Hastings")
// rather than a statistical code. Built once, at the first request, from the Census 2021 Output
// Areas the build reads: each OA's best-fit parish (ONS) and the ward its population-weighted
// centroid falls in, weighted by the OA's residents.
import { Router } from 'express';
import { loadConfig, type AtlasConfig } from '../config.ts';
import { readOutputAreas } from '../build/output-areas.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { AtlasContext } from './context.ts';
import { notFound } from './problem.ts';
import { represent, type Representation } from './representation.ts';
import { prebuilt } from './respond.ts';

export interface LsoaPlace {
  layer: 'parishes' | 'wards';
  code: string;
  name: string;
  /** Share of the LSOA's residents (Census 2021) who live in this place. */
  share: number;
}

/** Places below this share of an LSOA's residents are left out: a sliver of a field is not "covered". */
const MIN_SHARE = 0.05;

export function lsoaPlaces(store: AtlasStore, geodataDir: string): Record<string, LsoaPlace[]> {
  const file = store.sources.find((s) => s.id === 'output-areas')?.file;
  if (!file) throw notFound('the atlas database lists no Output Area source, so LSOA places are not known');
  const tallies = new Map<string, { total: number; by: Map<string, { layer: LsoaPlace['layer']; code: string; people: number }> }>();
  for (const oa of readOutputAreas(geodataDir, file)) {
    const t = tallies.get(oa.lsoa) ?? { total: 0, by: new Map() };
    tallies.set(oa.lsoa, t);
    t.total += oa.population;
    const ward = store.placeInLayers(oa.centroid[0], oa.centroid[1]).find((p) => p.area.layer === 'wards')?.area.code;
    for (const [layer, code] of [['parishes', oa.parishBestfit], ['wards', ward]] as const) {
      if (!code) continue;
      const key = `${layer}:${code}`;
      const entry = t.by.get(key) ?? { layer, code, people: 0 };
      entry.people += oa.population;
      t.by.set(key, entry);
    }
  }
  const out: Record<string, LsoaPlace[]> = {};
  for (const [lsoa, t] of tallies) {
    out[lsoa] = [...t.by.values()]
      .map((e) => ({ layer: e.layer, code: e.code, name: store.area(e.code, e.layer)?.name ?? e.code, share: t.total ? Math.round((e.people / t.total) * 1000) / 1000 : 0 }))
      .filter((p) => p.share >= MIN_SHARE)
      .sort((a, b) => a.layer.localeCompare(b.layer) || b.share - a.share);
  }
  return out;
}

/** GET /api/layers/lsoas/places: { places: { LSOA code: places } }, built once and kept (a few tens of kB). */
export function lsoaPlacesRoutes(ctx: AtlasContext): Router {
  let built: Representation | null = null;
  // The context's settings carry the geodata folder when main.ts made them; otherwise the same default.
  const geodataDir = (ctx.config as Partial<AtlasConfig>).geodataDir ?? loadConfig().geodataDir;
  const r = Router();
  r.get('/layers/lsoas/places', prebuilt(() => {
    built ??= represent(JSON.stringify({ places: lsoaPlaces(ctx.store, geodataDir) }), 'application/json', { cacheControl: 'no-cache' });
    return built;
  }));
  return r;
}

