// A real atlas server for browser tests: a fresh database built from the shared geodata into a
// temp folder, the web client built by Vite, and createApp listening on an ephemeral port.
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildDatabase } from '../../server/build/build-database.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import { createApp } from '../../server/http/app.ts';
import { createContext } from '../../server/http/context.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { NO_GROUPS } from '../../server/store/group-counts.ts';
import { CURATED_DIR, GEODATA_DIR } from './paths.ts';
import { tempDir } from './variant-dirs.ts';

export interface RunningAtlas {
  url: string;
  close(): Promise<void>;
}

/** Builds the client into a fresh folder, so the tests never run against a stale dist/client. */
export function buildClient(): string {
  const outDir = tempDir('client');
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  return outDir;
}

export async function startAtlas(): Promise<RunningAtlas> {
  const clientDir = buildClient();
  const { dbPath } = buildDatabase({ geodataDir: GEODATA_DIR, curatedDir: CURATED_DIR, dbPath: join(tempDir('e2e-db'), 'atlas.sqlite') });
  const store = new AtlasStore(dbPath);
  const app = createApp(createContext(store, NO_GROUPS, { adminToken: null, basemapStyleUrl: null, clientDir }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}
