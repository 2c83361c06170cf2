// "Groups on the map as points": one tick box per register, in the register's colour and initial
// (client/map/group-points.ts draws them), kept in the URL (points=libraries,case-studies).
import { byId, fill, h } from '../dom.ts';
import type { StateStore } from '../state/store.ts';
import type { AtlasState } from '../state/url.ts';

export function renderPointToggles(store: StateStore, registers: readonly { name: string; counted?: number; rows: number }[], colour: (name: string) => string): void {
  const field = byId('points-field');
  field.hidden = registers.length === 0;
  fill(byId('points-options'), registers.map((r) =>
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'points', value: r.name, 'data-testid': `points-${r.name}`, onchange: (e: Event) => {
        const on = (e.target as HTMLInputElement).checked;
        store.set((s) => ({ ...s, points: on ? [...s.points.filter((x) => x !== r.name), r.name] : s.points.filter((x) => x !== r.name) }));
      } }),
      ' ', h('span', { class: 'point-key', 'aria-hidden': 'true', style: `background:${colour(r.name)}` }, r.name.slice(0, 1).toUpperCase()),
      ` ${r.name}`)));
  syncPointToggles(store.get());
}

export function syncPointToggles(s: AtlasState): void {
  for (const i of document.querySelectorAll<HTMLInputElement>('#points-options input[name="points"]')) i.checked = s.points.includes(i.value);
}
