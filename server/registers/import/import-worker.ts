// The import worker thread: reads the uploaded file, checks, geocodes and places every row against
// its own slim, read-only copy of the atlas (worker-atlas.ts), and stores the register, all away from the event loop that
// serves requests. It answers with the report and the per-area counts (small), not the groups.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeRegisterText } from '../decode-text.ts';
import { countByLayer, countCategories, locateGroup, notCountedOf, placedFor } from '../locate-groups.ts';
import { RegisterDb } from '../register-db.ts';
import { RegisterError } from '../register-name.ts';
import { isZip, unzipExtract, type UnpackedExtract } from '../ccew/unzip-extract.ts';
import { checkExtractImport, checkImport } from './check-import.ts';
import type { GroupInput } from '../group-input.ts';
import type { WorkerJob, WorkerResult } from './import-runner.ts';
import { WorkerAtlas } from './worker-atlas.ts';

/** A refused import as the answer the server turns into problem+json; anything else is a fault and is thrown.
 *  A full disk is no fault of the server's code: the transaction rolled back, and the operator can act on a 507. */
function refusal(err: unknown): WorkerResult {
  if (err instanceof RegisterError) return { ok: false, status: err.status, title: err.title, detail: err.detail, report: err.report };
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return { ok: false, status: 507, title: 'Insufficient storage', detail: `the disk holding the registers database is full (${code}); nothing was imported and the registers are as they were; free some space and retry`, report: null };
  throw err;
}

async function run(job: WorkerJob): Promise<WorkerResult> {
  const atlas = new WorkerAtlas(job.atlasDbPath);
  const db = new RegisterDb(job.registersDbPath);
  try {
    const stored = new Map(db.list().map((r) => [r.name, r]));
    // A Charity Commission extract (hundreds of MB) is streamed from disk; the atlas's own formats are small and read whole.
    // Their bytes are decoded as their encoding says (or as named), never with silent replacement characters.
    const deps = { builtin: job.builtin, gazetteer: atlas.gazetteer, locate: (g: GroupInput) => locateGroup(g, atlas, atlas.locator), previous: (n: string) => stored.get(n) };
    const req = { register: job.register, format: job.format, source: job.source, fileName: job.fileName, comparison: job.comparison };
    const checked =
      job.format === 'ccew' ? await checkExtractImport({ ...req, path: job.path }, deps) : checkImport({ ...req, content: decodeRegisterText(readFileSync(job.path), job.encoding).text }, deps);
    const generation = db.replace(checked.meta, checked.groups, placedFor(atlas.inputsHash)); // placed now, so loading it only reads
    return {
      ok: true,
      report: checked.report,
      meta: checked.meta,
      generation,
      counts: countByLayer(checked.located),
      categories: countCategories(checked.groups),
      rows: checked.located.length,
      counted: checked.located.filter((g) => g.notCounted === null).length,
      notCounted: notCountedOf(checked.located),
    };
  } catch (err) {
    return refusal(err);
  } finally {
    db.close();
    atlas.close();
  }
}

/** The Commission's download (publicextract.charity.zip) is unpacked first; the table inside is read as any extract. */
async function runUnpacked(job: WorkerJob): Promise<WorkerResult> {
  let unpacked: UnpackedExtract | null = null;
  try {
    if (job.format === 'ccew' && isZip(job.path)) unpacked = await unzipExtract(job.path);
  } catch (err) {
    return refusal(err);
  }
  try {
    return await run(unpacked ? { ...job, path: unpacked.path } : job);
  } catch (err) {
    return refusal(err); // opening the registers database on a full disk fails before run() can answer
  } finally {
    unpacked?.remove();
  }
}

parentPort!.postMessage(await runUnpacked(workerData.job as WorkerJob));
