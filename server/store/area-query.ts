// The one query every area listing goes through (GeoJSON, CSV and OGC items): filter a layer's
// areas by district, category, service and bounding box, then page through them.
import * as turf from '../geo/turf.ts';
import type { Category, ServiceId } from '../domain/vocabulary.ts';
import type { LayerId } from '../registry/layers.ts';
import type { AtlasStore } from './atlas-store.ts';
import type { AreaRecord } from './records.ts';

export type BBox = [number, number, number, number];

export interface AreaFilter {
  districts?: readonly string[] | null;
  /** 'none' selects areas Appendix One does not designate. */
  categories?: readonly (Category | 'none')[] | null;
  /** Areas where every listed service is available. */
  services?: readonly ServiceId[] | null;
  /** Areas where none of the listed services is available (e.g. no Neighbourhood Workers). */
  absentServices?: readonly ServiceId[] | null;
  /** Inclusive [min, max] of the IMD 2025 decile (LSOAs only; other areas have none and drop out). */
  imdDecile?: readonly [number, number] | null;
  /** Inclusive [min, max] of the Community Needs Index 2023 score (LSOAs only). */
  cniScore?: readonly [number, number] | null;
  /** Inclusive [min, max] of groups per 1,000, with the density of each area; areas with none drop out. */
  density?: { range: readonly [number, number]; of: (area: AreaRecord) => number | null } | null;
  bbox?: BBox | null;
}

const within = (v: number | null | undefined, range: readonly [number, number] | null | undefined) => !range || (v != null && v >= range[0] && v <= range[1]);

export interface AreaPage {
  areas: AreaRecord[];
  numberMatched: number;
}

function intersectsBBox(area: AreaRecord, bbox: BBox): boolean {
  const [w, s, e, n] = bbox;
  const [aw, as, ae, an] = area.bbox;
  if (aw > e || ae < w || as > n || an < s) return false;
  if (aw >= w && ae <= e && as >= s && an <= n) return true;
  return turf.booleanIntersects(turf.bboxPolygon(bbox), area.geometry);
}

export function filterAreas(store: AtlasStore, layer: LayerId, filter: AreaFilter = {}): AreaRecord[] {
  const districts = filter.districts ? new Set(filter.districts) : null;
  const categories = filter.categories ? new Set(filter.categories) : null;
  return store.areas(layer).filter(
    (a) =>
      (!districts || districts.has(a.districtCode)) &&
      (!categories || categories.has(a.category ?? 'none')) &&
      (!filter.services || filter.services.every((s) => a.services[s] !== null)) &&
      (!filter.absentServices || filter.absentServices.every((s) => a.services[s] === null)) &&
      within(a.imd?.decile, filter.imdDecile) &&
      within(a.cni?.score, filter.cniScore) &&
      (!filter.density || within(filter.density.of(a), filter.density.range)) &&
      (!filter.bbox || intersectsBBox(a, filter.bbox)),
  );
}

export function queryAreas(store: AtlasStore, layer: LayerId, filter: AreaFilter, offset: number, limit: number): AreaPage {
  const all = filterAreas(store, layer, filter);
  return { areas: all.slice(offset, offset + limit), numberMatched: all.length };
}
