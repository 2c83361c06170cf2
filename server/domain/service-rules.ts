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

/** One row of Appendix One as the store holds it (geodata/rules.csv): its label and the services it ticks. */
export interface RuleRow {
  table: AppendixTable;
  category: Category;
  rowLabel: string;
  services: readonly ServiceId[];
}

/** The row of Appendix One a designation comes from. */
export function ruleOf<R extends RuleRow>(rows: readonly R[], d: Pick<DesignationLike, 'table' | 'category'>): R {
  const row = rows.find((r) => r.table === d.table && r.category === d.category);
  if (!row) throw new Error(`no Appendix One row for the ${d.category} category of the ${d.table} table`);
  return row;
}

/** The designations whose row ticks the service, in their order. */
export function granting<D extends Pick<DesignationLike, 'table' | 'category'>>(rows: readonly RuleRow[], designations: readonly D[], service: ServiceId): D[] {
  return designations.filter((d) => ruleOf(rows, d).services.includes(service));
}

/** The highest category among the designations (laa_target > social_capital > general), or null when none. */
export function highestCategory(designations: readonly DesignationLike[]): Category | null {
  for (const category of CATEGORIES) {
    if (designations.some((d) => d.category === category)) return category;
  }
  return null;
}
