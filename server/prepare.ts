// Makes sure the database and the web client exist and are current before the server starts:
// rebuilds the database when it is missing or any input changed, and builds the client if missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildDatabase, currentFingerprint } from './build/build-database.ts';
import { PROJECT_ROOT, type AtlasConfig } from './config.ts';

function storedFingerprint(dbPath: string): string | null {
  if (!existsSync(dbPath)) return null;
  try {
    const db = new Database(dbPath, { readonly: true });
    try {
      return (db.prepare("SELECT value FROM meta WHERE key = 'inputs_hash'").get() as { value: string } | undefined)?.value ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Returns why the database was (re)built, or null when it was already current. */
export function ensureDatabase(config: AtlasConfig, log = console.log): string | null {
  const stored = storedFingerprint(config.dbPath);
  const current = currentFingerprint(config.geodataDir, config.curatedDir);
  if (stored === current) return null;
  const reason = stored === null ? 'no database yet' : 'inputs changed since the last build';
  log(`[atlas] building the database (${reason}) from ${config.geodataDir}`);
  const r = buildDatabase(config);
  log(`[atlas] database built in ${r.ms} ms: ${r.dbPath}`);
  return reason;
}

export function ensureClient(config: AtlasConfig, log = console.log): boolean {
  if (existsSync(join(config.clientDir, 'index.html'))) return false;
  log('[atlas] building the web client (dist/client is missing)');
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the web client build failed; see the output above');
  return true;
}
