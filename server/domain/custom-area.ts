// A custom area's coverage from the Output Areas it is built from: the same arithmetic the overlay
// applies to a parish or ward (overlay.ts aggregate), over Output Areas the user chose. Each Output
// Area brings what reaches its residents (all, an unspecified some, none); a service's share is the
// residents it reaches in full, and "at least" when some of the rest are reached in an unspecified part.
// Which Output Areas a drawn polygon holds (drawnMembers) is decided here too; the geometry is asked
// through DrawnTests. Pure: the store hands in the Output Areas.
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

/** The geometry a drawn polygon's membership rule needs, answered by the adapters (server/geo). */
export interface DrawnTests<T> {
  /** Whether the polygon covers the whole of this area of layer `layer` (an index in LAYERS order). */
  coversWhole(layer: number, code: string): boolean;
  /** Whether the Output Area's population-weighted centroid lies in the polygon (on its edge counts as in). */
  holdsCentroid(unit: T): boolean;
  /** The areas of every layer whose outline holds the Output Area's centroid. */
  outlinesAt(unit: T): readonly { layer: number; code: string }[];
  /** An area's size on the ground (any unit): the larger of two areas covered whole decides. */
  size(layer: number, code: string): number;
}

/**
 * The Output Areas a drawn polygon holds. Each area of a layer is made of the Output Areas ONS best fit
 * (parishes) or the centroid assigns it, and a few have their centroid just outside its generalised
 * outline; so where the polygon covers an area whole, that area's own Output Areas are what it holds:
 * 1. an Output Area counts when the polygon covers the whole of its parish (or unparished area);
 * 2. otherwise it counts only if its centroid lies in the polygon, and then unless the largest area (on the
 *    ground, of any layer) whose outline holds the centroid and that the polygon covers whole is not its own:
 *    that area is taken whole, with its own residents, and this Output Area belongs to another.
 * So a polygon drawn along an area's outline gives that area's Output Areas, and elsewhere the centroid rules.
 */
/**
 * Whether a group counts in a drawn area, by the same rule: when the polygon covers whole the parish it is
 * placed in, or else when its point lies strictly inside the polygon. A point on the polygon's edge is left
 * to the area it was placed in (on a shared boundary, the lowest code), as every area's count does.
 */
export function drawnHoldsGroup(placement: readonly (string | null)[], strictlyInside: boolean, coversWhole: (layer: number, code: string) => boolean, parishLayer: number): boolean {
  const parish = placement[parishLayer];
  return (parish !== null && coversWhole(parishLayer, parish)) || strictlyInside;
}

export function drawnMembers<T extends { areas: readonly (string | null)[] }>(candidates: readonly T[], tests: DrawnTests<T>, parishLayer: number): T[] {
  return candidates.filter((u) => {
    const parish = u.areas[parishLayer];
    if (parish && tests.coversWhole(parishLayer, parish)) return true;
    if (!tests.holdsCentroid(u)) return false;
    let largest: { layer: number; code: string; size: number } | null = null;
    for (const o of tests.outlinesAt(u)) {
      if (!tests.coversWhole(o.layer, o.code)) continue;
      const size = tests.size(o.layer, o.code);
      if (!largest || size > largest.size) largest = { ...o, size };
    }
    return largest === null || u.areas[largest.layer] === largest.code;
  });
}
