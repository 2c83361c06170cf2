// /api/analysis: the numbers behind every chart, as JSON and CSV, so a researcher can reproduce
// them. GET /api/analysis lists the analyses with their parameters. All answer from memory: the
// tables are worked out when the register counts change (server/analysis/analysis-tables.ts).
import type { Request } from 'express';
import { z } from 'zod';
import { densityContext } from '../../analysis/density-context.ts';
import { densityByDecile, reachByDecile } from '../../analysis/by-deprivation.ts';
import { LSOA_ONLY_VALUES, RANK_VALUES, rankAreas, rankLines, type RankValue } from '../../analysis/ranked.ts';
import { ITEM_FILTERS } from '../../ogc/queryables.ts';
import { AnalysisTables, type AnalysisAsk } from '../../analysis/analysis-tables.ts';
import { INDICES_LAYER, isLayerId, LAYER_ID_LIST, LAYERS } from '../../registry/layers.ts';
import { filterAreas } from '../../store/area-query.ts';
import type { AtlasContext } from '../context.ts';
import { badRequest, notFound } from '../problem.ts';
import { layerAttribution } from '../presenters/attribution.ts';
import { csvLine } from '../presenters/csv.ts';
import { parseQuery, perContext } from '../query.ts';
import { represent, type Served } from '../representation.ts';
import { areaFilterShape, cacheKey, combinedFilterShape, filterSuffix, toAreaFilter } from './area-params.ts';
import { groupCountsFor } from './layers.ts';

const layerParam = z.string().refine(isLayerId, { message: `expected one of ${LAYERS.map((l) => l.id).join(', ')}` });

/**
 * The filters every analysis takes: the layers' and OGC items' own (district, category, service,
 * service_absent, IMD, CNI and density bounds), so a chart follows what the map shows. Density
 * counts the registers asked for here, as on /api/layers.
 */
const FILTER_PARAMETERS: Record<string, string> = {
  ...Object.fromEntries(ITEM_FILTERS.map((f) => [f.name, `${f.description.replace(' (all registers)', ' (the registers counted)')}${f.indicesOnly ? ' (LSOAs only)' : ''}`])),
  registers: 'comma-separated register names to count (default: all)',
};
const filterSchema = (ctx: AtlasContext, extra: z.ZodRawShape = {}) => z.object({ ...extra, ...areaFilterShape(ctx) }).strict();

const ANALYSES = {
  'density-by-imd': {
    title: 'Groups per 1,000 residents by IMD 2025 decile (LSOAs)',
    description: "The Radix paper's question (Community Involvement in Levelling Up, 2022) asked of this county: are groups fewest where deprivation is greatest? Each decile pools the groups and residents of its LSOAs kept by the filters; intervals are exact Poisson 95%.",
    parameters: FILTER_PARAMETERS,
    schema: (ctx: AtlasContext) => filterSchema(ctx),
  },
  'reach-by-imd': {
    title: 'Who the strategy reached: share of residents in each IMD 2025 decile who can access each service',
    description: 'For each service and decile (LSOAs kept by the filters): residents in LSOAs reached wholly, in part, and certainly reached (population × union share, issue 8).',
    parameters: FILTER_PARAMETERS,
    schema: (ctx: AtlasContext) => filterSchema(ctx),
  },
  ranked: {
    title: 'Areas ranked by the map view\'s value, with district and county lines',
    description:
      'Every area of the layer kept by the filters, ranked by the value asked for (by): group density with its count, interval and flags; Appendix One category; ' +
      'a service\'s coverage (share of residents); IMD 2025 decile (most deprived first) or CNI 2023 score. lines gives the county and district figures where the value has one (density, coverage).',
    parameters: {
      layer: `${LAYER_ID_LIST} (default ${INDICES_LAYER})`,
      by: `what to rank by: ${RANK_VALUES.join(', ')} (default density; imd and cni on ${INDICES_LAYER} only)`,
      ...FILTER_PARAMETERS,
    },
    schema: (ctx: AtlasContext) => filterSchema(ctx, { layer: layerParam.default(INDICES_LAYER), by: z.enum(RANK_VALUES).default('density') }),
  },
} as const;

export type AnalysisId = keyof typeof ANALYSES;
export const ANALYSIS_IDS = Object.keys(ANALYSES) as AnalysisId[];
const isAnalysis = (id: string): id is AnalysisId => Object.hasOwn(ANALYSES, id);

export function listAnalyses() {
  return {
    analyses: Object.entries(ANALYSES).map(([id, a]) => ({
      id,
      title: a.title,
      description: a.description,
      parameters: a.parameters,
      links: { json: `/api/analysis/${id}`, csv: `/api/analysis/${id}.csv` },
    })),
  };
}

export const schemas = perContext((ctx: AtlasContext): Record<AnalysisId, z.ZodType> => ({
  'density-by-imd': ANALYSES['density-by-imd'].schema(ctx),
  'reach-by-imd': ANALYSES['reach-by-imd'].schema(ctx),
  ranked: ANALYSES.ranked.schema(ctx),
}));

