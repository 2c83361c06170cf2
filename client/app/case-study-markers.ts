// The case-study register's groups as markers and a list (issue 5): fetched once when the register is
// loaded, shown on the map only when the state asks (they hide small areas and labels).
import { api } from '../api.ts';
import { byId } from '../dom.ts';
import type { MapPort } from '../map/map-port.ts';
import { renderCaseStudies } from '../panels/case-studies.ts';
import type { StateStore } from '../state/store.ts';
import type { ClientConfig } from '../types.ts';

export async function loadCaseStudies(map: MapPort, store: StateStore, registers: ClientConfig['registers']): Promise<void> {
  const collection = registers.some((r) => r.name === 'case-studies') ? await api.caseStudies().catch(() => null) : null;
  map.setCaseStudies(collection, store.get().cases);
  renderCaseStudies(collection, (i) => {
    store.set({ tab: 'map', cases: true });
    map.openCaseStudy(i);
  });
  byId('map').dataset.caseStudies = String(map.caseStudyCount);
}
