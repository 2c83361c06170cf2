// Parameters shared by every area listing (GeoJSON, CSV, OGC items): district, category, service
// and register filters, each validated against what the atlas actually holds.
import { z } from 'zod';
import { normaliseName } from '../../domain/names.ts';
import { CATEGORIES, SERVICE_IDS } from '../../domain/vocabulary.ts';
import type { AreaFilter } from '../../store/area-query.ts';
import type { AtlasContext } from '../context.ts';
import { canonicalSet, commaList } from '../query.ts';

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
    registers: registersParam(ctx).optional(),
  };
}

export function toAreaFilter(q: { district?: string[]; category?: AreaFilter['categories']; service?: AreaFilter['services'] }): AreaFilter {
  return { districts: q.district ?? null, categories: q.category ?? null, services: q.service ?? null };
}

/** A stable text form of the parameters, for cache keys. */
export function cacheKey(parts: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(parts).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => a.localeCompare(b)));
}
