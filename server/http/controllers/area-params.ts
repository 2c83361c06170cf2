// Parameters shared by every area listing (GeoJSON, CSV, OGC items): district, category, service
// and register filters, each validated against what the atlas actually holds.
import { INDICES_LAYER } from '../../registry/layers.ts';
import { z } from 'zod';
import { normaliseName } from '../../domain/names.ts';
import { CATEGORIES, SERVICE_IDS } from '../../domain/vocabulary.ts';
import type { AreaFilter } from '../../store/area-query.ts';
import type { AtlasContext } from '../context.ts';
import { groupsPer1000 } from '../../domain/density.ts';
import type { LayerId } from '../../registry/layers.ts';
import type { AreaRecord } from '../../store/records.ts';
import { badRequest } from '../problem.ts';
import { canonicalSet, commaList, decimal, wholeNumber } from '../query.ts';

/** District codes or names ("E07000131", "harborough", "Hinckley and Bosworth"), given as codes. */
export function districtParam(ctx: AtlasContext) {
  const byKey = new Map(ctx.store.districts.flatMap((d) => [[d.code.toLowerCase(), d.code], [normaliseName(d.name), d.code]]));
  return z
    .string()
    .transform(canonicalSet)
    .pipe(
      z
        .array(
          z.string().transform((v, c) => {
            const code = byKey.get(v.toLowerCase()) ?? byKey.get(normaliseName(v));
            if (!code) c.addIssue({ code: 'custom', message: `unknown district "${v}"; expected a code or name of the ${ctx.store.districts.length} districts of ${ctx.store.covers.name}` });
            return code ?? v;
          }),
        )
        .min(1)
        .transform((codes) => [...new Set(codes)].sort()), // "harborough,E07000131" is one district
    );
}

/** Register names for group counts; unknown names are an error rather than silently counting nothing. */
export function registersParam(ctx: AtlasContext) {
  return z
    .string()
    .transform(canonicalSet)
    .superRefine((names, c) => {
      const known = new Set(ctx.groups.registers().map((r) => r.name));
      for (const n of names) if (!known.has(n)) c.addIssue({ code: 'custom', message: `unknown register "${n}"; known registers: ${[...known].join(', ') || 'none'}` });
    });
}

export function areaFilterShape(ctx: AtlasContext) {
  return {
    district: districtParam(ctx).optional(),
    category: commaList([...CATEGORIES, 'none'] as const, 'category').optional(),
    service: commaList(SERVICE_IDS, 'service').optional(),
    ...combinedFilterShape,
    registers: registersParam(ctx).optional(),
  };
}

const nonNegative = decimal.pipe(z.number().min(0, 'must be 0 or more'));
/** The filters that combine with district, category and service (issue 11); each bound is inclusive. */
export const combinedFilterShape = {
  service_absent: commaList(SERVICE_IDS, 'service').optional(),
  imd_decile_min: wholeNumber(1, 10).optional(),
  imd_decile_max: wholeNumber(1, 10).optional(),
  cni_min: decimal.optional(),
  cni_max: decimal.optional(),
  density_min: nonNegative.optional(),
  density_max: nonNegative.optional(),
};

type FilterQuery = {
  district?: string[];
  category?: AreaFilter['categories'];
  service?: AreaFilter['services'];
} & { [K in keyof typeof combinedFilterShape]?: z.output<(typeof combinedFilterShape)[K]> };

/** [min, max] from two optional bounds, or null when neither is given; a reversed pair is a 400 naming both. */
function range(q: FilterQuery, name: 'imd_decile' | 'cni' | 'density', lo: number, hi: number): [number, number] | null {
  const min = q[`${name}_min`];
  const max = q[`${name}_max`];
  if (min === undefined && max === undefined) return null;
  if (min !== undefined && max !== undefined && min > max) throw badRequest(`parameter "${name}_min" (${min}) is above "${name}_max" (${max})`);
  return [min ?? lo, max ?? hi];
}

/**
 * The store filter for the parameters. IMD and CNI exist only for LSOAs, so asking for them on
 * another layer is an error rather than an empty answer. Density needs the counts being shown.
 */
export function toAreaFilter(q: FilterQuery, layer?: LayerId, counts?: ReadonlyMap<string, number>): AreaFilter {
  const imdDecile = range(q, 'imd_decile', 1, 10);
  const cniScore = range(q, 'cni', -Infinity, Infinity);
  const density = range(q, 'density', 0, Infinity);
  if ((imdDecile || cniScore) && layer && layer !== INDICES_LAYER) throw badRequest(`IMD and CNI filters apply to the ${INDICES_LAYER} layer only; layer "${layer}" has no IMD or CNI values`);
  return {
    districts: q.district ?? null,
    categories: q.category ?? null,
    services: q.service ?? null,
    absentServices: q.service_absent ?? null,
    imdDecile,
    cniScore,
    density: density && { range: density, of: (a: AreaRecord) => groupsPer1000(counts?.get(a.code) ?? 0, a.densityPopulation) },
  };
}

/** What the filters kept, for a download's file name: "lsoas-imd1-3-no-nw". Empty without filters. */
export function filterSuffix(q: FilterQuery & { registers?: string[] }): string {
  const parts: string[] = [];
  if (q.district) parts.push(...q.district);
  if (q.category) parts.push(...q.category);
  if (q.service) parts.push(...q.service.map((s) => `with-${s}`));
  if (q.service_absent) parts.push(...q.service_absent.map((s) => `no-${s}`));
  const r = (name: string, min?: number, max?: number) => (min !== undefined || max !== undefined ? [`${name}${min ?? ''}-${max ?? ''}`] : []);
  parts.push(...r('imd', q.imd_decile_min, q.imd_decile_max), ...r('cni', q.cni_min, q.cni_max), ...r('density', q.density_min, q.density_max));
  if (q.registers) parts.push(`registers-${q.registers.join('+')}`);
  return parts.map((p) => `-${p.toLowerCase().replace(/[^a-z0-9._+-]+/g, '-').replace(/^-+|-+$/g, '')}`).join('');
}

/** A stable text form of the parameters, for cache keys. */
export function cacheKey(parts: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(parts).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => a.localeCompare(b)));
}
