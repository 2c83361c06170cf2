// One area: its full feature, and its services answer, by code or (for parishes) by name.
import { CATEGORY_LABELS, type Category } from '../../domain/vocabulary.ts';
import { densityContext } from '../../analysis/density-context.ts';
import type { Request } from 'express';
import { z } from 'zod';
import { INDICES_LAYER, LAYER_IDS, type LayerId } from '../../registry/layers.ts';
import type { AreaRecord } from '../../store/records.ts';
import type { NameIndex } from '../../store/name-index.ts';
import { groupsVersion, type AtlasContext } from '../context.ts';
import { notFound } from '../problem.ts';
import { areaFeature } from '../presenters/area-feature.ts';
import { layerAttribution } from '../presenters/attribution.ts';
import { servicesAnswer } from '../presenters/services-answer.ts';
import { parseQuery, perContext } from '../query.ts';
import { groupCountsFor } from './layers.ts';
import { represent, type Served } from '../representation.ts';
import { registersParam } from './area-params.ts';
import { deprivationBenchmarks, imdSummary } from '../../domain/imd-mix.ts';
import { certainShare, reachBenchmarks } from '../../domain/benchmarks.ts';
import { SERVICE_IDS, type ServiceId } from '../../domain/vocabulary.ts';

const GSS_CODE = /^[EW]\d{8}$/;

function findArea(ctx: AtlasContext, code: string, layer: LayerId | undefined): AreaRecord {
  if (!GSS_CODE.test(code)) throw notFound(`"${code}" is not an ONS GSS code such as E04005341`);
  const area = ctx.store.area(code, layer);
  if (!area) throw notFound(`no area has code ${code}${layer ? ` in the ${layer} layer` : ''}`);
  return area;
}

