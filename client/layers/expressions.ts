// Small builders for MapLibre style expressions, so view styles read as intent rather than arrays.
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { ClassDef } from './view-types.ts';

/** ["match", ["get", key], id1, out1, …, fallback] over the given classes. */
export function matchClass(key: string, classes: readonly ClassDef[], out: (c: ClassDef) => string, fallback: string): ExpressionSpecification {
  if (classes.length === 0) return ['literal', fallback] as unknown as ExpressionSpecification;
  return ['match', ['get', key], ...classes.flatMap((c) => [c.id, out(c)]), fallback] as unknown as ExpressionSpecification;
}

/** True for features whose class (under key) is one of the given classes. */
export function classIn(key: string, classes: readonly ClassDef[]): FilterSpecification {
  return ['in', ['get', key], ['literal', classes.map((c) => c.id)]];
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
