// Runs tile jobs (tiles.ts) in worker threads while the build's own thread keeps writing the database.
// The build is synchronous (one SQLite transaction, no event loop turns), so the workers are driven
// synchronously too: the build thread posts jobs and collects finished tiles with
// receiveMessageOnPort whenever it calls pump(), and blocks in Atomics.wait on a shared counter the
// workers bump after each answer when it has nothing else to do (finish()). Each worker holds at most
// two jobs (one cutting, one waiting), so the build thread's copies of job data stay few.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { cutJob, type CutTile, type TileJob } from './tile-cut.ts';

/** What a worker answers for one job. */
export type CutReply = { job: number; tiles: CutTile[]; heapMB: number } | { job: number; error: string };

/** A worker gets a second job while cutting its first, so it never waits for the build thread to pump. */
const JOBS_PER_WORKER = 2;
/** Each worker's young generation: tile garbage dies young, and V8's default (up to 48 MB here) per
 *  worker is memory the build holds for nothing; a small one is swept more often, which costs little. */
const WORKER_YOUNG_MB = 16;
/** How long finish() waits for an answer before checking that every worker is still alive. */
const WAIT_MS = 1000;

// Compiled ahead of time (dist/server) the worker is plain JavaScript beside this file; run from
// source (tsx, tests) it is TypeScript, which worker-boot.mjs teaches the thread first.
const COMPILED = import.meta.url.endsWith('.js');
const BOOT = new URL(COMPILED ? './tile-worker.js' : '../worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./tile-worker.ts', import.meta.url).href;

interface Cutter {
  worker: Worker;
  port: MessagePort;
  busy: number;
}

export class TileCutters {
  private readonly cutters: Cutter[] = [];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  /** Jobs not yet sent, in order; a sent job stays only in `sent` until its answer comes. */
  private readonly jobs: (TileJob | null)[];
  private readonly sent = new Map<number, TileJob>();
  private next = 0;
  private done = 0;
  /** The largest V8 heap a worker reported after a job (MB): what each tile worker adds to the build's memory. */
  workerHeapMB = 0;

  /**
   * Starts `workers` threads on `jobs`, biggest first (so the last jobs to finish are small ones and
   * both threads end together). With no workers, finish() cuts every job in the calling thread.
   */
  constructor(jobs: TileJob[], workers: number) {
    this.jobs = [...jobs];
    for (let i = 0; i < workers; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(BOOT, {
        workerData: { entry: ENTRY, port: port2, signal: this.signal },
        transferList: [port2],
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      });
      worker.unref();
      this.cutters.push({ worker, port: port1, busy: 0 });
    }
    for (const c of this.cutters) this.dispatch(c);
  }

  private dispatch(c: Cutter) {
    while (c.busy < JOBS_PER_WORKER && this.next < this.jobs.length) {
      const id = this.next++;
      const job = this.jobs[id]!;
      this.jobs[id] = null;
      this.sent.set(id, job);
      c.port.postMessage({ id, job });
      c.busy++;
    }
  }

  /** Queues more jobs behind those already given. */
  add(jobs: TileJob[]): void {
    this.jobs.push(...jobs);
    for (const c of this.cutters) this.dispatch(c);
  }

  /** Collects every finished job without waiting, hands its tiles to `each`, and gives the workers more. */
  pump(each: (job: TileJob, tiles: CutTile[]) => void): void {
    for (const c of this.cutters) {
      for (let m = receiveMessageOnPort(c.port); m; m = receiveMessageOnPort(c.port)) {
        const reply = m.message as CutReply;
        const job = this.sent.get(reply.job)!;
        this.sent.delete(reply.job);
        c.busy--;
        this.done++;
        if ('error' in reply) throw new Error(`cutting the ${job.tileset} tiles under z6 tile ${job.x}/${job.y} failed: ${reply.error}`);
        this.workerHeapMB = Math.max(this.workerHeapMB, reply.heapMB);
        each(job, reply.tiles);
      }
      this.dispatch(c);
    }
  }

  /** Waits for (or, with no workers, does) every remaining job, handing each one's tiles to `each`. */
  finish(each: (job: TileJob, tiles: CutTile[]) => void): void {
    if (!this.cutters.length) {
      while (this.next < this.jobs.length) {
        const job = this.jobs[this.next]!;
        this.jobs[this.next++] = null;
        each(job, cutJob(job));
        this.done++;
      }
      return;
    }
    while (this.done < this.jobs.length) {
      const seen = Atomics.load(this.signal, 0);
      this.pump(each);
      if (this.done === this.jobs.length) break;
      if (Atomics.wait(this.signal, 0, seen, WAIT_MS) === 'timed-out' && this.cutters.some((c) => c.worker.threadId === -1))
        throw new Error('a tile worker stopped before finishing its jobs');
    }
  }

  /** Stops the workers (also after a failure, so none outlives the build). */
  close(): void {
    for (const c of this.cutters) {
      c.port.close();
      void c.worker.terminate();
    }
    this.cutters.length = 0;
  }
}
