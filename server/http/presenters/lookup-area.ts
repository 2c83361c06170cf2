// One area of a point look-up answer: who it is, its category and services, the neighbours the point
// touches when it lies on a shared boundary, and links to the full answers.
import { SERVICE_IDS } from '../../domain/vocabulary.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import type { AreaRecord } from '../../store/records.ts';

export function lookupArea(store: AtlasStore, a: AreaRecord, boundaryWith: readonly AreaRecord[]) {
  return {
    layer: a.layer,
    layer_title: store.layers.find((l) => l.id === a.layer)!.title,
    code: a.code,
    name: a.name,
    district_code: a.districtCode,
    district_name: a.districtName,
    population: a.population,
    category: a.category,
    category_extent: a.categoryExtent,
    services: Object.fromEntries(SERVICE_IDS.map((s) => [s, a.services[s] !== null])),
    service_extent: a.services,
    ...(boundaryWith.length ? { on_boundary_with: boundaryWith.map((b) => ({ code: b.code, name: b.name })) } : {}),
    links: { area: `/api/areas/${a.code}?layer=${a.layer}`, services: `/api/areas/${a.code}/services?layer=${a.layer}` },
  };
}
