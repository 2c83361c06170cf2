// The PostGIS peer for the look-up benchmark: a private PostgreSQL 15 + PostGIS 3 cluster started
// here, loaded with the atlas's own areas (GiST index on the geometry), and the minimal Node server
// a GIS team would write over it (node:http + pg pool): GET /api/lookup?lon&lat answers with the same
// fields as the atlas, each area's JSON taken from the atlas's presenter and stored beside its
// geometry, so PostGIS does the spatial work and nothing else differs.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../server/config/config.ts';
import { LAYERS } from '../server/registry/layers.ts';
import { lookupArea } from '../server/http/presenters/lookup-area.ts';
import type { AtlasStore } from '../server/store/atlas-store.ts';

const BIN = '/usr/lib/postgresql/15/bin';
const POSTGIS = '/usr/share/postgresql/15/extension/postgis.control';

export interface PostgisPeer {
  url: string;
  /** The peer's processes for CPU accounting: the Node server and the PostgreSQL postmaster (with its backends). */
  pids: number[];
  stop(): Promise<void>;
}

/** Why the peer cannot run here, or null when it can. */
export function postgisMissing(): string | null {
  if (!existsSync(join(BIN, 'postgres'))) return `PostgreSQL 15 is not installed (${BIN}); apt-get install postgresql-15-postgis-3`;
  if (!existsSync(POSTGIS)) return 'PostGIS 3 is not installed; apt-get install postgresql-15-postgis-3';
  return null;
}

export async function startPostgisPeer(store: AtlasStore, log: (s: string) => void): Promise<PostgisPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-pg-'));
  // PostgreSQL refuses to run as root; as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  execFileSync(...run(join(BIN, 'initdb'), ['-D', join(dir, 'data'), '-U', 'atlas', '--auth=trust', '-E', 'UTF8']), { stdio: 'ignore' });
  const postgres: ChildProcess = spawn(
    ...run(join(BIN, 'postgres'), ['-D', join(dir, 'data'), '-k', dir, '-c', 'listen_addresses=', '-c', 'fsync=off', '-c', 'max_connections=64', '-c', 'shared_buffers=128MB']),
    { stdio: 'ignore' },
  );
  const client = { host: dir, user: 'atlas', database: 'postgres' };
  for (let i = 0; ; i++) {
    try {
      const c = new pg.Client(client);
      await c.connect();
      await c.end();
      break;
    } catch (err) {
      if (i > 200 || postgres.exitCode !== null) throw new Error(`PostgreSQL did not start: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const setup = new pg.Client(client);
  await setup.connect();
  await setup.query('CREATE EXTENSION postgis');
  await setup.query('CREATE TABLE areas (layer_ord int, code text, answer jsonb, geom geometry(Geometry, 4326))');
  for (const [ord, { id }] of LAYERS.entries())
    for (const a of store.areas(id)) {
      if (a.geometry.type === 'Point') continue;
      await setup.query('INSERT INTO areas VALUES ($1, $2, $3, ST_SetSRID(ST_GeomFromGeoJSON($4), 4326))', [ord, a.code, JSON.stringify(lookupArea(store, a, [])), a.geometryJson]);
    }
  await setup.query('CREATE INDEX areas_geom ON areas USING gist (geom)');
  await setup.query('ANALYZE areas');
  const { rows } = await setup.query('SELECT count(*)::int AS n FROM areas');
  await setup.end();
  log(`PostGIS peer: PostgreSQL 15 pid ${postgres.pid}, ${rows[0].n} areas with a GiST index`);

  // The server runs in its own process, so its CPU is counted apart from the load generator's.
  const server = fork(join(PROJECT_ROOT, 'bench/postgis-server.ts'), { execArgv: ['--import', 'tsx'], env: { ...process.env, PGHOST: dir, PGUSER: 'atlas', PGDATABASE: 'postgres' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('message', (m: { port: number }) => resolve(m.port));
    server.once('exit', (code) => reject(new Error(`the PostGIS peer server exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pids: [server.pid!, postgres.pid!],
    async stop() {
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
      // pg_ctl rather than a signal: as root the child is runuser, which need not pass signals on.
      const stopped = new Promise<void>((resolve) => (postgres.exitCode !== null ? resolve() : postgres.once('exit', () => resolve())));
      execFileSync(...run(join(BIN, 'pg_ctl'), ['stop', '-D', join(dir, 'data'), '-m', 'fast', '-w']), { stdio: 'ignore' });
      await stopped;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
