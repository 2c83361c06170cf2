// Each register's groups as clustered points on the map, switchable per register (none drawn until
// one is switched on), and the register import form beside them.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { byId, h } from '../dom.ts';
import { GroupPoints } from '../map/group-points.ts';
import { renderPointToggles, syncPointToggles } from '../panels/group-toggles.ts';
import { RegistersAdmin } from '../panels/registers-admin.ts';
import type { StateStore } from '../state/store.ts';
import type { AtlasState } from '../state/url.ts';
import type { ClientConfig } from '../types.ts';

export class GroupLayer {
  private readonly points: GroupPoints | null;

  constructor(
    private readonly store: StateStore,
    private readonly registers: ClientConfig['registers'],
    map: MapLibreMap | null,
  ) {
    this.points = map ? new GroupPoints(map, registers.map((r) => r.name)) : null;
    renderPointToggles(store, map ? registers : [], (name) => this.points?.colour(name) ?? '#000000');
    this.show(store.get());
    new RegistersAdmin(() => {
      const status = byId('register-status');
      status.append(h('p', {}, 'The map and figures count the registers as they were when the page opened. ', h('button', { type: 'button', class: 'clear-filters', onclick: () => location.reload() }, 'Reload to recount')));
    });
  }

  /** Draws the registers the state asks for and ticks their toggles. */
  show(s: AtlasState): void {
    syncPointToggles(s);
    if (!this.points) return;
    for (const r of this.registers) this.points.toggle(r.name, s.points.includes(r.name));
  }
}
