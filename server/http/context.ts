// What every handler may use: the atlas store, the group counts port, the response cache and settings.
import type { AtlasConfig } from '../config.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { GroupCounts } from '../store/group-counts.ts';
import { RepresentationCache } from './representation.ts';

export interface AtlasContext {
  store: AtlasStore;
  groups: GroupCounts;
  cache: RepresentationCache;
  config: Pick<AtlasConfig, 'adminToken' | 'basemapStyleUrl' | 'clientDir'>;
}

export function createContext(store: AtlasStore, groups: GroupCounts, config: AtlasContext['config']): AtlasContext {
  return { store, groups, cache: new RepresentationCache(), config };
}
