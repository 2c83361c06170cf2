// The import worker thread: reads the uploaded file, checks, geocodes and places every row against
// its own read-only copy of the atlas, and stores the register, all away from the event loop that
// serves requests. It answers with the report and the per-area counts (small), not the groups.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AtlasStore } from '../../store/atlas-store.ts';
import { atlasGazetteer } from '../group-registers.ts';
import { countByLayer, countCategories, locateGroup } from '../locate-groups.ts';
import { RegisterDb } from '../register-db.ts';
import { RegisterError } from '../register-name.ts';
import { checkImport } from './check-import.ts';
import type { WorkerJob, WorkerResult } from './import-runner.ts';

function run(job: WorkerJob): WorkerResult {
  const store = new AtlasStore(job.atlasDbPath);
  const db = new RegisterDb(job.registersDbPath);
  try {
    const locator = store.locator;
    const stored = new Map(db.list().map((r) => [r.name, r]));
    const content = readFileSync(job.path, 'utf8');
    const checked = checkImport(
      { register: job.register, format: job.format, content, source: job.source, fileName: job.fileName },
      { builtin: job.builtin, gazetteer: atlasGazetteer(store, locator), locate: (g) => locateGroup(g, store, locator), previous: (n) => stored.get(n) },
    );
    const generation = db.replace(checked.meta, checked.groups);
    return {
      ok: true,
      report: checked.report,
      meta: checked.meta,
      generation,
      counts: countByLayer(checked.located),
      categories: countCategories(checked.groups),
      rows: checked.located.length,
      counted: checked.located.filter((g) => g.notCounted === null).length,
    };
  } catch (err) {
    if (err instanceof RegisterError) return { ok: false, status: err.status, title: err.title, detail: err.detail, report: err.report };
    throw err;
  } finally {
    db.close();
    store.close();
  }
}

parentPort!.postMessage(run(workerData.job as WorkerJob));
