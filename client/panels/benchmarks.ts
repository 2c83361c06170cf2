// "Against the district and the county": each of an area's figures (groups per 1,000, residents in the
// most deprived fifth, each service's share of residents certainly reached) beside its district's and
// Leicestershire's, as a table whose last column draws the three on one scale (a spine: the bar is the
// area, the ticks the district │ and the county ┃). The table is the accessible form; the drawing is
// hidden from screen readers, which read the same numbers in the cells.
import { h } from '../dom.ts';
import { formatNumber } from '../layers/classify.ts';
import type { AreaDetail } from '../types.ts';

export interface Figure {
  label: string;
  area: number | null | undefined;
  district: number | null | undefined;
  county: number | null | undefined;
  /** The scale's top: 1 for shares. */
  max: number;
  text(v: number): string;
}

export const pct = (v: number) => `${Math.round(v * 100)}%`;

export function benchmarkFigures(detail: AreaDetail, serviceName: (id: string) => string): Figure[] {
  const p = detail.properties;
  const rate = [p.groups_per_1000, p.district_groups_per_1000, p.county_groups_per_1000];
  const d = detail.deprivation;
  return [
    { label: 'Groups per 1,000', area: rate[0], district: rate[1], county: rate[2], max: Math.max(0.1, ...rate.map((v) => v ?? 0)) * 1.15, text: formatNumber },
    ...(d ? [{ label: 'Residents in IMD deciles 1–2', area: d.share_deciles_1_2, district: d.district_share_deciles_1_2, county: d.county_share_deciles_1_2, max: 1, text: pct }] : []),
    ...(detail.benchmarks?.services ?? []).map((s) => ({ label: `${serviceName(s.id)}: residents reached`, area: s.area, district: s.district, county: s.county, max: 1, text: pct })),
  ];
}

function spine(f: Figure, countyName: string): HTMLElement {
  const at = (v: number) => `${Math.min(100, (v / f.max) * 100)}%`;
  const track = h('span', { class: 'spine', 'aria-hidden': 'true' });
  if (f.area != null) track.append(Object.assign(h('span', { class: 'spine-bar' }), { style: `width:${at(f.area)}` }));
  if (f.district != null) track.append(Object.assign(h('span', { class: 'spine-district', title: 'District' }), { style: `left:${at(f.district)}` }));
  if (f.county != null) track.append(Object.assign(h('span', { class: 'spine-county', title: countyName }), { style: `left:${at(f.county)}` }));
  return track;
}

/** The table: figure, this area, its district, the county (countyName, from /api/config), and the spine drawing. */
export function benchmarkTable(detail: AreaDetail, serviceName: (id: string) => string, countyName: string): HTMLElement {
  return figuresTable(detail.properties.name, detail.properties.district_name, benchmarkFigures(detail, serviceName), detail.benchmarks?.method ?? '', countyName);
}

/** Any figures beside a district's and the county's (an area's, or your own area's). */
export function figuresTable(name: string, districtName: string, figures: Figure[], method: string, countyName: string): HTMLElement {
  const cell = (f: Figure, v: number | null | undefined) => h('td', { class: 'num' }, v == null ? '–' : f.text(v));
  // The table may scroll sideways on a narrow screen: a focusable, named region lets a keyboard user scroll it too (WCAG 2.1.1).
  return h('div', { class: 'benchmarks', 'data-testid': 'benchmarks', tabindex: '0', role: 'region', 'aria-label': `${name} against its district and the county` },
    h('table', { class: 'benchmark-table' },
      h('caption', {}, `${name} against ${districtName} and ${countyName}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Figure'), h('th', { scope: 'col', class: 'num' }, 'Here'), h('th', { scope: 'col', class: 'num' }, districtName), h('th', { scope: 'col', class: 'num' }, 'County'), h('td', { 'aria-hidden': 'true', class: 'spine-key' }, 'bar: here · │ district · ┃ county'))),
      h('tbody', {}, figures.map((f) => h('tr', {}, h('th', { scope: 'row' }, f.label), cell(f, f.area), cell(f, f.district), cell(f, f.county), h('td', { class: 'spine-cell' }, spine(f, countyName)))))),
    h('p', { class: 'hint' }, method));
}
