// What every handler may use: the atlas store, the group counts port, the response cache and settings.
import type { AtlasConfig } from '../config/config.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { GroupCounts } from '../store/group-counts.ts';
import { AREA_CACHE_BYTES, LAYER_CACHE_BYTES } from '../config/limits.ts';
import { HealthWatch } from './health.ts';
import { RepresentationCache } from './representation-cache.ts';
import { WorkLimiter } from '../cache/work-limiter.ts';

export interface AtlasContext {
  store: AtlasStore;
  groups: GroupCounts;
  /** Whole layers and filtered extracts: few, large. */
  cache: RepresentationCache;
  /** One area's feature or services answer: many, small; kept apart so they never evict a layer. */
  areaCache: RepresentationCache;
  /** Database damage and read failures seen, for /api/health. */
  health: HealthWatch;
  config: Pick<AtlasConfig, 'adminToken' | 'basemapStyleUrl' | 'clientDir'> & Partial<Pick<AtlasConfig, 'cacheBytes' | 'areaCacheBytes' | 'buildConcurrency'>>;
}

export function createContext(store: AtlasStore, groups: GroupCounts, config: AtlasContext['config']): AtlasContext {
  // One limiter for both caches: the point is how many bodies the whole server builds at once.
  const limiter = new WorkLimiter(config.buildConcurrency ?? 2);
  return {
    store,
    groups,
    cache: new RepresentationCache({ maxBytes: config.cacheBytes ?? LAYER_CACHE_BYTES, limiter }),
    areaCache: new RepresentationCache({ maxBytes: config.areaCacheBytes ?? AREA_CACHE_BYTES, limiter }),
    health: new HealthWatch(),
    config,
  };
}

const versionThisTurn = new WeakMap<GroupCounts, string>();

/**
 * The group counts' version for a cache key, read once per turn of the event loop: reading it asks
 * the registers database (so that an import by the CLI in another process is seen), which cost about
 * a twelfth of a cached area answer; requests handled in the same turn are concurrent anyway, and the
 * next turn reads it again.
 */
export function groupsVersion(ctx: Pick<AtlasContext, 'groups'>): string {
  let version = versionThisTurn.get(ctx.groups);
  if (version === undefined) {
    versionThisTurn.set(ctx.groups, (version = ctx.groups.version()));
    setImmediate(() => versionThisTurn.delete(ctx.groups));
  }
  return version;
}
