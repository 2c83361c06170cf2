// What every handler may use: the atlas store, the group counts port, the response cache and settings.
import type { AtlasConfig } from '../config.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { GroupCounts } from '../store/group-counts.ts';
import { RepresentationCache } from './representation.ts';

export interface AtlasContext {
  store: AtlasStore;
  groups: GroupCounts;
  /** Whole layers and filtered extracts: few, large. */
  cache: RepresentationCache;
  /** One area's feature or services answer: many, small; kept apart so they never evict a layer. */
  areaCache: RepresentationCache;
  config: Pick<AtlasConfig, 'adminToken' | 'basemapStyleUrl' | 'clientDir'>;
}

export function createContext(store: AtlasStore, groups: GroupCounts, config: AtlasContext['config']): AtlasContext {
  return { store, groups, cache: new RepresentationCache(256), areaCache: new RepresentationCache(4096), config };
}
