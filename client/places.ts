// The parishes and wards each LSOA covers (GET /api/layers/{id}/places, for the layer whose capabilities
// say it has places), fetched once, so LSOA tooltips, panels and profiles name places rather than only "Charnwood 012C".
import { placesLayer } from './state/layer-catalog.ts';
import type { PlaceLayer } from '../server/domain/lsoa-places.ts';

export interface LsoaPlace {
  layer: PlaceLayer;
  code: string;
  name: string;
  share: number;
}

import { fileUrl } from './state/standalone.ts';

let places: Promise<Record<string, LsoaPlace[]>> | null = null;

export function lsoaPlaces(): Promise<Record<string, LsoaPlace[]>> {
  places ??= fetch(fileUrl(`/api/layers/${placesLayer()}/places`), { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ places: Record<string, LsoaPlace[]> }>) : Promise.reject(new Error(`places: HTTP ${r.status}`))))
    .then((b) => b.places);
  places.catch(() => (places = null));
  return places;
}

// The words for them have one home, shared with the layer CSV's places column.
export { placesText } from '../server/domain/lsoa-places.ts';
