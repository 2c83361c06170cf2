// What the first-map tools share: the web client built as `npm run build:client` builds it, and the
// real atlas (its database as `npm start` prepares it, an empty registers database) serving it.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../server/config/config.ts';
import { createApp } from '../server/http/app.ts';
import { createContext } from '../server/http/context.ts';
import { ensureDatabase } from '../server/prepare.ts';
import { openGroupRegisters } from '../server/registers/open-registers.ts';
import { AtlasStore } from '../server/store/atlas-store.ts';

/** Builds the client into a new temporary folder (vite build) and returns the folder. */
export function buildClient(): string {
  const clientDir = mkdtempSync(join(tmpdir(), 'atlas-bench-client-'));
  const built = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', clientDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stderr}`);
  return clientDir;
}

/** The atlas serving the built client on a free local port; `close` stops it and closes its databases. */
export async function serveAtlas(clientDir: string): Promise<{ url: string; close(): void }> {
  const config = { ...loadConfig(), clientDir, registersDbPath: join(mkdtempSync(join(tmpdir(), 'atlas-bench-registers-')), 'registers.sqlite') };
  ensureDatabase(config, () => {});
  const store = new AtlasStore(config.dbPath);
  const groups = openGroupRegisters(config, store);
  const server = createServer(createApp(createContext(store, groups, config)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      server.close();
      groups.close();
      store.close();
    },
  };
}
