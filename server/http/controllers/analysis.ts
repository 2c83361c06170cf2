// /api/analysis: the numbers behind every chart, as JSON and CSV, so a researcher can reproduce
// them. GET /api/analysis lists the analyses with their parameters. All answer from memory: the
// tables are worked out when the register counts change (server/analysis/analysis-tables.ts).
import type { Request } from 'express';
import { z } from 'zod';
import { densityContext } from '../../analysis/density-context.ts';
import { densityByDecile, rankedByDensity, reachByDecile } from '../../analysis/by-deprivation.ts';
import { AnalysisTables, type AnalysisAsk } from '../../analysis/analysis-tables.ts';
import { isLayerId, LAYERS } from '../../layers.ts';
import { filterAreas } from '../../store/area-query.ts';
import type { AtlasContext } from '../context.ts';
import { notFound } from '../problem.ts';
import { layerAttribution } from '../presenters/attribution.ts';
import { csvLine } from '../presenters/csv.ts';
import { parseQuery, perContext } from '../query.ts';
import { represent, type Served } from '../representation.ts';
import { cacheKey, districtParam, registersParam } from './area-params.ts';
import { groupCountsFor } from './layers.ts';

const layerParam = z.string().refine(isLayerId, { message: `expected one of ${LAYERS.map((l) => l.id).join(', ')}` });

const ANALYSES = {
  'density-by-imd': {
    title: 'Groups per 1,000 residents by IMD 2025 decile (LSOAs)',
    description: "Seed 004's question asked of this county: are groups fewest where deprivation is greatest? Each decile pools its LSOAs' groups and residents; intervals are exact Poisson 95%.",
    parameters: { registers: 'comma-separated register names to count (default: all)' },
    schema: (ctx: AtlasContext) => z.object({ registers: registersParam(ctx).optional() }).strict(),
  },
  'reach-by-imd': {
    title: 'Who the strategy reached: share of residents in each IMD 2025 decile who can access each service',
    description: 'For each service and decile (LSOAs): residents in LSOAs reached wholly, in part, and certainly reached (population × union share, issue 8).',
    parameters: {},
    schema: () => z.object({}).strict(),
  },
  ranked: {
    title: "Areas ranked by groups per 1,000, with district and county rates",
    description: 'Every area of the layer with its density, count, interval and flags, highest first; the district and county rates are the reference lines.',
    parameters: { layer: 'parishes, wards, lsoas or wards-2013 (default lsoas)', registers: 'register names (default: all)', district: 'district codes or names to keep' },
    schema: (ctx: AtlasContext) => z.object({ layer: layerParam.default('lsoas'), registers: registersParam(ctx).optional(), district: districtParam(ctx).optional() }).strict(),
  },
} as const;

export type AnalysisId = keyof typeof ANALYSES;
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

const schemas = perContext((ctx: AtlasContext): Record<AnalysisId, z.ZodType> => ({
  'density-by-imd': ANALYSES['density-by-imd'].schema(ctx),
  'reach-by-imd': ANALYSES['reach-by-imd'].schema(),
  ranked: ANALYSES.ranked.schema(ctx),
}));

/** The analysis as { meta, rows }: rows are flat, so the CSV is the same table. */
function compute(ctx: AtlasContext, ask: AnalysisAsk) {
  const { layer } = ask;
  const id = ask.id as AnalysisId;
  const { counted, counts } = groupCountsFor(ctx, layer, ask.registers ? [...ask.registers] : undefined);
  const density = densityContext(ctx.store, ctx.groups, layer, { counted, counts });
  const areas = filterAreas(ctx.store, layer, { districts: ask.districts ? [...ask.districts] : null });
  const rows: readonly object[] =
    id === 'density-by-imd' ? densityByDecile(areas, counts) : id === 'reach-by-imd' ? reachByDecile(areas) : rankedByDensity(areas, counts);
  const a = layerAttribution(ctx.store, layer);
  return { analysis: id, title: ANALYSES[id].title, layer, ...(id === 'reach-by-imd' ? {} : { density }), attribution: a.attribution, licence: a.licence, rows };
}

const tables = perContext((ctx: AtlasContext) => new AnalysisTables(ctx.groups, (ask) => compute(ctx, ask)));

const askFor = (id: AnalysisId, q: Record<string, any>): AnalysisAsk => ({
  id,
  layer: id === 'ranked' ? q.layer : 'lsoas',
  registers: q.registers ?? null,
  districts: q.district ?? null,
});

/** What the Charts tab asks first: each analysis for all registers and for each register alone, rankings for every layer. */
function defaultAsks(ctx: AtlasContext): AnalysisAsk[] {
  const choices = [null, ...ctx.groups.registers().map((r) => [r.name])];
  return [
    askFor('reach-by-imd', {}),
    ...choices.map((registers) => askFor('density-by-imd', { registers })),
    ...LAYERS.flatMap((l) => choices.map((registers) => askFor('ranked', { layer: l.id, registers }))),
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
    return represent(text, 'text/csv; charset=utf-8', { effort: 'fresh', headers: { 'Content-Disposition': `attachment; filename="${id}${q.layer && id === 'ranked' ? `-${q.layer}` : ''}.csv"` } });
  }, req);
}
