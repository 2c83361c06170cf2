// The frame every area's density is read in: the county and district rates for the same layer and
// registers, and which published figure (if any) the counted registers may be compared with.
// Computed from memory (the store's areas and the registers' counts), so it is cheap per request.
import { pooledRate, rate, referenceFit, type Rate, type ReferenceFit } from '../domain/density.ts';
import type { LayerId } from '../registry/layers.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { GroupCounts } from '../store/group-counts.ts';
import type { AreaRecord } from '../store/records.ts';

export interface DensityContext {
  registers_counted: string[];
  reference: ReferenceFit;
  county: Rate;
  districts: (Rate & { code: string; name: string })[];
}

export interface CountedRegisters {
  counted: string[];
  counts: ReadonlyMap<string, number>;
}

/**
 * The areas' groups and residents, ready to pool. Pooled rates count every resident: a label-point
 * parish has no density of its own (no group can be placed in a point), but its residents live in the
 * county and its groups are counted next door, so the county divides by 712,355, not 675 fewer.
 */
export const areaCounts = (areas: readonly AreaRecord[], counts: ReadonlyMap<string, number>) =>
  areas.map((a) => ({ groups: counts.get(a.code) ?? 0, population: a.population }));

export function densityContext(store: AtlasStore, groups: GroupCounts, layer: LayerId, c: CountedRegisters): DensityContext {
  const all = store.areas(layer);
  // One pass to group the areas by district: filtering the layer once per district grew with districts × areas.
  const byDistrict = new Map<string, AreaRecord[]>();
  for (const a of all) {
    const list = byDistrict.get(a.districtCode);
    if (list) list.push(a);
    else byDistrict.set(a.districtCode, [a]);
  }
  const comparisons = groups.registers().filter((r) => c.counted.includes(r.name)).map((r) => r.comparison);
  return {
    registers_counted: c.counted,
    reference: referenceFit(comparisons),
    county: pooledRate(areaCounts(all, c.counts)),
    districts: store.districts.map((d) => ({ code: d.code, name: d.name, ...pooledRate(areaCounts(byDistrict.get(d.code) ?? [], c.counts)) })),
  };
}

/** The per-area density fields every listing carries: the rate, its interval and flags, and the frame. */
export function areaDensity(area: AreaRecord, groups: number, ctx: DensityContext | null) {
  const r = rate(groups, area.densityPopulation);
  return {
    groups_per_1000: r.per_1000,
    groups_per_1000_lower: r.lower,
    groups_per_1000_upper: r.upper,
    density_flags: r.flags,
    district_groups_per_1000: ctx?.districts.find((d) => d.code === area.districtCode)?.per_1000 ?? null,
    county_groups_per_1000: ctx?.county.per_1000 ?? null,
  };
}
