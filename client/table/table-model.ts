// The table view as data: columns for the current layer and view, text and class filters, and a
// stable sort that keeps empty values last. Pure, so it is unit-tested without a browser.
import { formatDecimals } from '../number-format.ts';
import { categoryRank, categoryText } from '../layers/views/category.ts';
import type { ClassifiedView } from '../layers/view-types.ts';
import type { AreaProps, LayerId, ServiceInfo } from '../types.ts';
import { SERVICE_IDS } from '../state/ids.ts';
import { hasIndices, hasPlaces } from '../state/layer-catalog.ts';

export interface Column {
  key: string;
  label: string;
  numeric: boolean;
  /** What the cell sorts by. */
  sortValue(p: AreaProps): string | number | null;
  text(p: AreaProps): string;
}

export interface TableQuery {
  text: string;
  /** Only areas in this legend class (of the current view), or all. */
  classId: string | null;
  sort: { key: string; dir: 'asc' | 'desc' };
}

const num = (n: number | null | undefined, dp = 0) => (n == null ? '' : formatDecimals(n, dp));

/**
 * @param places - an LSOA's places in words, once fetched: LSOAs are named by the places they cover
 *   beside their code-like names ("Charnwood 005C").
 */
export function columnsFor(layer: LayerId, view: ClassifiedView, services: readonly ServiceInfo[], places: ((code: string) => string | null) | null = null): Column[] {
  const classRank = (p: AreaProps) => view.classes.findIndex((c) => c.id === view.classify(p));
  const short = (id: string) => services.find((s) => s.id === id)?.short_name ?? id;
  const cols: Column[] = [
    { key: 'name', label: 'Area', numeric: false, sortValue: (p) => p.name, text: (p) => p.name },
    ...(hasPlaces(layer) && places ? [{ key: 'places', label: 'Places it covers', numeric: false, sortValue: (p: AreaProps) => places(p.code), text: (p: AreaProps) => places(p.code) ?? '' }] : []),
    { key: 'district', label: 'District', numeric: false, sortValue: (p) => p.district_name, text: (p) => p.district_name },
    { key: 'class', label: view.columnTitle, numeric: false, sortValue: classRank, text: (p) => view.classes[classRank(p)]?.label ?? '' },
    // The category is the class column already when the map shows categories.
    ...(view.id === 'category' ? [] : [{ key: 'category', label: 'Appendix One category', numeric: false, sortValue: (p: AreaProps) => categoryRank(p), text: categoryText }]),
    {
      key: 'services', label: 'Services available', numeric: false,
      sortValue: (p) => SERVICE_IDS.filter((s) => p.services[s]).length,
      text: (p) => {
        const yes = SERVICE_IDS.filter((s) => p.services[s]);
        return `${yes.length} of 7${yes.length ? `: ${yes.map((s) => short(s) + (p.service_extent[s] === 'part' ? ' (part)' : '')).join(', ')}` : ''}`;
      },
    },
    { key: 'population', label: 'Population', numeric: true, sortValue: (p) => p.population, text: (p) => num(p.population) },
    { key: 'groups', label: 'Groups', numeric: true, sortValue: (p) => p.groups, text: (p) => num(p.groups) },
    { key: 'density', label: 'Groups per 1,000', numeric: true, sortValue: (p) => p.groups_per_1000, text: (p) => num(p.groups_per_1000, 2) },
  ];
  if (hasIndices(layer))
    cols.push(
      { key: 'imd', label: 'IMD decile', numeric: true, sortValue: (p) => p.imd_decile ?? null, text: (p) => num(p.imd_decile) },
      { key: 'cni', label: 'CNI score', numeric: true, sortValue: (p) => p.cni_score ?? null, text: (p) => num(p.cni_score, 1) },
    );
  cols.push({ key: 'code', label: 'Code', numeric: false, sortValue: (p) => p.code, text: (p) => p.code });
  return cols;
}

/** Ascending or descending, with null and empty values always last. */
export function compareValues(a: string | number | null, b: string | number | null, dir: 'asc' | 'desc'): number {
  const emptyA = a === null || a === '';
  const emptyB = b === null || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en-GB', { numeric: true });
  return dir === 'asc' ? c : -c;
}

export function tableRows(areas: readonly AreaProps[], view: ClassifiedView, columns: readonly Column[], q: TableQuery): AreaProps[] {
  const needle = q.text.trim().toLowerCase();
  const sortCol = columns.find((c) => c.key === q.sort.key) ?? columns[0];
  const placesCol = columns.find((c) => c.key === 'places');
  return areas
    .filter((p) => !needle || `${p.name} ${p.code} ${p.district_name} ${placesCol?.text(p) ?? ''}`.toLowerCase().includes(needle))
    .filter((p) => !q.classId || view.classify(p) === q.classId)
    .map((p, i) => ({ p, i, v: sortCol.sortValue(p) }))
    .sort((x, y) => compareValues(x.v, y.v, q.sort.dir) || x.i - y.i)
    .map((x) => x.p);
}
