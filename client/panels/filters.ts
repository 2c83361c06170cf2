// The filter controls beside the key: category, each service present or absent, IMD decile, CNI
// and density ranges, and "Clear filters". Every control is a labelled native form field, so the
// keyboard and screen readers work as they do everywhere else; each change writes the state (and so
// the URL, as a history step), and render() puts the controls back in line with the state.
import { byId, fill, h } from '../dom.ts';
import { CATEGORY_FILTER_LABELS, CATEGORY_FILTERS, hasFilters, NO_FILTERS, type AreaFilters, type Range } from '../state/filters.ts';
import { isOneOf, SERVICE_IDS } from '../state/ids.ts';
import { hasIndices, indicesLayer, indicesLayerMany, layerWords } from '../state/layer-catalog.ts';
import type { StateStore } from '../state/store.ts';
import type { AtlasState } from '../state/url.ts';
import type { ServiceId, ServiceInfo } from '../types.ts';

type RangeKey = 'imd' | 'cni' | 'density';

/** indicesOnly: the range needs IMD/CNI values, which one layer has (hasIndices). */
const RANGES: { key: RangeKey; legend: string; indicesOnly: boolean; step: string; min?: number; max?: number }[] = [
  { key: 'imd', legend: 'IMD 2025 decile (1 = most deprived)', indicesOnly: true, step: '1', min: 1, max: 10 },
  { key: 'cni', legend: 'Community Needs Index score', indicesOnly: true, step: 'any' },
  { key: 'density', legend: 'Groups per 1,000 residents', indicesOnly: false, step: 'any', min: 0 },
];

const numberOrNull = (v: string) => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));

export class FilterControls {
  private readonly form = byId<HTMLFormElement>('filter-form');

  constructor(
    private readonly store: StateStore,
    services: readonly ServiceInfo[],
  ) {
    const name = (id: ServiceId) => services.find((s) => s.id === id);
    fill(
      this.form,
      h('fieldset', {}, h('legend', {}, 'Appendix One category'),
        h('div', { class: 'options' }, CATEGORY_FILTERS.map((c) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'filter-category', value: c }), ` ${CATEGORY_FILTER_LABELS[c]}`))),
        h('p', { class: 'hint' }, 'None ticked: every category.')),
      h('fieldset', {}, h('legend', {}, 'Services (wholly or in part)'),
        h('div', { class: 'filter-services' }, SERVICE_IDS.map((id) => {
          const s = name(id);
          return h('div', { class: 'field' },
            h('label', { for: `filter-service-${id}` }, s ? `${s.name} (${s.short_name})` : id),
            h('select', { id: `filter-service-${id}`, 'data-service': id },
              h('option', { value: '' }, 'Any'), h('option', { value: 'present' }, 'Can access'), h('option', { value: 'absent' }, 'Cannot access')));
        }))),
      RANGES.map((r) =>
        h('fieldset', { 'data-range': r.key }, h('legend', {}, r.legend, r.indicesOnly ? h('span', { class: 'hint' }, ` (${indicesLayerMany()} only)`) : null),
          h('div', { class: 'range-fields' },
            (['from', 'to'] as const).map((side) =>
              h('div', { class: 'field' },
                h('label', { for: `filter-${r.key}-${side}` }, side === 'from' ? 'From' : 'To'),
                h('input', { id: `filter-${r.key}-${side}`, type: 'number', inputmode: 'decimal', step: r.step, min: r.min, max: r.max, 'data-side': side })))),
          r.indicesOnly ? h('p', { class: 'hint lsoa-only-hint' }, `Choose the ${layerWords(indicesLayer()).one} layer to filter by this.`) : null)),
    );
    this.form.addEventListener('submit', (e) => e.preventDefault());
    this.form.addEventListener('change', (e) => this.changed(e.target as HTMLElement));
    byId('filters-clear').addEventListener('click', () => this.clear());
    // A shared link with filters opens with them shown, so the reader sees what narrowed the map.
    if (hasFilters(store.get().filters)) byId<HTMLDetailsElement>('filter-details').open = true;
  }

  /** Clears every filter and moves focus to the summary, which says so. */
  clear(): void {
    this.store.set({ filters: NO_FILTERS });
    byId('filter-summary').focus();
  }

  private changed(target: HTMLElement): void {
    const f = this.store.get().filters;
    if (target.matches('input[name="filter-category"]')) {
      const ticked = [...this.form.querySelectorAll<HTMLInputElement>('input[name="filter-category"]:checked')].map((i) => i.value).filter((v) => isOneOf(CATEGORY_FILTERS, v));
      return this.set({ ...f, categories: ticked.length ? ticked : null });
    }
    const service = target.dataset.service as ServiceId | undefined;
    if (service) {
      const v = (target as HTMLSelectElement).value;
      return this.set({
        ...f,
        present: [...f.present.filter((s) => s !== service), ...(v === 'present' ? [service] : [])],
        absent: [...f.absent.filter((s) => s !== service), ...(v === 'absent' ? [service] : [])],
      });
    }
    const key = target.closest<HTMLElement>('fieldset[data-range]')?.dataset.range as RangeKey | undefined;
    if (key) {
      const read = (side: string) => numberOrNull(byId<HTMLInputElement>(`filter-${key}-${side}`).value);
      let range: Range = [read('from'), read('to')];
      // A reversed pair is read the way it was meant: from the smaller to the larger.
      if (range[0] !== null && range[1] !== null && range[0] > range[1]) range = [range[1], range[0]];
      this.set({ ...f, [key]: range[0] === null && range[1] === null ? null : range });
    }
  }

  private set(filters: AreaFilters): void {
    this.store.set({ filters });
  }

  render(s: AtlasState): void {
    const f = s.filters;
    for (const i of this.form.querySelectorAll<HTMLInputElement>('input[name="filter-category"]')) i.checked = Boolean(f.categories?.includes(i.value as never));
    for (const id of SERVICE_IDS) byId<HTMLSelectElement>(`filter-service-${id}`).value = f.present.includes(id) ? 'present' : f.absent.includes(id) ? 'absent' : '';
    for (const r of RANGES) {
      const range = f[r.key];
      const off = r.indicesOnly && !hasIndices(s.layer);
      for (const [i, side] of (['from', 'to'] as const).entries()) {
        const input = byId<HTMLInputElement>(`filter-${r.key}-${side}`);
        // Leave a field alone while it is being typed in, unless the state says otherwise.
        const want = range?.[i] ?? null;
        if (numberOrNull(input.value) !== want) input.value = want === null ? '' : String(want);
        input.disabled = off;
      }
      this.form.querySelector<HTMLElement>(`fieldset[data-range="${r.key}"] .lsoa-only-hint`)?.toggleAttribute('hidden', !off);
    }
    byId('filters-clear').hidden = !hasFilters(f);
  }
}
