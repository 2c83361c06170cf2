// The numbers behind the equity charts, from the in-memory areas and group counts: group density by
// IMD 2025 decile, service reach by IMD decile, and areas ranked by density. Pure over its inputs.
import { pooledRate, rate, type Rate } from '../domain/density.ts';
import { SERVICE_IDS, type ServiceId } from '../domain/vocabulary.ts';
import type { AreaRecord } from '../store/records.ts';
import { areaCounts } from './density-context.ts';

export const DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

const inDecile = (areas: readonly AreaRecord[], d: number) => areas.filter((a) => a.imd?.decile === d);

export interface DecileDensity extends Rate {
  imd_decile: number;
  lsoas: number;
}

/** Seed 004's question of this county: groups per 1,000 in each IMD decile, pooled over its LSOAs. */
export function densityByDecile(lsoas: readonly AreaRecord[], counts: ReadonlyMap<string, number>): DecileDensity[] {
  return DECILES.map((d) => {
    const areas = inDecile(lsoas, d);
    return { imd_decile: d, lsoas: areas.length, ...pooledRate(areaCounts(areas, counts)) };
  });
}

export interface DecileReach {
  imd_decile: number;
  service: ServiceId;
  lsoas: number;
  population: number;
  /** Residents of LSOAs the service reaches wholly. */
  residents_whole: number;
  /** Residents of LSOAs the service reaches in part (all of them: only some can access it). */
  residents_in_part_areas: number;
  /** Residents certainly reached: each LSOA's population × its union share (issue 8). */
  residents_certainly_reached: number;
  /** Share of the decile's residents living where the service reaches wholly or in part. */
  share_whole_or_part: number | null;
  /** Share certainly reached; a lower bound when some part shares are unknown. */
  share_certainly_reached: number | null;
  /** LSOAs reached in part whose share the seed leaves unknown (so the certain share is a lower bound). */
  part_share_unknown: number;
}

/** Who the strategy reached: for each service and decile, the residents who can access it. */
export function reachByDecile(lsoas: readonly AreaRecord[]): DecileReach[] {
  return DECILES.flatMap((d) => {
    const areas = inDecile(lsoas, d);
    const population = areas.reduce((s, a) => s + (a.population ?? 0), 0);
    return SERVICE_IDS.map((service) => {
      let whole = 0;
      let part = 0;
      let certain = 0;
      let unknown = 0;
      for (const a of areas) {
        const pop = a.population ?? 0;
        const cover = a.serviceCover[service];
        if (cover.extent === 'whole') whole += pop;
        if (cover.extent === 'part') part += pop;
        if (cover.extent === 'part' && cover.share === null) unknown++;
        certain += pop * (cover.extent === 'whole' ? 1 : (cover.share ?? 0));
      }
      const share = (n: number) => (population > 0 ? Math.round((n / population) * 10_000) / 10_000 : null);
      return {
        imd_decile: d,
        service,
        lsoas: areas.length,
        population,
        residents_whole: whole,
        residents_in_part_areas: part,
        residents_certainly_reached: Math.round(certain),
        share_whole_or_part: share(whole + part),
        share_certainly_reached: share(certain),
        part_share_unknown: unknown,
      };
    });
  });
}

/** What every ranked row says of its area, whatever it is ranked by. */
export interface RankedPlace {
  rank: number;
  code: string;
  name: string;
  district_code: string;
  district_name: string;
  imd_decile: number | null;
}

export interface RankedArea extends Rate, RankedPlace {}

/** Areas ranked by density, highest first; areas without a density (label-point parishes) come last, unranked. */
export function rankedByDensity(areas: readonly AreaRecord[], counts: ReadonlyMap<string, number>): RankedArea[] {
  const rows = areas.map((a) => ({ code: a.code, name: a.name, district_code: a.districtCode, district_name: a.districtName, imd_decile: a.imd?.decile ?? null, ...rate(counts.get(a.code) ?? 0, a.densityPopulation) }));
  rows.sort((x, y) => (y.per_1000 ?? -1) - (x.per_1000 ?? -1) || (y.groups - x.groups) || x.code.localeCompare(y.code));
  return rows.map((r, i) => ({ rank: i + 1, ...r }));
}
