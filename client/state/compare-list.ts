// The Compare tab's list as pure state changes: add an area (once, up to COMPARE_MAX), remove one, and
// what the area panel's button should say. One home for the rule the panel and the tab both apply.
import type { LayerId } from '../types.ts';
import { COMPARE_MAX, compareKey, isCompared, type AtlasState } from './url.ts';

export function addToCompare(s: AtlasState, code: string, layer: LayerId): AtlasState {
  return s.compare.some((e) => isCompared(e, code, layer)) || s.compare.length >= COMPARE_MAX ? s : { ...s, compare: [...s.compare, { code, layer }] };
}

export const removeFromCompare = (s: AtlasState, key: string): AtlasState => ({ ...s, compare: s.compare.filter((e) => compareKey(e) !== key) });

export function compareStatus(s: AtlasState, code: string, layer: LayerId): 'added' | 'full' | 'open' {
  return s.compare.some((e) => isCompared(e, code, layer)) ? 'added' : s.compare.length >= COMPARE_MAX ? 'full' : 'open';
}
