// Puts every group of a register into an area of every layer, against the current atlas areas.
// Points go through the locator; a group given by area code counts in that area in every layer
// that has the code, and elsewhere through the area's label point (a point inside the area).
import { LAYERS, type LayerId } from '../registry/layers.ts';
import type { AreaLocator, Placement } from '../store/area-locator.ts';
import type { GroupInput } from './group-input.ts';

export interface LocatedGroup extends GroupInput {
  /** Where the group is drawn: its own point, or the label point of its area; null when county-wide. */
  point: [number, number] | null;
  placement: Placement;
  /** Null when counted; otherwise why the group is listed but not counted in any area. */
  notCounted: string | null;
}

/** Built field by field: spreading the group and adding fields makes V8 objects 3× slower to create. */
function located(g: GroupInput, point: [number, number] | null, placement: Placement, notCounted: string | null): LocatedGroup {
  return {
    line: g.line, name: g.name, category: g.category, locatedBy: g.locatedBy, postcode: g.postcode, areaCode: g.areaCode,
    lon: g.lon, lat: g.lat, source: g.source, url: g.url, summary: g.summary, listedOnly: g.listedOnly, charity: g.charity,
    point, placement, notCounted,
  };
}

/** Names the atlas groups were placed against (its inputs hash) and this way of placing them: stored with an
 *  import, so a register loaded into the same atlas is read, not placed again. Bump the suffix when placing changes. */
export const placedFor = (inputsHash: string) => `${inputsHash}/place-1`;

/** What locating needs from the atlas: the AtlasStore, or the import worker's slimmer copy. */
export interface AreaLabels {
  layersWithCode(code: string): LayerId[];
  area(code: string, layer: LayerId): { label: [number, number] } | undefined;
}

export function locateGroup(group: GroupInput, store: AreaLabels, locator: AreaLocator): LocatedGroup {
  const unplaced = LAYERS.map(() => null);
  if (group.locatedBy === 'county') return located(group, null, unplaced, 'county-wide: works across the county, not in one area');
  let point: [number, number] | null = group.lon !== null && group.lat !== null ? [group.lon, group.lat] : null;
  let placement: Placement;
  if (group.locatedBy === 'area_code') {
    const layers = store.layersWithCode(group.areaCode!);
    if (layers.length === 0) return located(group, null, unplaced, `area ${group.areaCode} is no longer in the atlas`);
    point = store.area(group.areaCode!, layers[0])!.label;
    const byPoint = locator.place(point[0], point[1]);
    placement = LAYERS.map((l, i) => (layers.includes(l.id) ? group.areaCode : byPoint[i]));
  } else {
    placement = locator.place(point![0], point![1]);
  }
  if (group.listedOnly) return located(group, point, placement, group.listedOnly);
  if (!placement.some((c) => c !== null)) return located(group, point, placement, 'outside every area of the current atlas');
  return located(group, point, placement, null);
}

/** Groups per area code for each layer, counting each counted group once per layer. */
export function countByLayer(groups: readonly LocatedGroup[]): Map<LayerId, Map<string, number>> {
  const out = new Map<LayerId, Map<string, number>>(LAYERS.map((l) => [l.id, new Map()]));
  for (const g of groups) {
    if (g.notCounted !== null) continue;
    LAYERS.forEach((l, i) => {
      const code = g.placement[i];
      if (code === null) return;
      const counts = out.get(l.id)!;
      counts.set(code, (counts.get(code) ?? 0) + 1);
    });
  }
  return out;
}

export function countCategories(groups: readonly GroupInput[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of groups) out[g.category] = (out[g.category] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export interface NotCounted {
  name: string;
  line: number;
  reason: string;
}

/** The groups listed but not counted, in file order. */
export function notCountedOf(groups: readonly LocatedGroup[]): NotCounted[] {
  return groups.filter((g) => g.notCounted !== null).map((g) => ({ name: g.name, line: g.line, reason: g.notCounted! }));
}
