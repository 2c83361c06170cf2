// Which services a designation grants, and what an area's designations add up to.
// The rules themselves are data (geodata/rules.csv); this module only applies them.
import { CATEGORIES, SERVICE_IDS, type AppendixTable, type Category, type Extent, type ServiceId } from './vocabulary.ts';

/** rules[table][category] = the services ticked in that row of Appendix One. */
export type ServiceRules = Record<AppendixTable, Record<Category, ReadonlySet<ServiceId>>>;

/** The part of a designation the rules need: which row of which table, and how much of the area it covers. */
export interface DesignationLike {
  table: AppendixTable;
  category: Category;
  extent: Extent;
}

export interface ServiceCoverage<D extends DesignationLike = DesignationLike> {
  available: boolean;
  /** 'whole' when any granting designation covers the whole area, 'part' when only partial ones do. */
  extent: Extent | null;
  grantedBy: D[];
}

export function grants(rules: ServiceRules, d: DesignationLike, service: ServiceId): boolean {
  return rules[d.table][d.category].has(service);
}

/** The highest category among the designations (laa_target > social_capital > general), or null when none. */
export function highestCategory(designations: readonly DesignationLike[]): Category | null {
  for (const category of CATEGORIES) {
    if (designations.some((d) => d.category === category)) return category;
  }
  return null;
}

/** A service is available when any designation grants it. */
export function serviceCoverage<D extends DesignationLike>(
  rules: ServiceRules,
  designations: readonly D[],
): Record<ServiceId, ServiceCoverage<D>> {
  const out = {} as Record<ServiceId, ServiceCoverage<D>>;
  for (const service of SERVICE_IDS) {
    const grantedBy = designations.filter((d) => grants(rules, d, service));
    const extent: Extent | null = grantedBy.length === 0 ? null : grantedBy.some((d) => d.extent === 'whole') ? 'whole' : 'part';
    out[service] = { available: grantedBy.length > 0, extent, grantedBy };
  }
  return out;
}

/** The extent of the category itself: whole if any designation of that category covers the whole area. */
export function categoryExtent(designations: readonly DesignationLike[]): Extent | null {
  const category = highestCategory(designations);
  if (!category) return null;
  return designations.some((d) => d.category === category && d.extent === 'whole') ? 'whole' : 'part';
}