export const detailQuery = perContext((ctx: AtlasContext) => z.object({ layer: z.enum(LAYER_IDS).optional(), registers: registersParam(ctx).optional() }).strict());
const layerQuery = z.object({ layer: z.enum(LAYER_IDS).optional() }).strict();
export const nameQuery = z.object({ name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') }).strict();

/**
 * The common requests, no parameters or `layer` alone with a known layer, checked by hand: zod and
 * the cache key's sorting cost more than the rest of a cached answer. Anything else goes through zod.
 */
function plainLayer(query: Request['query']): { layer?: LayerId } | null {
  let count = 0;
  for (const _ in query) count++;
  if (count === 0) return {};
  const layer = query.layer;
  return count === 1 && typeof layer === 'string' && (LAYER_IDS as readonly string[]).includes(layer) ? { layer: layer as LayerId } : null;
}

export function areaDetail(ctx: AtlasContext, req: Pick<Request, 'query' | 'headers'>, code: string): Served {
  const q: { layer?: LayerId; registers?: string[] } = plainLayer(req.query) ?? parseQuery(req, detailQuery(ctx));
  const area = findArea(ctx, code, q.layer);
  const key = `area ${area.layer} ${area.code} ${JSON.stringify(q.registers ?? null)} ${groupsVersion(ctx)}`;
  return ctx.areaCache.get(key, () => represent(JSON.stringify(areaDetailBody(ctx, area, q.registers)), 'application/geo+json'), req);
}

/** Each district's and the county's share of residents in IMD deciles 1–2 (custom areas set theirs beside it too). */
export const deprivationFrame = perContext((ctx: AtlasContext) =>
  deprivationBenchmarks(ctx.store.areas(INDICES_LAYER).map((l) => ({ population: l.population, decile: l.imd?.decile ?? null, district: l.districtCode }))),
);

/** The area's IMD 2025 mix and share in deciles 1–2, with its district's and the county's share beside it. */
function deprivationOf(ctx: AtlasContext, area: AreaRecord) {
  const summary = imdSummary(ctx.store.imdMix(area.layer, area.code));
  if (!summary) return null;
  const b = deprivationFrame(ctx);
  return { ...summary, district_share_deciles_1_2: b.districts.get(area.districtCode) ?? null, county_share_deciles_1_2: b.county };
}

export type AreaDeprivation = NonNullable<ReturnType<typeof deprivationOf>>;

/** Each service's share of residents certainly reached in each district and the county. */
export const reachFrame = perContext((ctx: AtlasContext) =>
  reachBenchmarks(ctx.store.areas(INDICES_LAYER).map((l) => ({ population: l.population, district: l.districtCode, reached: Object.fromEntries(SERVICE_IDS.map((s) => [s, certainShare(l.serviceCover[s])])) as Record<ServiceId, number> }))),
);

/** Each service's share of the area's residents certainly reached, beside its district's and the county's. */
function benchmarksOf(ctx: AtlasContext, area: AreaRecord) {
  const b = reachFrame(ctx);
  const district = b.districts.get(area.districtCode);
  return {
    method: 'Share of residents certainly reached by each service (an unspecified part counts nothing); district and county pooled over their LSOAs.',
    services: SERVICE_IDS.map((s) => ({ id: s, area: area.population ? Math.round(certainShare(area.serviceCover[s]) * 1000) / 1000 : null, district: district?.[s] ?? null, county: b.county[s] })),
  };
}

export type AreaBenchmarks = ReturnType<typeof benchmarksOf>;

function areaDetailBody(ctx: AtlasContext, area: AreaRecord, registers: string[] | undefined) {
  const { counted, counts } = groupCountsFor(ctx, area.layer, registers);
  const a = layerAttribution(ctx.store, area.layer);
  const density = densityContext(ctx.store, ctx.groups, area.layer, { counted, counts });
  return {
    ...areaFeature(area, counts.get(area.code) ?? 0, { density }),
    density,
    label: area.label,
    also_in: ctx.store.layersWithCode(area.code).filter((l) => l !== area.layer),
    // Residents by the IMD 2025 decile of their Output Area's LSOA: a deprivation summary for every layer.
    deprivation: deprivationOf(ctx, area),
    benchmarks: benchmarksOf(ctx, area),
    registers_counted: counted,
    attribution: a.attribution,
    licence: a.licence,
    links: { services: `/api/areas/${area.code}/services?layer=${area.layer}`, layer: `/api/layers/${area.layer}.geojson` },
  };
}

export function areaServices(ctx: AtlasContext, req: Pick<Request, 'query' | 'headers'>, code: string): Served {
  const q = plainLayer(req.query) ?? parseQuery(req, layerQuery);
  const area = findArea(ctx, code, q.layer);
  return ctx.areaCache.get(`services ${area.layer} ${area.code}`, () => represent(JSON.stringify(servicesAnswer(ctx.store, area)), 'application/json'), req);
}

export function parishServicesByName(ctx: AtlasContext, names: NameIndex, req: Request) {
  const q = parseQuery(req, nameQuery);
  // The search box's own ranking: today's parishes (and the seed's spellings of them) before wards, 2013 wards last.
  const matches = names.find(q.name, { limit: 8 });
  const best = matches[0];
  const suggestions = matches.slice(0, 5).map((m) => m.area.name);
  // Appendix One names it, but no area could be resolved: say so, rather than answer for a namesake.
  const unresolved = names.unresolvedListing(q.name);
  if (unresolved)
    throw notFound(
      `Appendix One lists “${unresolved.listedAs}” (${CATEGORY_LABELS[unresolved.category as Category]}), but no parish, ward or LSOA has that name, so the atlas cannot say which residents it covers. ${unresolved.note}`,
      { suggestions, unresolved_listing: unresolved.listedAs },
    );
  // Only a near spelling: the name was not found, and the closest names are offered, not answered for.
  if (!best || best.kind === 'fuzzy')
    throw notFound(`No parish, ward or LSOA is named “${q.name}”.${suggestions.length ? ' The closest names are offered below.' : ''} Check the spelling, or try a full postcode such as LE8 0JH.`, { suggestions });
  return {
    ...servicesAnswer(ctx.store, best.area),
    matched: { query: q.name, by: best.kind, listed_as: best.listedAs ?? null },
    other_matches: matches.slice(1, 6).map((m) => ({ code: m.area.code, name: m.area.name, layer: m.area.layer, by: m.kind, link: `/api/areas/${m.area.code}/services?layer=${m.area.layer}` })),
  };
}
