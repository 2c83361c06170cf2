// Makes sure the databases and the web client are usable before the server starts, healing what it
// can: the atlas database is rebuilt when it is missing, damaged (PRAGMA quick_check, skipped while the
// file is the one last found sound: see integrity.ts) or built from other inputs (fingerprint); a
// damaged registers database is moved aside, never silently discarded;
// temporary files left by killed builds and uploads are removed; the client is built if missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { buildDatabase, currentFingerprint } from './pipeline/build-database.ts';
import { BuildError } from './formats/build-error.ts';
import { PROJECT_ROOT, type AtlasConfig } from './config/config.ts';
import { quickCheck, recordSound, unchangedSinceChecked } from './store/integrity.ts';
import { metaValue } from './store/tables/meta.ts';

type Log = (message: string) => void;

/** Atlas files whose quick_check this process skipped at start, as unchanged since last found sound. */
const trusted = new Set<string>();

/** The start skipped the atlas file's quick_check (it is the file last found sound): run it off the start path. */
export function checkDeferred(dbPath: string): boolean {
  return trusted.has(dbPath);
}

/** The fingerprint the database was built from, or why it cannot be trusted. */
function inspectAtlas(dbPath: string): { fingerprint: string } | { damage: string } | null {
  if (!existsSync(dbPath)) return null;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      trusted.delete(dbPath);
      if (unchangedSinceChecked(dbPath)) trusted.add(dbPath);
      else {
        const check = quickCheck(db);
        if (check) return { damage: check };
        recordSound(dbPath);
      }
      const fingerprint = metaValue(db, 'inputs_hash');
      return fingerprint !== undefined ? { fingerprint } : { damage: 'it has no build fingerprint' };
    } finally {
      db.close();
    }
  } catch (err) {
    return { damage: (err as Error).message };
  }
}

/** Returns why the database was (re)built, or null when it was already current. */
export function ensureDatabase(config: Pick<AtlasConfig, 'dbPath' | 'geodataDir' | 'curatedDir'>, log: Log = console.log): string | null {
  removeStaleTemporaryFiles(dirname(config.dbPath), log);
  const found = inspectAtlas(config.dbPath);
  const current = currentFingerprint(config.geodataDir, config.curatedDir, config.dbPath);
  if (found && 'fingerprint' in found && found.fingerprint === current) return null;
  const reason = found === null ? 'no database yet' : 'damage' in found ? `the database is damaged (${found.damage})` : 'inputs changed since the last build';
  log(`[atlas] building the database (${reason}) from ${config.geodataDir}`);
  let r: ReturnType<typeof buildDatabase>;
  try {
    r = buildDatabase(config);
  } catch (err) {
    // A sound database keeps serving when its sources cannot be read (GEODATA_DIR unmounted, a file damaged):
    // the next restart would otherwise be an outage. Without one, the failure stops the start.
    if (!(err instanceof BuildError) || !found || !('fingerprint' in found)) throw err;
    log(`[atlas] warning: could not rebuild the database from ${config.geodataDir} (${err.message}); serving ${config.dbPath} as last built; fix the source files and restart to rebuild`);
    return null;
  }
  trusted.delete(config.dbPath); // checked whole by the build itself
  log(`[atlas] database built in ${r.ms} ms: ${r.dbPath}`);
  return reason;
}

/**
 * Opens nothing, but makes sure the registers database can be opened: a damaged file (and its WAL)
 * is renamed to `registers.sqlite.damaged-<time>` and the server starts with an empty one. Returns
 * where the damaged file went, or null when it was sound or absent.
 */
export function ensureRegistersDatabase(config: Pick<AtlasConfig, 'registersDbPath'>, log: Log = console.error): string | null {
  const path = config.registersDbPath;
  removeStaleTemporaryFiles(dirname(path), log);
  if (!existsSync(path)) return null;
  let damage: string | null;
  try {
    const db = new Database(path, { fileMustExist: true });
    try {
      damage = quickCheck(db);
    } finally {
      db.close();
    }
  } catch (err) {
    // Only damage moves the file; a busy or unreadable file is a problem to report, not to "heal".
    if (!/^SQLITE_(CORRUPT|NOTADB)/.test(String((err as { code?: string }).code))) throw err;
    damage = (err as Error).message;
  }
  if (!damage) return null;
  const aside = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  log(`[atlas] the registers database was damaged (${damage}); moved it to ${aside} and started with an empty one; re-import the registers or recover them from that file`);
  return aside;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes `<db>.<pid>.tmp` (killed builds, with their -journal, -wal and -shm) and `upload.<pid>.<n>.tmp` (killed uploads) whose process is gone. */
export function removeStaleTemporaryFiles(dir: string, log: Log = console.log): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = /^upload\.(\d+)\.\d+\.tmp$/.exec(name)?.[1] ?? /\.(\d+)\.tmp(-journal|-wal|-shm)?$/.exec(name)?.[1];
    if (!pid || Number(pid) === process.pid || alive(Number(pid))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  if (removed.length) log(`[atlas] removed ${removed.length} temporary file${removed.length === 1 ? '' : 's'} left by a stopped process in ${dir}: ${removed.map((n) => basename(n)).join(', ')}`);
  return removed;
}

export function ensureClient(config: AtlasConfig, log = console.log): boolean {
  if (existsSync(join(config.clientDir, 'index.html'))) return false;
  log('[atlas] building the web client (dist/client is missing)');
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite))
    throw new Error(`the web client is not built (${config.clientDir} has no index.html) and Vite is not installed (a production install): build it where the development tools are (npm ci && npm run build); see docs/deploying.md`);
  const r = spawnSync(process.execPath, [vite, 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the web client build failed; see the output above');
  return true;
}
