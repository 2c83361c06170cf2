// Areas ranked by what the map view shows: group density, Appendix One category, a service's
// coverage (share of residents), IMD 2025 decile or CNI 2023 score, with the county and district
// lines where the value has one. Pure over the areas and counts it is given.
import { CATEGORIES, CATEGORY_LABELS, SERVICE_IDS, type ServiceId } from '../domain/vocabulary.ts';
import type { AreaRecord } from '../store/records.ts';
import { rankedByDensity, type RankedArea, type RankedPlace } from './by-deprivation.ts';
import type { DensityContext } from './density-context.ts';

/** The values an area can be ranked by: the map's views, a service's coverage named `coverage_<service>`. */
export const RANK_VALUES = ['density', 'category', 'imd', 'cni', ...SERVICE_IDS.map((s) => `coverage_${s}` as const)] as const;
export type RankValue = (typeof RANK_VALUES)[number];
/** Values that exist for LSOAs only. */
export const LSOA_ONLY_VALUES: readonly RankValue[] = ['imd', 'cni'];

export interface RankedValueArea extends RankedPlace {
  population: number | null;
  /** The number ranked, highest first (for IMD, the decile: most deprived first); null last. */
  value: number | null;
  /** The value in words, as the map's key says it. */
  value_text: string;
  /** Coverage only: the bounds of the share (0 to 1 where the seed names an unspecified part). */
  lower?: number;
  upper?: number;
}

/** The county and district lines: a pooled figure over the whole layer, or null where the value has none. */
export interface RankLines {
  method: string;
  county: number | null;
  districts: { code: string; name: string; value: number | null }[];
}

const coverageService = (by: RankValue): ServiceId | null => (by.startsWith('coverage_') ? (by.slice('coverage_'.length) as ServiceId) : null);

/** Category order: LAA target wholly first, not listed last (7 … 1). */
function categoryValue(a: AreaRecord): number {
  if (!a.category) return 1;
  return (CATEGORIES.length - CATEGORIES.indexOf(a.category)) * 2 + (a.categoryExtent === 'part' ? 0 : 1);
}

const share = (s: number | null) => (s === null ? 'an unspecified part of the residents' : `${Math.round(s * 100)}% of residents`);

/** Share of residents who can access the service: 1 wholly, the union share in part, null when the seed gives no share. */
function coverageValue(a: AreaRecord, service: ServiceId): number | null {
  const c = a.serviceCover[service];
  return c.extent === 'whole' ? 1 : c.extent === 'part' ? c.share : 0;
}

interface Ranking {
  value: (a: AreaRecord) => number | null;
  /** Where an area without a value ranks (coverage: a part of unknown share, above none and below any known share). */
  order?: (a: AreaRecord) => number | null;
  bounds?: (a: AreaRecord) => { lower: number; upper: number };
  text: (a: AreaRecord) => string;
  /** Breaks ties among equal values (IMD: the national rank within the decile). */
  tie?: (x: AreaRecord, y: AreaRecord) => number;
}

function ranking(by: Exclude<RankValue, 'density'>): Ranking {
  const service = coverageService(by);
  if (service) {
    const unknownPart = (a: AreaRecord) => a.serviceCover[service].extent === 'part' && a.serviceCover[service].share === null;
    return {
      value: (a) => coverageValue(a, service),
      order: (a) => coverageValue(a, service) ?? Number.MIN_VALUE,
      bounds: (a) => (unknownPart(a) ? { lower: 0, upper: 1 } : { lower: coverageValue(a, service)!, upper: coverageValue(a, service)! }),
      text: (a) => {
        const c = a.serviceCover[service];
        return c.extent === 'whole' ? 'Available to the whole area' : c.extent === 'part' ? `Available to ${share(c.share)}` : 'Not available';
      },
    };
  }
  if (by === 'category') return { value: categoryValue, text: (a) => (a.category ? `${CATEGORY_LABELS[a.category]}${a.categoryExtent === 'part' ? ` (part: ${share(a.categoryShare)})` : ''}` : 'Not listed in Appendix One') };
  if (by === 'imd') return { value: (a) => a.imd?.decile ?? null, text: (a) => (a.imd ? `IMD 2025 decile ${a.imd.decile} (rank ${a.imd.rank})` : 'No IMD value'), tie: (x, y) => (x.imd?.rank ?? 0) - (y.imd?.rank ?? 0) };
  return { value: (a) => a.cni?.score ?? null, text: (a) => (a.cni ? `CNI score ${a.cni.score}${a.cni.leftBehind ? ' (left behind)' : ''}` : 'No CNI value') };
}

