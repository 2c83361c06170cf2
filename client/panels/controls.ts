// The map settings form: layer, view, service, district, registers counted and case-study markers.
// Each control writes the state; render() brings the controls back in line with the state.
import { byId, fill, h } from '../dom.ts';
import { LAYER_IDS, LAYER_WORDS, LSOA_ONLY_VIEWS, VIEW_IDS, VIEW_LABELS, isOneOf } from '../state/ids.ts';
import type { StateStore } from '../state/store.ts';
import { chooseLayer, chooseView } from '../state/transitions.ts';
import type { AtlasState } from '../state/url.ts';
import type { ClientConfig, ServiceInfo } from '../types.ts';

function radios(name: string, items: { value: string; label: string; hint?: string }[]): HTMLElement[] {
  return items.map((i) =>
    h('label', { class: 'radio' }, h('input', { type: 'radio', name, value: i.value }), h('span', {}, i.label, i.hint ? h('span', { class: 'hint' }, ` ${i.hint}`) : null)),
  );
}

export class Controls {
  constructor(
    private readonly store: StateStore,
    config: ClientConfig,
    services: readonly ServiceInfo[],
  ) {
    fill(byId('layer-select'), LAYER_IDS.map((id) => h('option', { value: id }, LAYER_WORDS[id].label)));
    fill(byId('view-options'), radios('view', VIEW_IDS.map((id) => ({ value: id, label: VIEW_LABELS[id], hint: LSOA_ONLY_VIEWS.includes(id) ? '(LSOAs)' : undefined }))));
    fill(byId('service-select'), services.map((s) => h('option', { value: s.id }, `${s.name} (${s.short_name})`)));
    fill(byId('district-select'), h('option', { value: '' }, 'All seven districts'), config.districts.map((d) => h('option', { value: d.code }, d.name)));
    const registers = byId('register-options');
    if (config.registers.length)
      fill(registers, config.registers.map((r) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'register', value: r.name }), ` ${r.name} `, h('span', { class: 'hint' }, `(${r.rows.toLocaleString('en-GB')} groups)`))));
    else fill(registers, h('p', { class: 'notice', 'data-testid': 'no-register' }, 'No register of community groups is loaded, so group counts are 0. Import one with npm run import:groups (see the README).'));

    byId('layer-select').addEventListener('change', (e) => {
      const v = (e.target as HTMLSelectElement).value;
      if (isOneOf(LAYER_IDS, v)) store.set((s) => chooseLayer(s, v));
    });
    byId('view-options').addEventListener('change', (e) => {
      const v = (e.target as HTMLInputElement).value;
      if (isOneOf(VIEW_IDS, v)) store.set((s) => chooseView(s, v));
    });
    byId<HTMLSelectElement>('service-select').addEventListener('change', (e) => store.set({ service: (e.target as HTMLSelectElement).value as AtlasState['service'] }));
    byId<HTMLSelectElement>('district-select').addEventListener('change', (e) => store.set({ district: (e.target as HTMLSelectElement).value || null }));
    registers.addEventListener('change', () => {
      const ticked = [...registers.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
      // Every register ticked means "all", which is also what a new register should join.
      store.set({ registers: ticked.length === config.registers.length ? null : ticked });
    });
    byId<HTMLInputElement>('cases-toggle').addEventListener('change', (e) => store.set({ cases: (e.target as HTMLInputElement).checked }));
  }

  render(s: AtlasState): void {
    const check = (name: string, value: string) => {
      for (const i of document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) i.checked = i.value === value;
    };
    byId<HTMLSelectElement>('layer-select').value = s.layer;
    check('view', s.view);
    byId<HTMLSelectElement>('service-select').value = s.service;
    byId('service-field').hidden = s.view !== 'service';
    byId('register-field').hidden = s.view !== 'density';
    byId<HTMLSelectElement>('district-select').value = s.district ?? '';
    for (const i of document.querySelectorAll<HTMLInputElement>('input[name="register"]')) i.checked = !s.registers || s.registers.includes(i.value);
    byId<HTMLInputElement>('cases-toggle').checked = s.cases;
  }
}
