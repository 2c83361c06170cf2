// Small builders for MapLibre style expressions, so view styles read as intent rather than arrays.
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { ClassDef } from './view-types.ts';

/**
 * Where a feature's class id comes from: a property of the feature (GeoJSON features carry one per
 * view), or an expression such as a join on the area code (vector tiles carry no class ids).
 */
export type ClassSource = string | ExpressionSpecification;
const classOf = (key: ClassSource) => (typeof key === 'string' ? ['get', key] : key);

/** ["match", <class id>, id1, out1, …, fallback] over the given classes. */
export function matchClass(key: ClassSource, classes: readonly ClassDef[], out: (c: ClassDef) => string, fallback: string): ExpressionSpecification {
  if (classes.length === 0) return ['literal', fallback] as unknown as ExpressionSpecification;
  return ['match', classOf(key), ...classes.flatMap((c) => [c.id, out(c)]), fallback] as unknown as ExpressionSpecification;
}

/** True for features whose class is one of the given classes. */
export function classIn(key: ClassSource, classes: readonly ClassDef[]): FilterSpecification {
  return ['in', classOf(key), ['literal', classes.map((c) => c.id)]] as FilterSpecification;
}

/**
 * The class id of each area joined by its code: ["match", ["get", "code"], [codes…], id, …, ""].
 * MapLibre compiles match labels into a hash table, so this is one look-up per feature however many
 * areas there are, and it works in filters and fill-pattern, where feature-state cannot be used.
 */
export function classByCode(classes: ReadonlyMap<string, string>): ExpressionSpecification {
  const codes = new Map<string, string[]>();
  for (const [code, id] of classes) {
    const list = codes.get(id);
    if (list) list.push(code);
    else codes.set(id, [code]);
  }
  if (!codes.size) return ['literal', ''] as unknown as ExpressionSpecification;
  return ['match', ['get', 'code'], ...[...codes].flatMap(([id, list]) => [list, id]), ''] as unknown as ExpressionSpecification;
}

export const isPoint: FilterSpecification = ['==', ['geometry-type'], 'Point'];
export const isPolygon: FilterSpecification = ['!=', ['geometry-type'], 'Point'];

/** Areas inside the district filter (all areas when there is none), or only the given codes (the combined filters, issue 11). */
export function inDistrict(district: string | null, only: readonly string[] | null = null): FilterSpecification {
  if (only) return ['in', ['get', 'code'], ['literal', [...only]]];
  return district ? ['==', ['get', 'district_code'], district] : ['literal', true] as unknown as FilterSpecification;
}

export function outsideDistrict(district: string | null, only: readonly string[] | null = null): FilterSpecification {
  if (only) return ['!', inDistrict(district, only)] as FilterSpecification;
  return district ? ['!=', ['get', 'district_code'], district] : ['literal', false] as unknown as FilterSpecification;
}

export const all = (...filters: FilterSpecification[]): FilterSpecification => ['all', ...filters] as FilterSpecification;

/** A number chosen by feature-state flags, first match wins: [[flag, value], …], otherwise. */
export function byState(cases: [string, number | string][], otherwise: number | string | unknown[]): ExpressionSpecification {
  return ['case', ...cases.flatMap(([flag, v]) => [['boolean', ['feature-state', flag], false], v]), otherwise] as unknown as ExpressionSpecification;
}
