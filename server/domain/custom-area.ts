// A custom area's coverage from the Output Areas it is built from: the same arithmetic the overlay
// applies to a parish or ward (overlay.ts aggregate), over Output Areas the user chose. Each Output
// Area brings what reaches its residents (all, an unspecified some, none); a service's share is the
// residents it reaches in full, and "at least" when some of the rest are reached in an unspecified part.
// Pure: the store hands in the Output Areas.
import { round4 } from './overlay.ts';
import { WHOLE } from './vocabulary.ts';
import type { Reach, ServiceCover, UnitReach } from './overlay-model.ts';
import { CATEGORIES, SERVICE_IDS, type Category, type Extent, type ServiceId } from './vocabulary.ts';

export interface CustomUnit {
  population: number;
  reach: UnitReach;
}

export interface CategoryCover {
  extent: Extent | null;
  share: number | null;
  shareAtLeast: boolean;
}

export interface CustomCoverage {
  population: number;
  services: Record<ServiceId, ServiceCover>;
  /** The highest category reaching any of its residents, as an area's category. */
  category: Category | null;
  /** Every category's cover, not only the highest. */
  categories: Record<Category, CategoryCover>;
}

function cover(units: readonly CustomUnit[], total: number, reachOf: (u: CustomUnit) => Reach): CategoryCover {
  if (!units.some((u) => reachOf(u) !== null)) return { extent: null, share: null, shareAtLeast: false };
  let full = 0;
  let unsettled = false;
  for (const u of units) {
    const r = reachOf(u);
    if (r === 'all') full += u.population;
    else if (r === 'some') unsettled = true;
  }
  const s = Math.min(1, total > 0 ? round4(full / total) : 0);
  return { extent: s >= WHOLE ? 'whole' : 'part', share: s > 0 ? s : null, shareAtLeast: s > 0 && s < WHOLE && unsettled };
}

export function customCoverage(units: readonly CustomUnit[]): CustomCoverage {
  const population = units.reduce((sum, u) => sum + u.population, 0);
  const services = Object.fromEntries(
    SERVICE_IDS.map((s) => [s, { ...cover(units, population, (u) => u.reach.services[s]), withheldUnparished: units.some((u) => u.reach.withheld.includes(s)) }]),
  ) as Record<ServiceId, ServiceCover>;
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, cover(units, population, (u) => u.reach.categories[c])])) as Record<Category, CategoryCover>;
  return { population, services, category: CATEGORIES.find((c) => categories[c].extent !== null) ?? null, categories };
}

/** Residents by a key (district, or the area of a layer), largest first. */
export function residentsBy<T extends { population: number }>(units: readonly T[], key: (u: T) => string): { key: string; residents: number }[] {
  const tally = new Map<string, number>();
  for (const u of units) tally.set(key(u), (tally.get(key(u)) ?? 0) + u.population);
  return [...tally].map(([k, residents]) => ({ key: k, residents })).sort((a, b) => b.residents - a.residents || a.key.localeCompare(b.key));
}
