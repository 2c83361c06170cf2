// Which services a designation grants, and the highest category among an area's designations.
// The rules themselves are data (geodata/rules.csv); this module only applies them.
import { CATEGORIES, type AppendixTable, type Category, type Extent, type ServiceId } from './vocabulary.ts';

/** rules[table][category] = the services ticked in that row of Appendix One. */
export type ServiceRules = Record<AppendixTable, Record<Category, ReadonlySet<ServiceId>>>;

/** The part of a designation the rules need: which row of which table, and how much of the area it covers. */
export interface DesignationLike {
  table: AppendixTable;
  category: Category;
  extent: Extent;
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
