// County coverage per service: how many areas, and how many residents, each service reaches in
// whole or in part, and the share of the county population that is.
import type { Request } from 'express';
import { z } from 'zod';
import { CATEGORIES } from '../../domain/vocabulary.ts';
import { LAYER_IDS } from '../../registry/layers.ts';
import type { AtlasContext } from '../context.ts';
import { parseQuery } from '../query.ts';

const share = (n: number, total: number) => Math.round((n / total) * 10000) / 10000;

export const coverageQuery = z.object({ layer: z.enum(LAYER_IDS).default('parishes') }).strict();

export function coverage(ctx: AtlasContext, req: Request) {
  const q = parseQuery(req, coverageQuery);
  const areas = ctx.store.areas(q.layer);
  const county = ctx.store.countyPopulation;
  const tally = (pick: (a: (typeof areas)[number]) => boolean) => {
    const hit = areas.filter(pick);
    return { areas: hit.length, population: hit.reduce((s, a) => s + (a.population ?? 0), 0) };
  };
  return {
    layer: q.layer,
    county_population: county,
    areas: areas.length,
    note: 'Population of areas the service reaches as a whole, and of areas it reaches only in part (the whole of each such area is counted under "part"); residents_certainly_reached adds, for each area, its residents times the share the service certainly reaches (an unspecified part counts nothing). Point-only parishes have no population of their own.',
    services: ctx.store.services.map((s) => {
      const whole = tally((a) => a.services[s.id] === 'whole');
      const part = tally((a) => a.services[s.id] === 'part');
      return {
        id: s.id,
        name: s.name,
        whole,
        part,
        none: tally((a) => a.services[s.id] === null),
        share_of_county: { whole: share(whole.population, county), whole_or_part: share(whole.population + part.population, county) },
        residents_certainly_reached: Math.round(areas.reduce((sum, a) => sum + (a.population ?? 0) * (a.serviceCover[s.id].share ?? 0), 0)),
      };
    }),
    categories: [...CATEGORIES, null].map((c) => {
      const t = tally((a) => a.category === c);
      return { category: c, ...t, share_of_county: share(t.population, county) };
    }),
  };
}
