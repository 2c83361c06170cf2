// The state changes the controls make, as pure functions: choosing a layer or a view keeps the
// pair consistent (IMD and CNI exist only on one layer) and drops a selection that no longer applies.
import type { LayerId } from '../types.ts';
import { INDEX_VIEWS, type ViewId } from './ids.ts';
import { hasIndices } from './layer-catalog.ts';
import { normaliseState, type AtlasState } from './url.ts';

export function chooseLayer(s: AtlasState, layer: LayerId): AtlasState {
  if (layer === s.layer) return s;
  const view = INDEX_VIEWS.includes(s.view) && !hasIndices(layer) ? 'category' : s.view;
  return normaliseState({ ...s, layer, view, area: null });
}

export function chooseView(s: AtlasState, view: ViewId): AtlasState {
  return normaliseState({ ...s, view });
}

/** Selecting an area found elsewhere (search, table, checker) may mean showing its layer. */
export function selectArea(s: AtlasState, code: string, layer: LayerId): AtlasState {
  const next = layer === s.layer ? s : chooseLayer(s, layer);
  return { ...next, area: code };
}
