// Whole HTTP answers kept by canonical request key, bounded in bytes: bodies plus every encoding made.
import type { Request } from 'express';
import { negotiateEncoding, type Representation, type Served } from './representation.ts';
import { ByteBoundedCache } from '../cache/byte-bounded-cache.ts';
import { WorkLimiter } from '../cache/work-limiter.ts';

export interface CacheOptions {
  /** Budget for bodies plus their compressed encodings, in bytes. */
  maxBytes: number;
  /** Shared between caches so that the whole server builds at most `concurrency` new bodies at once. */
  limiter: WorkLimiter;
}

/**
 * Representations by canonical request key, least recently used evicted first once the bytes held
 * (bodies and every encoding made) pass the budget. A hit is synchronous; a miss builds the body in
 * a build slot, prepares the encoding the request asked for off the event loop, then caches it.
 */
export class RepresentationCache {
  private readonly held: ByteBoundedCache<string, Representation>;
  private readonly building = new Map<string, Promise<Representation>>();
  readonly maxBytes: number;
  private readonly limiter: WorkLimiter;

  constructor(options: Partial<CacheOptions> = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.limiter = options.limiter ?? new WorkLimiter();
    this.held = new ByteBoundedCache(this.maxBytes);
  }

  /**
   * The cached representation (a value), or a promise of a new one built by `make` and encoded as `req`
   * accepts. `make` may be asynchronous (a large body built in slices, the event loop free between them).
   */
  get(key: string, make: () => Representation | Promise<Representation>, req?: Pick<Request, 'headers'>): Served {
    const hit = this.held.get(key);
    if (hit) return this.remeasure(key, hit);
    let build = this.building.get(key);
    if (!build) {
      build = this.limiter
        .run(async () => {
          const rep = await make();
          await rep.encoded(negotiateEncoding(req?.headers['accept-encoding'])); // compress inside the slot, so a flood of variants queues here
          return rep;
        })
        .then((rep) => {
          this.insert(key, rep);
          return rep;
        })
        .finally(() => this.building.delete(key));
      this.building.set(key, build);
    }
    return build;
  }

  /**
   * For answers cheap enough to build on the event loop (look-ups): the cached representation, or a
   * new one built now and kept; never queued behind the build slots, so never refused as busy.
   */
  remember(key: string, make: () => Representation): Representation {
    const hit = this.held.get(key);
    if (hit) return this.remeasure(key, hit);
    const rep = make();
    this.insert(key, rep);
    return rep;
  }

  /** A hit (already the most recently used) is re-measured: encodings made since it was kept count now. */
  private remeasure(key: string, rep: Representation): Representation {
    this.held.resize(key, rep.bytes);
    return rep;
  }

  private insert(key: string, rep: Representation) {
    if (rep.bytes > this.maxBytes) return; // larger than the whole budget: served, not kept
    this.held.set(key, rep, rep.bytes);
  }

  clear() {
    this.held.clear();
  }

  get size() {
    return this.held.size;
  }

  /** Bytes held by the cached bodies and encodings. */
  get bytes() {
    return this.held.bytesHeld;
  }
}
