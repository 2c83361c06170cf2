// The client's copy of the server's layer registry (server/registry/layers.ts), filled once from GET /api/layers
// before anything reads it: layer ids, their words, label zooms and capabilities are never typed here.
import type { LayerId, LayersResponse } from '../types.ts';

export type LayerFacts = Pick<LayersResponse['layers'][number], 'id' | 'historical' | 'words' | 'label_min_zoom' | 'table_column' | 'capabilities' | 'unparished'>;
export type LayerWords = LayerFacts['words'];

let known: readonly LayerFacts[] = [];

/**
 * Keeps the layers as the server lists them (a module-level copy, not a parameter, because the pure
 * URL parser and a dozen panels read it; it is set once, at start, and never changes while the page runs).
 */
export function useLayers(layers: readonly LayerFacts[]): void {
  if (!layers.length) throw new Error('the atlas lists no layers');
  known = layers.map(({ id, historical, words, label_min_zoom, table_column, capabilities, unparished }) => ({ id, historical, words, label_min_zoom, table_column, capabilities, unparished }));
}

const facts = (id: string): LayerFacts => {
  const found = known.find((l) => l.id === id);
  if (!found) throw new Error(known.length ? `no layer "${id}"` : 'the layers are read before /api/layers has answered');
  return found;
};

export const layerIds = (): LayerId[] => known.map((l) => l.id);
export const isLayerId = (v: string | null | undefined): v is LayerId => v != null && known.some((l) => l.id === v);
/** The registry lists the default layer first (the one a link without `layer` opens). */
export const defaultLayer = (): LayerId => facts(known[0]?.id ?? '').id;
export const layerWords = (id: string): LayerWords => facts(id).words;
export const labelMinZoom = (id: string): number => facts(id).label_min_zoom;
/** The column a table of postcodes gives the layer's area ("parish" → parish_code, parish_name). */
export const tableColumn = (id: string): string => facts(id).table_column;
export const isHistorical = (id: string): boolean => facts(id).historical;
/** Whether the layer's areas carry IMD deciles and CNI scores. */
export const hasIndices = (id: string): boolean => facts(id).capabilities.indices;
/** Whether the server names the places (parishes, wards) each area of the layer covers. */
export const hasPlaces = (id: string): boolean => facts(id).capabilities.places;
/** The layer the IMD and CNI views and filters switch to. */
export const indicesLayer = (): LayerId => {
  const found = known.find((l) => l.capabilities.indices);
  if (!found) throw new Error('no layer carries IMD and CNI');
  return found.id;
};
/** The layer whose areas the server names places for (GET /api/layers/{id}/places). */
export const placesLayer = (): LayerId => {
  const found = known.find((l) => l.capabilities.places);
  if (!found) throw new Error('no layer names its places');
  return found.id;
};
/** The plural of the IMD/CNI layer's areas, for "(LSOAs only)". */
export const indicesLayerMany = (): string => layerWords(indicesLayer()).many;

/** What one area is called: "parish", or "unparished area" for a code the layer's unparished rule names. */
export function areaNoun(layer: string, code: string): string {
  const f = facts(layer);
  return f.unparished && code.startsWith(f.unparished.code_prefix) ? f.unparished.noun : f.words.one;
}

/** "Parish", for the start of a line. */
export const capitalised = (word: string) => `${word[0].toUpperCase()}${word.slice(1)}`;
