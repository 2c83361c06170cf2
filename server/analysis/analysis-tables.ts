// The analysis tables kept in memory, per register version: computed once, and worked out ahead of the
// first request whenever the register counts change (an import finishes), in slices of a few ms so the
// event loop keeps serving. Held least recently used first out, bounded in bytes.
import { poissonInterval } from '../domain/density.ts';
import type { LayerId } from '../registry/layers.ts';
import type { GroupCounts } from '../store/group-counts.ts';

/**
 * One analysis as asked: which, for which layer, registers (null: all), districts (null: all), the
 * value ranked by (ranked only) and the other filters (null: none), as parsed from the query.
 */
export interface AnalysisAsk {
  id: string;
  layer: LayerId;
  registers: readonly string[] | null;
  districts: readonly string[] | null;
  /** The ranked value; absent means density. */
  by?: string;
  filters?: Readonly<Record<string, unknown>> | null;
}

export interface AnalysisTable {
  body: { rows: readonly object[] } & Record<string, unknown>;
  /** The body as JSON, made once. */
  json: string;
}

/** Room for every analysis of every layer for a dozen register choices (an LSOA ranking is ~150 kB). */
export const ANALYSIS_CACHE_BYTES = 16 * 1024 * 1024;
/** How long one slice of the warm-up may hold the event loop. */
const SLICE_MS = 5;

export class AnalysisTables {
  private readonly held = new Map<string, { table: AnalysisTable; bytes: number }>();
  private bytes = 0;
  private queue: (() => void)[] = [];
  private idle: Promise<void> = Promise.resolve();
  private finish: () => void = () => {};

  constructor(
    private readonly groups: GroupCounts,
    private readonly compute: (ask: AnalysisAsk) => AnalysisTable['body'],
    readonly maxBytes = ANALYSIS_CACHE_BYTES,
  ) {}

  private key(ask: AnalysisAsk) {
    return JSON.stringify([this.groups.version(), ask.id, ask.layer, ask.registers, ask.districts, ask.by ?? null, ask.filters ?? null]);
  }

  /** The table from memory, or computed now and kept. */
  get(ask: AnalysisAsk): AnalysisTable {
    const key = this.key(ask);
    const hit = this.held.get(key);
    if (hit) {
      this.held.delete(key); // to the most recently used end
      this.held.set(key, hit);
      return hit.table;
    }
    const body = this.compute(ask);
    const table = { body, json: JSON.stringify(body) };
    // Both the object and its JSON stay in memory; the object is about as large as its JSON.
    const bytes = table.json.length * 2;
    if (bytes <= this.maxBytes) {
      this.held.set(key, { table, bytes });
      this.bytes += bytes;
      for (const [k, e] of this.held) {
        if (this.bytes <= this.maxBytes) break;
        this.held.delete(k);
        this.bytes -= e.bytes;
      }
    }
    return table;
  }

  has(ask: AnalysisAsk): boolean {
    return this.held.has(this.key(ask));
  }

  /** Bytes held now. */
  get size(): number {
    return this.bytes;
  }

  /**
   * Works the asks out ahead of requests: first the exact intervals of every count the areas hold (a
   * ranked LSOA table asks for ~400 new ones, ~100 ms in one go), a few at a time, then each table.
   * A newer call replaces the work still queued. Resolves when all is done (tests wait on it).
   */
  warm(asks: readonly AnalysisAsk[]): Promise<void> {
    for (const [k, e] of this.held)
      if (!k.startsWith(`[${JSON.stringify(this.groups.version())},`)) {
        this.held.delete(k);
        this.bytes -= e.bytes;
      }
    const counts = new Set<number>();
    for (const ask of asks) for (const n of this.groups.counts(ask.layer, ask.registers).values()) counts.add(n);
    const ks = [...counts];
    const tasks: (() => void)[] = [];
    for (let i = 0; i < ks.length; i += 16) tasks.push(() => ks.slice(i, i + 16).forEach((k) => poissonInterval(k)));
    for (const ask of asks) tasks.push(() => void this.get(ask));
    const running = this.queue.length > 0;
    this.queue = tasks;
    if (!running) {
      this.idle = new Promise((resolve) => (this.finish = resolve));
      setImmediate(this.pump);
    }
    return this.idle;
  }

  private pump = () => {
    const start = performance.now();
    try {
      while (this.queue.length && performance.now() - start < SLICE_MS) this.queue.shift()!();
    } catch (err) {
      // A register changed under the warm-up (or the store closed): requests compute what they need.
      this.queue = [];
      console.error(`[atlas] analysis warm-up stopped: ${(err as Error).message}`);
    }
    if (this.queue.length) setImmediate(this.pump);
    else this.finish();
  };

  /** Resolves once the warm-up queued so far is done. */
  settled(): Promise<void> {
    return this.idle;
  }
}
