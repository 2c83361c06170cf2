// The filters that combine (issue 11): category, services present or absent, IMD decile, CNI and
// density ranges, with the district from the toolbar. Pure: the same filter object decides what the
// map, key, table and charts show, gives the API parameters for downloads (and the page URL, which uses
// the same names: filter-params.ts), and reads out as a sentence.
// Its tests hold it to the server's own filter (server/store/area-query.ts) area for area.
import type { AreaProps, Category, ServiceId } from '../types.ts';
import { hasIndices } from './layer-catalog.ts';
import { CATEGORIES, CATEGORY_LABELS } from '../../server/domain/vocabulary.ts';

export const CATEGORY_FILTERS = [...CATEGORIES, 'none'] as const;
export type CategoryFilter = (typeof CATEGORY_FILTERS)[number];
export type Range = [number | null, number | null];

export interface AreaFilters {
  /** Keep areas whose Appendix One category is one of these ('none': not listed); null keeps all. */
  categories: CategoryFilter[] | null;
  /** Services every kept area can access (wholly or in part). */
  present: ServiceId[];
  /** Services no kept area can access. */
  absent: ServiceId[];
  /** Inclusive bounds; null on a side means open. IMD and CNI exist for LSOAs only. */
  imd: Range | null;
  cni: Range | null;
  density: Range | null;
}

export const NO_FILTERS: AreaFilters = { categories: null, present: [], absent: [], imd: null, cni: null, density: null };

/** The domain's category names, and "Not listed" for areas Appendix One does not name. */
export const CATEGORY_FILTER_LABELS: Record<CategoryFilter, string> = { ...CATEGORY_LABELS, none: 'Not listed' };

export const isOpen = (r: Range | null) => !r || (r[0] === null && r[1] === null);

export function hasFilters(f: AreaFilters): boolean {
  return Boolean(f.categories || f.present.length || f.absent.length || !isOpen(f.imd) || !isOpen(f.cni) || !isOpen(f.density));
}

/** IMD and CNI filters only make sense (and the API only accepts them) on the layer that has those values. */
export function forLayer(f: AreaFilters, layer: string): AreaFilters {
  return (isOpen(f.imd) && isOpen(f.cni)) || hasIndices(layer) ? f : { ...f, imd: null, cni: null };
}

const within = (v: number | null | undefined, r: Range | null) => isOpen(r) || (v != null && (r![0] === null || v >= r![0]) && (r![1] === null || v <= r![1]));

/** Whether an area passes every filter: the same rules as the server's filterAreas. */
export function matches(f: AreaFilters, p: AreaProps): boolean {
  return (
    (!f.categories || f.categories.includes((p.category ?? 'none') as Category | 'none')) &&
    f.present.every((s) => p.services[s]) &&
    f.absent.every((s) => !p.services[s]) &&
    within(p.imd_decile, f.imd) &&
    within(p.cni_score, f.cni) &&
    within(p.groups_per_1000, f.density)
  );
}

/** The same filters as API query parameters (server/http/controllers/area-params.ts names them). */
export function apiFilterParams(f: AreaFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.categories) out.category = f.categories.join(',');
  if (f.present.length) out.service = f.present.join(',');
  if (f.absent.length) out.service_absent = f.absent.join(',');
  const range = (name: string, r: Range | null) => {
    if (r?.[0] != null) out[`${name}_min`] = String(r[0]);
    if (r?.[1] != null) out[`${name}_max`] = String(r[1]);
  };
  range('imd_decile', f.imd);
  range('cni', f.cni);
  range('density', f.density);
  return out;
}

function rangeWords(label: string, r: Range | null, unit = ''): string[] {
  if (isOpen(r)) return [];
  const [lo, hi] = r!;
  if (lo !== null && hi !== null) return [lo === hi ? `${label} ${lo}${unit}` : `${label} ${lo}–${hi}${unit}`];
  return [lo !== null ? `${label} ${lo}${unit} or more` : `${label} up to ${hi}${unit}`];
}

/** The filters in words: "IMD decile 1–3, no Neighbourhood Workers". Empty when none is set. */
export function filterPhrases(f: AreaFilters, serviceName: (id: ServiceId) => string, districtName: string | null): string[] {
  return [
    ...(districtName ? [`in ${districtName}`] : []),
    ...(f.categories ? [f.categories.map((c) => CATEGORY_FILTER_LABELS[c]).join(' or ')] : []),
    ...rangeWords('IMD decile', f.imd),
    ...rangeWords('CNI score', f.cni),
    ...rangeWords('groups per 1,000', f.density),
    ...f.present.map((s) => `with ${serviceName(s)}`),
    ...f.absent.map((s) => `no ${serviceName(s)}`),
  ];
}

/** "Showing 12 of 408 LSOAs: IMD decile 1–3, no Neighbourhood Workers." */
export function filterSummary(shown: number, total: number, many: string, phrases: readonly string[]): string {
  const head = `Showing ${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${many}`;
  return phrases.length ? `${head}: ${phrases.join(', ')}.` : `${head}: no filters.`;
}
