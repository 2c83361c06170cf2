// The filters in the page URL, under the API's own parameter names (category, service, service_absent,
// imd_decile_min, …, as server/http/controllers/area-params.ts reads them), so a page link and an API
// query say the same thing. Links made before still open: their `with`, `without` and "min,max" ranges are read too.
import type { ServiceId } from '../types.ts';
import { apiFilterParams, CATEGORY_FILTERS, isOpen, type AreaFilters, type CategoryFilter, type Range } from './filters.ts';
import { isOneOf, SERVICE_IDS } from './ids.ts';

const NUMBER = /^-?\d+(\.\d+)?$/;
/** The API's name for each range, and the name older page links used ("imd=1,3"). */
const RANGES: Record<'imd' | 'cni' | 'density', { api: string; old: string; whole?: readonly [number, number] }> = {
  imd: { api: 'imd_decile', old: 'imd', whole: [1, 10] },
  cni: { api: 'cni', old: 'cni' },
  density: { api: 'density', old: 'density' },
};

/** One side of a range: a number (a whole one within bounds, for deciles), or null when absent or malformed. */
function side(raw: string | null | undefined, whole?: readonly [number, number]): number | null {
  if (!raw || !NUMBER.test(raw)) return null;
  const n = Number(raw);
  return whole ? (Number.isInteger(n) && n >= whole[0] && n <= whole[1] ? n : null) : n;
}

/** A range from its two sides; a reversed pair is dropped rather than guessed at. */
function range(lo: number | null, hi: number | null): Range | null {
  if (lo !== null && hi !== null && lo > hi) return null;
  const r: Range = [lo, hi];
  return isOpen(r) ? null : r;
}

function readRange(p: URLSearchParams, k: keyof typeof RANGES): Range | null {
  const { api, old, whole } = RANGES[k];
  if (p.has(`${api}_min`) || p.has(`${api}_max`)) return range(side(p.get(`${api}_min`), whole), side(p.get(`${api}_max`), whole));
  const m = p.get(old)?.match(/^(-?[\d.]*),(-?[\d.]*)$/);
  return m ? range(side(m[1], whole), side(m[2], whole)) : null;
}

const serviceList = (raw: string | null) => [...new Set((raw ?? '').split(',').filter((v): v is ServiceId => isOneOf(SERVICE_IDS, v)))];

/**
 * The filters a page URL gives. serviceIsView: an older link whose `service` is the service view's
 * own service, not the filter (see url.ts).
 */
export function parseFilters(p: URLSearchParams, { serviceIsView = false } = {}): AreaFilters {
  const categories = [...new Set((p.get('category') ?? '').split(',').filter((v): v is CategoryFilter => isOneOf(CATEGORY_FILTERS, v)))];
  const present = serviceList(!serviceIsView && p.has('service') ? p.get('service') : p.get('with'));
  return {
    categories: categories.length ? categories : null,
    present,
    // A service cannot be both required and excluded: the requirement wins.
    absent: serviceList(p.has('service_absent') ? p.get('service_absent') : p.get('without')).filter((s) => !present.includes(s)),
    imd: readRange(p, 'imd'),
    cni: readRange(p, 'cni'),
    density: readRange(p, 'density'),
  };
}

/** Writes the filters into a page URL under exactly the names the API takes. */
export function writeFilters(f: AreaFilters, p: URLSearchParams): void {
  for (const [name, value] of Object.entries(apiFilterParams(f))) p.set(name, value);
}
