// The map settings: layer, view, service and district (the toolbar), registers counted and case-study markers.
// Each control writes the state; render() brings the controls back in line with the state.
import { byId, fill, h } from '../dom.ts';
import { countyOf } from '../county.ts';
import { INDEX_VIEWS, VIEW_IDS, VIEW_LABELS, isOneOf } from '../state/ids.ts';
import { indicesLayerMany, isLayerId, layerIds, layerWords } from '../state/layer-catalog.ts';
import type { StateStore } from '../state/store.ts';
import { chooseLayer, chooseView } from '../state/transitions.ts';
import type { AtlasState } from '../state/url.ts';
import type { ClientConfig, ServiceInfo } from '../types.ts';

export class Controls {
  constructor(
    private readonly store: StateStore,
    config: ClientConfig,
    services: readonly ServiceInfo[],
  ) {
    fill(byId('layer-select'), layerIds().map((id) => h('option', { value: id }, layerWords(id).label)));
    fill(byId('view-select'), VIEW_IDS.map((id) => h('option', { value: id }, `${VIEW_LABELS[id]}${INDEX_VIEWS.includes(id) ? ` (${indicesLayerMany()} only)` : ''}`)));
    fill(byId('service-select'), services.map((s) => h('option', { value: s.id }, `${s.name} (${s.short_name})`)));
    fill(byId('district-select'), h('option', { value: '' }, `All ${countyOf(config).districts}`), config.districts.map((d) => h('option', { value: d.code }, d.name)));
    const registers = byId('register-options');
    if (config.registers.length)
      fill(registers, config.registers.map((r) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'register', value: r.name }), ` ${r.name} `, h('span', { class: 'hint', 'data-counted': r.counted ?? r.rows }, registerCount(r)))));
    else fill(registers, h('p', { class: 'notice', 'data-testid': 'no-register' }, 'No register of community groups is loaded, so group counts are 0. Import one with npm run import:groups (see the README).'));

    byId('layer-select').addEventListener('change', (e) => {
      const v = (e.target as HTMLSelectElement).value;
      if (isLayerId(v)) store.set((s) => chooseLayer(s, v));
    });
    byId('view-select').addEventListener('change', (e) => {
      const v = (e.target as HTMLSelectElement).value;
      if (isOneOf(VIEW_IDS, v)) store.set((s) => chooseView(s, v));
    });
    byId<HTMLSelectElement>('service-select').addEventListener('change', (e) => store.set({ service: (e.target as HTMLSelectElement).value as AtlasState['service'] }));
    byId<HTMLSelectElement>('district-select').addEventListener('change', (e) => store.set({ district: (e.target as HTMLSelectElement).value || null }));
    registers.addEventListener('change', (e) => {
      const ticked = [...registers.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
      // Density needs at least one register; the API reads "none given" as "all".
      if (ticked.length === 0) {
        (e.target as HTMLInputElement).checked = true;
        return;
      }
      // Every register ticked means "all", which is also what a new register should join.
      store.set({ registers: ticked.length === config.registers.length ? null : ticked });
    });
    byId<HTMLInputElement>('cases-toggle').addEventListener('change', (e) => store.set({ cases: (e.target as HTMLInputElement).checked }));
  }

  render(s: AtlasState): void {
    byId<HTMLSelectElement>('layer-select').value = s.layer;
    byId<HTMLSelectElement>('view-select').value = s.view;
    byId<HTMLSelectElement>('service-select').value = s.service;
    byId('service-field').hidden = s.view !== 'service';
    byId('register-field').hidden = s.view !== 'density';
    byId<HTMLSelectElement>('district-select').value = s.district ?? '';
    for (const i of document.querySelectorAll<HTMLInputElement>('input[name="register"]')) i.checked = !s.registers || s.registers.includes(i.value);
    byId<HTMLInputElement>('cases-toggle').checked = s.cases;
  }
}

/** "(17 groups counted of 21 listed)": the number the densities count, and the rows only when they differ. */
export function registerCount(r: { rows: number; counted?: number }): string {
  const counted = r.counted ?? r.rows;
  return counted === r.rows ? `(${r.rows.toLocaleString('en-GB')} groups)` : `(${counted.toLocaleString('en-GB')} groups counted of ${r.rows.toLocaleString('en-GB')} listed)`;
}
