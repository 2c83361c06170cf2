// The Compare tab: two to four areas side by side, as one table with the areas as columns and a
// header cell for every row, so a screen reader names the area and the fact of each cell. Each column
// comes from the API (the area's detail and services answer, with the registers on the map, asked
// for in the entry's own layer: ward codes repeat between 2013 and 2025); areas are added from the
// area panel and kept in the URL (compare=parishes/E04…,wards-2013/E05…).
import { api, ApiError } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { formatNumber } from '../layers/classify.ts';
import { categoryText } from '../layers/views/category.ts';
import { densityText } from '../layers/views/density.ts';
import { COMPARE_MAX, compareKey, type CompareEntry } from '../state/url.ts';
import { capitalised, indicesLayerMany, layerWords } from '../state/layer-catalog.ts';
import type { AreaDetail, ServicesAnswer } from '../types.ts';
import { designationRoutes } from './services-answer.ts';
import { deprivationText } from './deprivation.ts';

interface Column {
  code: string;
  /** The entry's identity in the URL ("layer/code"), for removing it. */
  key: string;
  detail?: AreaDetail;
  answer?: ServicesAnswer;
  error?: string;
}

export interface CompareActions {
  /** Takes the entry (by its compareKey) off the tab. */
  remove(key: string): void;
  /** Puts the area on the tab (an area found by search while the tab shows). */
  add(code: string, layer: AreaDetail['properties']['layer']): void;
  /** Opens the area on the map (its panel). */
  show(code: string, layer: AreaDetail['properties']['layer']): void;
}

type Loaded = Column & Required<Pick<Column, 'detail' | 'answer'>>;
type Row = [string, (c: Loaded) => Node | string];

const list = (items: string[]) => (items.length ? h('ul', { class: 'plain' }, items.map((t) => h('li', {}, t))) : '–');

export class ComparePanel {
  private readonly el = byId('compare');
  private request: AbortController | null = null;
  private key = '';
  /** An area found by search while this tab shows, offered above the table until added or dismissed. */
  private offered: { code: string; layer: AreaDetail['properties']['layer']; name: string; detail: string } | null = null;
  private readonly offerEl = h('div', { class: 'compare-offer-slot' });

  constructor(
    private readonly actions: CompareActions,
    /** The county's name (from /api/config). */
    private readonly countyName: string,
  ) {
    this.el.before(this.offerEl);
  }

  /** Offers a searched area: "Coalville, parish in North West Leicestershire — Add to compare". */
  offer(area: { code: string; layer: AreaDetail['properties']['layer']; name: string; detail: string }, entries: readonly CompareEntry[]): void {
    this.offered = area;
    this.renderOffer(entries);
    this.offerEl.querySelector<HTMLElement>('[data-testid="compare-offer"]')?.focus();
  }

  private renderOffer(entries: readonly CompareEntry[]): void {
    const o = this.offered;
    if (!o) return fill(this.offerEl);
    const added = entries.some((e) => e.code === o.code && (e.layer === o.layer || e.layer === null));
    const full = !added && entries.length >= COMPARE_MAX;
    fill(this.offerEl,
      h('div', { class: 'compare-offer', role: 'group', tabindex: '-1', 'aria-label': `Found: ${o.name}`, 'data-testid': 'compare-offer' },
        h('p', {}, h('strong', {}, o.name), `, ${o.detail}. `,
          added ? 'It is in the comparison below.' : full ? `The comparison is full (${COMPARE_MAX} areas): remove one to add ${o.name}.` : ''),
        h('span', { class: 'compare-actions' },
          added || full ? null : h('button', { type: 'button', class: 'remove-compare', onclick: () => this.actions.add(o.code, o.layer) }, 'Add to compare', h('span', { class: 'sr-only' }, `: ${o.name}`)),
          h('button', { type: 'button', class: 'link-button', onclick: () => this.actions.show(o.code, o.layer) }, 'Show on map', h('span', { class: 'sr-only' }, `: ${o.name}`)),
          h('button', { type: 'button', class: 'link-button', onclick: () => ((this.offered = null), fill(this.offerEl)) }, 'Dismiss'))));
  }

  async show(entries: readonly CompareEntry[], registers: readonly string[] | null): Promise<void> {
    byId('compare-count').textContent = entries.length ? `(${entries.length})` : '';
    this.renderOffer(entries);
    const key = JSON.stringify([entries.map(compareKey), registers]);
    if (key === this.key) return;
    this.key = key;
    this.request?.abort();
    const req = (this.request = new AbortController());
    if (entries.length === 0) {
      fill(this.el, h('p', {}, `Choose an area on the map or in the table, then “Add to compare” in its panel. Up to ${COMPARE_MAX} areas, of any layer, sit side by side here.`));
      return;
    }
    this.el.setAttribute('aria-busy', 'true');
    const columns: Column[] = await Promise.all(
      entries.map(async ({ code, layer }) => {
        const key = compareKey({ code, layer });
        try {
          const detail = await api.area(code, layer, registers, req.signal);
          const answer = await api.areaServices(code, detail.properties.layer, req.signal);
          return { code, key, detail, answer };
        } catch (err) {
          if ((err as Error).name === 'AbortError') throw err;
          return { code, key, error: err instanceof ApiError ? err.message : 'could not be loaded' };
        }
      }),
    ).catch(() => []);
    if (req.signal.aborted) return;
    this.el.removeAttribute('aria-busy');
    this.render(columns);
  }

