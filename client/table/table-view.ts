// The Table view: one row per area of the current layer and district, the same classes as the map
// (with swatches), sortable by any column and filterable by name or class, all by keyboard.
import { byId, fill, h } from '../dom.ts';
import type { ClassifiedView } from '../layers/view-types.ts';
import { swatch } from '../panels/swatch.ts';
import type { AreaProps, LayerId, ServiceInfo } from '../types.ts';
import { columnsFor, tableRows, type Column, type TableQuery } from './table-model.ts';

export interface TableInput {
  layer: LayerId;
  many: string;
  areas: readonly AreaProps[];
  view: ClassifiedView;
  services: readonly ServiceInfo[];
  selected: string | null;
  /** An LSOA's places in words, once fetched (null before, and for other layers). */
  places?: ((code: string) => string | null) | null;
}

export class TableView {
  private readonly table = byId<HTMLTableElement>('area-table');
  private readonly filter = byId<HTMLInputElement>('table-filter');
  private readonly classSelect = byId<HTMLSelectElement>('table-class');
  private query: TableQuery = { text: '', classId: null, sort: { key: 'name', dir: 'asc' } };
  private input: TableInput | null = null;
  private columns: Column[] = [];
  /** Rows are drawn only while the Table tab shows, so a hidden table never delays the map. */
  private readonly panel = byId('tab-table');
  private stale = false;

  constructor(private readonly select: (code: string) => void) {
    this.filter.addEventListener('input', () => this.update({ text: this.filter.value }));
    this.classSelect.addEventListener('change', () => this.update({ classId: this.classSelect.value || null }));
  }

  setData(input: TableInput): void {
    const viewChanged = this.input?.view.key !== input.view.key;
    this.input = input;
    this.columns = columnsFor(input.layer, input.view, input.services, input.places ?? null);
    if (viewChanged) {
      fill(this.classSelect, h('option', { value: '' }, 'All classes'), input.view.classes.map((c) => h('option', { value: c.id }, c.label)));
      this.query.classId = null;
    }
    if (!this.columns.some((c) => c.key === this.query.sort.key)) this.query.sort = { key: 'name', dir: 'asc' };
    this.render();
  }

  private update(change: Partial<TableQuery>): void {
    this.query = { ...this.query, ...change };
    this.render();
  }

  private sortBy(key: string): void {
    const dir = this.query.sort.key === key && this.query.sort.dir === 'asc' ? 'desc' : 'asc';
    this.update({ sort: { key, dir } });
    this.table.querySelector<HTMLButtonElement>(`th button[data-sort="${key}"]`)?.focus();
  }

  /** Highlights the selected area's row without rebuilding the table (and remembers it for a later draw). */
  markSelected(code: string | null): void {
    if (this.input) this.input = { ...this.input, selected: code };
    for (const tr of this.table.querySelectorAll<HTMLTableRowElement>('tbody tr')) tr.classList.toggle('selected', tr.dataset.code === code);
  }

  /** Draws what changed while the Table tab was hidden (called when it opens). */
  reveal(): void {
    if (this.stale) this.render();
  }

  private render(): void {
    const t = this.input;
    if (!t) return;
    this.stale = this.panel.hidden;
    if (this.stale) return;
    const rows = tableRows(t.areas, t.view, this.columns, this.query);
    const { key, dir } = this.query.sort;
    const sortedBy = this.columns.find((c) => c.key === key)!;
    fill(
      this.table,
      h('caption', { id: 'table-caption' }, `${rows.length.toLocaleString('en-GB')} of ${t.areas.length.toLocaleString('en-GB')} ${t.many}, sorted by ${sortedBy.label.toLowerCase()} (${dir === 'asc' ? 'ascending' : 'descending'}). Choose a column heading to sort.`),
      h('thead', {}, h('tr', {}, this.columns.map((c) => {
        const sorted = c.key === key;
        return h('th', { scope: 'col', 'aria-sort': sorted ? (dir === 'asc' ? 'ascending' : 'descending') : null, class: c.numeric ? 'num' : null },
          h('button', { type: 'button', 'data-sort': c.key, onclick: () => this.sortBy(c.key) }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (dir === 'asc' ? ' ▲' : ' ▼') : ' ↕')));
      }))),
      h('tbody', {}, rows.map((p) => this.row(p, t))),
    );
  }

  private row(p: AreaProps, t: TableInput): HTMLTableRowElement {
    const cls = t.view.classes.find((c) => c.id === t.view.classify(p));
    return h('tr', { 'data-code': p.code, class: p.code === t.selected ? 'selected' : null },
      this.columns.map((c, i) => {
        if (i === 0) return h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button', onclick: () => this.select(p.code) }, c.text(p)));
        if (c.key === 'class') return h('td', { 'data-col': c.key }, cls ? swatch(cls) : null, ' ', c.text(p));
        return h('td', { 'data-col': c.key, class: c.numeric ? 'num' : null }, c.text(p));
      }),
    );
  }
}
