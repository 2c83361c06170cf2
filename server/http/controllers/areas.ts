// One area: its full feature, and its services answer, by code or (for parishes) by name.
import type { Request } from 'express';
import { z } from 'zod';
import { LAYER_IDS, type LayerId } from '../../layers.ts';
import type { AreaRecord } from '../../store/records.ts';
import type { NameIndex } from '../../store/name-index.ts';
import type { AtlasContext } from '../context.ts';
import { notFound } from '../problem.ts';
import { areaFeature } from '../presenters/area-feature.ts';
import { layerAttribution } from '../presenters/attribution.ts';
import { servicesAnswer } from '../presenters/services-answer.ts';
import { parseQuery, perContext } from '../query.ts';
import { groupCountsFor } from './layers.ts';
import { represent, type Served } from '../representation.ts';
import { cacheKey, registersParam } from './area-params.ts';

const codeSchema = z.string().regex(/^[EW]\d{8}$/, 'must be an ONS GSS code such as E04005341');

function findArea(ctx: AtlasContext, code: string, layer: LayerId | undefined): AreaRecord {
  const parsed = codeSchema.safeParse(code);
  if (!parsed.success) throw notFound(`"${code}" is not an ONS GSS code such as E04005341`);
  const area = ctx.store.area(code, layer);
  if (!area) throw notFound(`no area has code ${code}${layer ? ` in the ${layer} layer` : ''}`);
  return area;
}

const detailQuery = perContext((ctx: AtlasContext) => z.object({ layer: z.enum(LAYER_IDS).optional(), registers: registersParam(ctx).optional() }).strict());
const layerQuery = z.object({ layer: z.enum(LAYER_IDS).optional() }).strict();
const nameQuery = z.object({ name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') }).strict();

export function areaDetail(ctx: AtlasContext, req: Pick<Request, 'query' | 'headers'>, code: string): Served {
  const q = parseQuery(req, detailQuery(ctx));
  const area = findArea(ctx, code, q.layer);
  const key = cacheKey({ kind: 'area', layer: area.layer, code: area.code, registers: q.registers, groups: ctx.groups.version() });
  return ctx.areaCache.get(key, () => represent(JSON.stringify(areaDetailBody(ctx, area, q.registers)), 'application/geo+json'), req);
}

function areaDetailBody(ctx: AtlasContext, area: AreaRecord, registers: string[] | undefined) {
  const { counted, counts } = groupCountsFor(ctx, area.layer, registers);
  const a = layerAttribution(ctx.store, area.layer);
  return {
    ...areaFeature(area, counts.get(area.code) ?? 0),
    label: area.label,
    also_in: ctx.store.layersWithCode(area.code).filter((l) => l !== area.layer),
    registers_counted: counted,
    attribution: a.attribution,
    licence: a.licence,
    links: { services: `/api/areas/${area.code}/services?layer=${area.layer}`, layer: `/api/layers/${area.layer}.geojson` },
  };
}

export function areaServices(ctx: AtlasContext, req: Pick<Request, 'query' | 'headers'>, code: string): Served {
  const q = parseQuery(req, layerQuery);
  const area = findArea(ctx, code, q.layer);
  return ctx.areaCache.get(cacheKey({ kind: 'services', layer: area.layer, code: area.code }), () => represent(JSON.stringify(servicesAnswer(ctx.store, area)), 'application/json'), req);
}

export function parishServicesByName(ctx: AtlasContext, names: NameIndex, req: Request) {
  const q = parseQuery(req, nameQuery);
  // The search box's own ranking: today's parishes (and the seed's spellings of them) before wards, 2013 wards last.
  const matches = names.find(q.name, { limit: 8 });
  const best = matches[0];
  if (!best) throw notFound(`no parish matches "${q.name}"`, { suggestions: [] });
  return {
    ...servicesAnswer(ctx.store, best.area),
    matched: { query: q.name, by: best.kind, listed_as: best.listedAs ?? null },
    other_matches: matches.slice(1, 6).map((m) => ({ code: m.area.code, name: m.area.name, layer: m.area.layer, by: m.kind, link: `/api/areas/${m.area.code}/services?layer=${m.area.layer}` })),
  };
}