  private render(columns: Column[]): void {
    const ok = columns.filter((c): c is Loaded => Boolean(c.detail && c.answer));
    const serviceRows: Row[] = (ok[0]?.answer.services ?? []).map((svc, i) => [
      `${svc.name} (${svc.short_name})`,
      (c) => {
        const s = c.answer.services[i];
        // One mention per name listed: several tables listing "Melton Mowbray" are one route to the service.
        const how = s.available ? (s.reasons.every((r) => 'inferred' in r) ? 'inferred from the strategy text' : [...new Set(s.reasons.map((r) => ('listed_as' in r && r.listed_as ? `via “${r.listed_as}”` : '')).filter(Boolean))].join('; ')) : '';
        const extent = s.extent === 'part' ? `in part${s.share != null ? ` (${Math.round(s.share * 100)}% of residents)` : ' (share not given)'}` : 'wholly';
        const b = c.detail.benchmarks?.services.find((x) => x.id === s.id);
        const against = b && b.district != null && b.county != null ? `Residents certainly reached: ${b.area == null ? 'no population figure' : `${Math.round(b.area * 100)}%`}; ${c.detail.properties.district_name} ${Math.round(b.district * 100)}%, county ${Math.round(b.county * 100)}%.` : null;
        return h('span', { 'data-service': s.id, 'data-available': String(s.available), class: s.available ? 'yes' : 'no' },
          h('span', { 'aria-hidden': 'true' }, s.available ? '✓ ' : '✗ '), s.available ? `Yes, ${extent}` : 'No', how ? h('span', { class: 'hint' }, `. ${how[0].toUpperCase()}${how.slice(1)}`) : null,
          against ? h('span', { class: 'hint benchmark', 'data-testid': 'service-benchmark' }, ` ${against}`) : null);
      },
    ]);
    const rate = (v: number | null | undefined) => (v == null ? '–' : `${formatNumber(v)} per 1,000`);
    // The seven services first: they are what a comparison is for; the designations behind them last.
    const rows: Row[] = [
      ...serviceRows,
      ['Kind of area', (c) => `${capitalised(layerWords(c.detail.properties.layer).one)} in ${c.detail.properties.district_name}`],
      ['Population (Census 2021)', (c) => c.detail.properties.population?.toLocaleString('en-GB') ?? (c.detail.properties.population_note ?? 'Not published')],
      ['Appendix One category', (c) => categoryText(c.detail.properties)],
      ['Groups and density (95% interval)', (c) => densityText(c.detail.properties) ?? `${c.detail.properties.groups} groups`],
      ['District rate', (c) => `${c.detail.properties.district_name}: ${rate(c.detail.properties.district_groups_per_1000)}`],
      ['County rate', (c) => rate(c.detail.properties.county_groups_per_1000)],
      ['IMD 2025 decile', (c) => (c.detail.properties.imd_decile != null ? `${c.detail.properties.imd_decile} (1 = most deprived)` : 'No decile of its own: see the residents in deciles 1–2 below')],
      ['Residents in IMD 2025 deciles 1–2 (against the district and county)', (c) => h('span', { 'data-testid': 'deprivation' }, deprivationText(c.detail.deprivation, c.detail.properties.district_name, this.countyName))],
      ['Community Needs Index 2023', (c) => (c.detail.properties.cni_score != null ? `${formatNumber(c.detail.properties.cni_score)}${c.detail.properties.left_behind === 'yes' ? ' (left behind)' : ''}` : `${indicesLayerMany()} only`)],
      ['Designations (2008): one line per route', (c) => list(designationRoutes(c.detail.properties.designations))],
    ];
    const failed = columns.filter((c) => c.error);
    fill(
      this.el,
      ok.length < 2 ? h('p', { class: 'notice' }, `Add ${ok.length ? 'at least one more area' : 'two areas'} to compare: choose an area, then “Add to compare” in its panel.`) : null,
      failed.map((c) => h('p', { role: 'alert' }, `${c.code}: ${c.error}`, ' ', this.removeButton(c.key, c.code))),
      ok.length
        ? h('div', { class: 'compare-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'compare-caption' },
            h('table', { id: 'compare-table', class: 'compare-table' },
              h('caption', { id: 'compare-caption' }, `${ok.map((c) => c.detail.properties.name).join(' compared with ')}: services, population, groups and density, deprivation and designations.`),
              h('thead', {}, h('tr', {}, h('td', {}), ok.map((c) => h('th', { scope: 'col', 'data-code': c.code, 'data-layer': c.detail.properties.layer },
                h('span', { class: 'compare-name' }, c.detail.properties.name), h('span', { class: 'hint' }, ` ${c.code}`),
                h('span', { class: 'compare-actions' },
                  h('button', { type: 'button', class: 'link-button', onclick: () => this.actions.show(c.code, c.detail.properties.layer) }, 'Show on map', h('span', { class: 'sr-only' }, `: ${c.detail.properties.name}`)),
                  this.removeButton(c.key, c.detail.properties.name)))))),
              h('tbody', {}, rows.map(([label, cell]) => h('tr', {}, h('th', { scope: 'row' }, label), ok.map((c) => h('td', {}, cell(c)))))),
            ))
        : null,
    );
  }

  private removeButton(key: string, name: string): HTMLButtonElement {
    return h('button', { type: 'button', class: 'remove-compare', 'data-remove': key, onclick: () => this.actions.remove(key) }, 'Remove', h('span', { class: 'sr-only' }, ` ${name} from the comparison`));
  }
}
