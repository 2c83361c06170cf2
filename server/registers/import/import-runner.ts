// Runs one register import in a worker thread (node:worker_threads), so parsing, geocoding and
// placing 100,000 rows never blocks the requests the server is answering. One import runs at a
// time, a couple more may wait, and the worker's heap is capped so one file cannot swell the process.
import { Worker } from 'node:worker_threads';
import type { Comparison } from '../../domain/density.ts';
import { WorkBusy, WorkLimiter } from '../../cache/work-limiter.ts';
import type { LayerId } from '../../registry/layers.ts';
import type { RegisterFormat } from '../check-rows.ts';
import type { TextEncoding } from '../decode-text.ts';
import type { ImportReport } from '../import-report.ts';
import type { StoredRegister } from '../register-db.ts';
import type { NotCounted } from '../locate-groups.ts';
import { CCEW_IMPORT_TIME_LIMIT_MS, IMPORT_RUNNING, IMPORT_TIME_LIMIT_MS, IMPORT_WAITING } from '../../config/limits.ts';
import { RegisterError } from '../register-name.ts';

/** The worker's V8 heap cap: a 5 MB file of 100,000 rows needs well under this. */
export const IMPORT_HEAP_MB = 256;
/** Its young generation: V8's default (up to 48 MB here) is garbage that sits in the server's RSS; a
 *  small one is collected more often, which costs the import little since its rows live long anyway. */
export const IMPORT_YOUNG_MB = 8;

export interface WorkerJob {
  atlasDbPath: string;
  registersDbPath: string;
  builtin: string[];
  register: string;
  format: RegisterFormat;
  /** The uploaded file, read by the worker. */
  path: string;
  source?: string;
  fileName?: string;
  /** The text encoding the uploader named (encoding=); detected when absent. */
  encoding?: TextEncoding;
  comparison?: Comparison;
}

export type WorkerResult =
  | {
    ok: true;
    report: ImportReport;
    meta: Omit<StoredRegister, 'rows'>;
    /** The registers database's generation after this import was stored. */
    generation: number;
    counts: Map<LayerId, Map<string, number>>;
    categories: Record<string, number>;
    rows: number;
    counted: number;
    /** The groups listed but not counted, with why: the register's page lists them without locating its groups again. */
    notCounted: NotCounted[];
  }
  | { ok: false; status: number; title: string; detail: string; report: ImportReport | null };

export type ImportedInWorker = Extract<WorkerResult, { ok: true }>;

// Compiled ahead of time (dist/server, `npm start`) the worker is plain JavaScript beside this file;
// run from source (tests, tsx) it is TypeScript, which worker-boot.mjs teaches the thread first.
const COMPILED = import.meta.url.endsWith('.js');
const BOOT = new URL(COMPILED ? './import-worker.js' : '../../worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./import-worker.ts', import.meta.url).href;

// One import at a time: each holds a copy of the atlas and writes the same database.
const BUSY = 'another register import is running and two more are waiting; retry in a minute';
const queue = new WorkLimiter(IMPORT_RUNNING, IMPORT_WAITING, BUSY);

/** Uploads being received plus imports waiting or running: an upload is admitted only while this is below running + waiting. */
let admitted = 0;

/**
 * Reserves a place for an upload before a byte of it is written, so a full queue refuses it at once
 * (8 uploads at once used to put 453 MB on disk to be refused afterwards). Returns its release.
 */
export function admitImport(): () => void {
  if (admitted >= IMPORT_RUNNING + IMPORT_WAITING) throw new WorkBusy(BUSY); // as the queue itself answers (README: Retry-After: 1)
  admitted++;
  let released = false;
  return () => {
    if (!released) admitted--;
    released = true;
  };
}

function runWorker(job: WorkerJob): Promise<ImportedInWorker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, job }, resourceLimits: { maxOldGenerationSizeMb: IMPORT_HEAP_MB, maxYoungGenerationSizeMb: IMPORT_YOUNG_MB }, stdout: false });
    let answered = false;
    // An import that runs past its time is stopped; nothing is stored (the worker stores in one transaction at the end).
    const limitMs = job.format === 'ccew' ? CCEW_IMPORT_TIME_LIMIT_MS : IMPORT_TIME_LIMIT_MS;
    const timer = setTimeout(() => {
      answered = true;
      void worker.terminate();
      reject(new RegisterError(413, 'Content too large', `the import took longer than ${limitMs / 1000} s and was stopped; nothing was imported; split the register into smaller files`));
    }, limitMs);
    timer.unref();
    worker.on('exit', () => clearTimeout(timer));
    worker.on('message', (r: WorkerResult) => {
      if (answered) return;
      answered = true;
      if (r.ok) resolve(r);
      else reject(new RegisterError(r.status, r.title, r.detail, r.report));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (answered) return;
      answered = true;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
        return reject(new RegisterError(413, 'Content too large', `the register needed more than ${IMPORT_HEAP_MB} MB to check; split it into smaller files`));
      console.error('[atlas] the import worker failed:', err);
      reject(new RegisterError(500, 'Internal server error', 'the import failed on the server; it has been logged and nothing was imported'));
    });
    worker.on('exit', (code) => {
      if (!answered) reject(new RegisterError(500, 'Internal server error', `the import worker stopped (exit ${code}); nothing was imported`));
    });
  });
}

/** Imports the file in a worker; resolves with what the worker stored, or rejects with a RegisterError or WorkBusy. */
export function importInWorker(job: WorkerJob): Promise<ImportedInWorker> {
  return queue.run(() => runWorker(job));
}