/**
 * Rank 1 is the highest value, except IMD, where rank 1 is the most deprived (decile 1 first). Areas
 * without a value come last, but a part of unknown share ranks between any known share and none.
 */
export function rankedBy(by: Exclude<RankValue, 'density'>, areas: readonly AreaRecord[]): RankedValueArea[] {
  const r = ranking(by);
  const sign = by === 'imd' ? 1 : -1;
  const rows = areas.map((a) => ({ a, value: r.value(a), order: (r.order ?? r.value)(a) }));
  rows.sort((x, y) => {
    if (x.order === null || y.order === null) return (x.order === null ? 1 : 0) - (y.order === null ? 1 : 0) || x.a.code.localeCompare(y.a.code);
    return sign * (x.order - y.order) || (r.tie?.(x.a, y.a) ?? 0) || x.a.code.localeCompare(y.a.code);
  });
  return rows.map(({ a, value }, i) => ({
    rank: i + 1,
    code: a.code,
    name: a.name,
    district_code: a.districtCode,
    district_name: a.districtName,
    imd_decile: a.imd?.decile ?? null,
    population: a.population,
    value,
    value_text: r.text(a),
    ...r.bounds?.(a),
  }));
}

/**
 * Residents certainly reached ÷ residents, for the county and each district in one pass: a lower bound
 * where the seed leaves a part's share unknown. Residents are the density population, so a label-point
 * parish (whose residents live in the parish around it) is not counted twice.
 */
function coverageShares(areas: readonly AreaRecord[], service: ServiceId) {
  const sums = new Map<string, { pop: number; reached: number }>();
  const county = { pop: 0, reached: 0 };
  for (const a of areas) {
    const p = a.densityPopulation ?? 0;
    const r = p * (coverageValue(a, service) ?? 0);
    const d = sums.get(a.districtCode) ?? sums.set(a.districtCode, { pop: 0, reached: 0 }).get(a.districtCode)!;
    d.pop += p;
    d.reached += r;
    county.pop += p;
    county.reached += r;
  }
  const share = (s: { pop: number; reached: number } | undefined) => (s && s.pop > 0 ? Math.round((s.reached / s.pop) * 10_000) / 10_000 : null);
  return { county: share(county), district: (code: string) => share(sums.get(code)) };
}

/**
 * The lines drawn across the ranking. Density: the county's and each district's pooled rate (from the
 * density frame). Coverage: the share of all residents who can certainly access the service. Category,
 * IMD decile and CNI score are per-area ranks or classes with no county figure, so they have none.
 */
export function rankLines(by: RankValue, all: readonly AreaRecord[], districts: readonly { code: string; name: string }[], density: DensityContext | null): RankLines | null {
  if (by === 'density' && density) return { method: 'groups per 1,000 residents, pooled', county: density.county.per_1000, districts: density.districts.map((d) => ({ code: d.code, name: d.name, value: d.per_1000 })) };
  const service = coverageService(by);
  if (!service) return null;
  const shares = coverageShares(all, service);
  return {
    method: 'share of residents certainly reached (a lower bound where Appendix One gives no share for a part)',
    county: shares.county,
    districts: districts.map((d) => ({ code: d.code, name: d.name, value: shares.district(d.code) })),
  };
}

export type RankedRow = RankedArea | RankedValueArea;

/** The ranking for the value, density keeping its rate fields (count, interval and flags). */
export function rankAreas(by: RankValue, areas: readonly AreaRecord[], counts: ReadonlyMap<string, number>): RankedRow[] {
  return by === 'density' ? rankedByDensity(areas, counts) : rankedBy(by, areas);
}