/** The analysis as { meta, rows }: rows are flat, so the CSV is the same table. */
function compute(ctx: AtlasContext, ask: AnalysisAsk) {
  const { layer } = ask;
  const id = ask.id as AnalysisId;
  const { counted, counts } = groupCountsFor(ctx, layer, ask.registers ? [...ask.registers] : undefined);
  const density = densityContext(ctx.store, ctx.groups, layer, { counted, counts });
  const areas = filterAreas(ctx.store, layer, toAreaFilter({ ...ask.filters, district: ask.districts ? [...ask.districts] : undefined }, layer, counts));
  const a = layerAttribution(ctx.store, layer);
  const meta = { analysis: id, title: ANALYSES[id].title, layer, ...(ask.filters ? { filters: ask.filters } : {}), ...(ask.districts ? { districts: ask.districts } : {}) };
  if (id === 'ranked') {
    const by = (ask.by ?? 'density') as RankValue;
    const lines = rankLines(by, ctx.store.areas(layer), ctx.store.districts, density);
    return { ...meta, by, ...(by === 'density' ? { density } : {}), lines, attribution: a.attribution, licence: a.licence, rows: rankAreas(by, areas, counts) };
  }
  const rows: readonly object[] = id === 'density-by-imd' ? densityByDecile(areas, counts) : reachByDecile(areas);
  return { ...meta, ...(id === 'reach-by-imd' ? {} : { density }), attribution: a.attribution, licence: a.licence, rows };
}

const tables = perContext((ctx: AtlasContext) => new AnalysisTables(ctx.groups, (ask) => compute(ctx, ask)));

const FILTER_KEYS = Object.keys(combinedFilterShape).concat('category', 'service').sort();

/**
 * The ask for a parsed query. Registers are part of it only where they change the numbers (density,
 * or a density filter), so reach and the rankings by other values share one table for every register choice.
 */
function askFor(id: AnalysisId, q: Record<string, any>): AnalysisAsk {
  const filters = Object.fromEntries(FILTER_KEYS.filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
  const by: RankValue | undefined = id === 'ranked' ? (q.by ?? 'density') : undefined;
  const counted = id === 'density-by-imd' || by === 'density' || filters.density_min !== undefined || filters.density_max !== undefined;
  return {
    id,
    layer: id === 'ranked' ? q.layer : INDICES_LAYER,
    registers: counted ? (q.registers ?? null) : null,
    districts: q.district ?? null,
    // Density is the ranking's default, and asks without `by` (the warm-up's, older callers') mean it.
    ...(by && by !== 'density' ? { by } : {}),
    filters: Object.keys(filters).length ? filters : null,
  };
}

/**
 * What the Charts tab asks first: each analysis for all registers and for each register alone,
 * rankings by density for every layer, and by category (the map's first view) for every layer.
 */
function defaultAsks(ctx: AtlasContext): AnalysisAsk[] {
  const choices = [null, ...ctx.groups.registers().map((r) => [r.name])];
  return [
    askFor('reach-by-imd', {}),
    ...choices.map((registers) => askFor('density-by-imd', { registers })),
    ...LAYERS.flatMap((l) => choices.map((registers) => askFor('ranked', { layer: l.id, registers }))),
    ...LAYERS.map((l) => askFor('ranked', { layer: l.id, by: 'category' })),
  ];
}

/** Works the analysis tables out now and again whenever the register counts change, ahead of the requests. */
export function precomputeAnalyses(ctx: AtlasContext): Promise<void> {
  const warm = () => {
    try {
      return tables(ctx).warm(defaultAsks(ctx));
    } catch (err) {
      // Requests compute what they need; a warm-up that cannot start (registers closed) is not an error for them.
      console.error(`[atlas] analysis warm-up not started: ${(err as Error).message}`);
      return Promise.resolve();
    }
  };
  ctx.groups.onChange?.(warm);
  return warm();
}

/** The in-memory tables of this server (tests look at what the warm-up left there). */
export const analysisTables = (ctx: AtlasContext) => tables(ctx);

export function analysis(ctx: AtlasContext, req: Request, name: string): Served {
  const csv = name.endsWith('.csv');
  const id = csv ? name.slice(0, -4) : name;
  if (!isAnalysis(id)) throw notFound(`no analysis "${id}"; analyses are ${Object.keys(ANALYSES).join(', ')} (see /api/analysis)`);
  const q = parseQuery(req, schemas(ctx)[id]) as Record<string, any>;
  const layer = id === 'ranked' ? q.layer : INDICES_LAYER;
  // Reversed bounds, and IMD or CNI on a layer without them, are a 400 naming the parameter (as on /api/layers).
  toAreaFilter(q, layer);
  if (id === 'ranked' && LSOA_ONLY_VALUES.includes(q.by) && layer !== INDICES_LAYER) throw badRequest(`parameter "by": ${q.by} exists for the ${INDICES_LAYER} layer only; layer "${layer}" has no ${q.by.toUpperCase()} values`);
  const key = cacheKey({ kind: 'analysis', id, csv, ...q, groups: ctx.groups.version() });
  return ctx.cache.get(key, () => {
    const { body, json } = tables(ctx).get(askFor(id, q));
    // Small bodies: compressed inline at the quick setting, so the first answer after an import is not
    // kept waiting for brotli 11 on the thread pool (it was 100-600 ms under load).
    if (!csv) return represent(json, 'application/json', { effort: 'fresh' });
    const columns = Object.keys(body.rows[0] ?? {});
    const text = csvLine([...columns, 'attribution']) + body.rows.map((row) => {
      const r = row as Record<string, unknown>;
      return csvLine([...columns.map((c) => (Array.isArray(r[c]) ? r[c].join(';') : r[c])), body.attribution]);
    }).join('');
    return represent(text, 'text/csv; charset=utf-8', { effort: 'fresh', headers: { 'Content-Disposition': `attachment; filename="${csvName(id, q)}"` } });
  }, req);
}

/** "ranked-lsoas-by-imd-e07000131-no-nw.csv": the analysis, and what was asked, as the layers' downloads name it. */
function csvName(id: AnalysisId, q: Record<string, any>): string {
  const what = id === 'ranked' ? `-${q.layer}${q.by && q.by !== 'density' ? `-by-${q.by.replace(/_/g, '-')}` : ''}` : '';
  return `${id}${what}${filterSuffix(q)}.csv`;
}
