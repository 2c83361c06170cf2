// The event loop's side of the groups thread (groups-thread-worker.ts): one long-lived worker thread,
// started on the first groups request, sent one job per body to build; its answer's bytes are
// transferred, not copied. A thread that dies (out of its heap) fails what it held and is started anew.
import { Worker } from 'node:worker_threads';
import { RegisterError } from '../register-name.ts';
import { GROUPS_THREAD_HEAP_MB } from '../../config/limits.ts';
import type { GroupFilter } from './groups-geojson.ts';

export interface GroupsJob {
  id: number;
  /** The chosen registers, in order; `key` changes when a register is re-imported. */
  registers: { key: string; kind: 'built-in' | 'imported'; name: string; source: string; importedAt: string }[];
  /** Keys of every register loaded now: the thread lets go of the others. */
  loaded: string[];
  filter: GroupFilter;
  attribution: string;
  /** A page, and the path and query its next link repeats (offset replaced); null for the whole collection. */
  page: { limit: number; offset: number; path: string; query: Record<string, string> } | null;
}

export type GroupsAnswer = { id: number; ok: true; body: Uint8Array; etag: string } | { id: number; ok: false; message: string };

// Compiled ahead of time the entry is plain JavaScript beside this file; run from source, worker-boot.mjs teaches the thread TypeScript.
const COMPILED = import.meta.url.endsWith('.js');
const BOOT = new URL(COMPILED ? './groups-thread-worker.js' : '../../worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./groups-thread-worker.ts', import.meta.url).href;

export class GroupsThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (a: { body: Buffer; etag: string }) => void; reject: (e: Error) => void }>();

  constructor(private readonly paths: { atlasDbPath: string; registersDbPath: string }) {}

  build(job: Omit<GroupsJob, 'id'>): Promise<{ body: Buffer; etag: string }> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...job, id });
    });
  }

  private start(): Worker {
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, ...this.paths }, resourceLimits: { maxOldGenerationSizeMb: GROUPS_THREAD_HEAP_MB }, stdout: false });
    worker.unref(); // an idle groups thread never holds the process open
    worker.on('message', (a: GroupsAnswer) => {
      const waiting = this.pending.get(a.id);
      this.pending.delete(a.id);
      if (!waiting) return;
      if (a.ok) waiting.resolve({ body: Buffer.from(a.body.buffer, a.body.byteOffset, a.body.byteLength), etag: a.etag });
      else waiting.reject(new Error(`the groups thread could not build the body: ${a.message}`));
    });
    const fail = (err: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const answer =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new RegisterError(503, 'Busy', `the loaded registers' groups need more than ${GROUPS_THREAD_HEAP_MB} MB to serve; retry, or ask for a page (limit, offset)`, null, 1)
          : new RegisterError(500, 'Internal server error', 'the groups thread stopped; it has been logged');
      if (err.code !== 'ERR_WORKER_OUT_OF_MEMORY') console.error('[atlas] the groups thread failed:', err);
      for (const w of this.pending.values()) w.reject(answer);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(Object.assign(new Error(`the groups thread exited (${code})`), { code: code === 0 ? 'EXITED' : undefined })));
    this.worker = worker;
    return worker;
  }

  close() {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    for (const w of this.pending.values()) w.reject(new RegisterError(503, 'Service unavailable', 'the server is stopping'));
    this.pending.clear();
  }
}
