// Whether the atlas database file is sound, in proportion to what can have happened to it. SQLite's
// quick_check reads every page (about a second for England's 400 MB), so a file is checked once and
// then trusted while it is the same file, unchanged: a stamp beside it (`<db>.checked`) records the
// device, inode, size, modification and change times of the file as checked. The build writes the file
// whole, checks it (integrity_check) and renames it into place; the server opens it read-only, so it
// never changes it. Anything else that writes the file (or copies, truncates or replaces it, or resets
// its modification time) changes its change time or inode, and the next start checks it again before
// serving. What a stamp cannot see is damage below the file system (a failing disk); for that the
// server runs quick_check once more in a worker thread after it starts listening, and on damage says so
// and removes the stamp, so the next start checks the file and rebuilds it.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const stampOf = (dbPath: string) => `${dbPath}.checked`;

/** Null when SQLite finds the file sound; otherwise its first complaint. quick_check reads every page. */
export function quickCheck(db: Database.Database): string | null {
  const rows = db.pragma('quick_check(1)') as { quick_check: string }[];
  return rows[0]?.quick_check === 'ok' ? null : `quick_check: ${rows[0]?.quick_check ?? 'no answer'}`;
}

function identity(dbPath: string): string {
  const s = statSync(dbPath, { bigint: true });
  return JSON.stringify({ dev: String(s.dev), ino: String(s.ino), bytes: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs) });
}

/** Records that the file, as it is now, was found sound. A read-only folder just means the next start checks again. */
export function recordSound(dbPath: string): void {
  try {
    writeFileSync(stampOf(dbPath), identity(dbPath));
  } catch {
    // not recorded: the next start checks the file again
  }
}

/** The file is the one last found sound, unchanged since. */
export function unchangedSinceChecked(dbPath: string): boolean {
  try {
    return readFileSync(stampOf(dbPath), 'utf8') === identity(dbPath);
  } catch {
    return false;
  }
}

export function forgetSound(dbPath: string): void {
  rmSync(stampOf(dbPath), { force: true });
}

// Plain JavaScript for the worker (eval), so it runs alike from the TypeScript sources and the bundle.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
try {
  const rows = db.pragma('quick_check(1)');
  parentPort.postMessage(rows[0] && rows[0].quick_check === 'ok' ? null : 'quick_check: ' + (rows[0] ? rows[0].quick_check : 'no answer'));
} finally {
  db.close();
}`;

/**
 * Runs quick_check on the file in a worker thread, off the event loop. Resolves with null when sound;
 * on damage it logs, removes the stamp (so the next start checks and rebuilds) and resolves with SQLite's complaint.
 */
export function checkInBackground(dbPath: string, log: (m: string) => void = console.error): Promise<string | null> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { driver, path: dbPath } });
    worker.unref(); // never holds up a shutdown
    const damaged = (problem: string) => {
      forgetSound(dbPath);
      log(`[atlas] the database ${dbPath} is damaged (${problem}); some answers may fail. Restart the server to rebuild it.`);
      resolve(problem);
    };
    worker.once('message', (problem: string | null) => (problem ? damaged(problem) : resolve(null)));
    worker.once('error', (err: Error & { code?: string }) => (/^SQLITE_(CORRUPT|NOTADB)/.test(String(err.code)) ? damaged(err.message) : (log(`[atlas] the background database check did not run: ${err.message}`), resolve(null))));
  });
}
