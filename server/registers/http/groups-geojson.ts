// The groups of the chosen registers as RFC 7946 GeoJSON points, each with its register, category,
// source and the code of the area containing it in every layer. County-wide groups have no point
// (geometry null) but are still listed, marked as not counted.
import { LAYERS, type LayerId } from '../../layers.ts';
import type { LoadedRegister } from '../group-registers.ts';
import type { LocatedGroup } from '../locate-groups.ts';

/** Property name for the containing area of each layer: in_parishes, in_wards, in_lsoas, in_wards_2013. */
export const AREA_PROPERTY = LAYERS.map((l) => `in_${l.id.replace(/-/g, '_')}`);

export interface GroupFilter {
  layer: LayerId | null;
  code: string | null;
  category: string | null;
}

function matches(g: LocatedGroup, f: GroupFilter): boolean {
  if (f.category !== null && g.category !== f.category) return false;
  if (f.code === null && f.layer === null) return true;
  return LAYERS.some((l, i) => (f.layer === null || l.id === f.layer) && g.placement[i] !== null && g.notCounted === null && (f.code === null || g.placement[i] === f.code));
}

function groupFeature(register: string, g: LocatedGroup) {
  return {
    type: 'Feature' as const,
    id: `${register}:${g.line}`,
    geometry: g.point ? { type: 'Point' as const, coordinates: g.point } : null,
    properties: {
      name: g.name,
      category: g.category,
      register,
      source: g.source,
      url: g.url,
      summary: g.summary,
      located_by: g.locatedBy,
      postcode: g.postcode,
      area_code: g.areaCode,
      counted: g.notCounted === null,
      not_counted: g.notCounted,
      // Charity Commission facts, for groups from its register extract only.
      ...(g.charity ? { charity_number: g.charity.number, registered_on: g.charity.registeredOn, latest_income: g.charity.latestIncome } : {}),
      ...Object.fromEntries(AREA_PROPERTY.map((p, i) => [p, g.notCounted === null ? g.placement[i] : null])),
    },
  };
}

export function groupsCollection(registers: readonly LoadedRegister[], filter: GroupFilter, attribution: string) {
  const features = registers.flatMap((r) => r.groups.filter((g) => matches(g, filter)).map((g) => groupFeature(r.name, g)));
  return {
    type: 'FeatureCollection' as const,
    name: 'groups',
    attribution,
    registers: registers.map((r) => ({ name: r.name, source: r.source, imported_at: r.importedAt })),
    note: 'Groups in the loaded registers, not every group in the county. Groups given by area code are drawn at a point inside that area.',
    number_matched: features.length,
    features,
  };
}
