// A real atlas server for browser tests: the web client built by Vite into a fresh folder, served
// with the API exactly as main.ts wires it (real store and group registers) on an ephemeral port.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../server/config/config.ts';
import { createApp } from '../../server/http/app.ts';
import { createContext } from '../../server/http/context.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { NO_GROUPS } from '../../server/store/group-counts.ts';
import { listen, openAtlas, testDatabase } from './atlas-app.ts';
import { tempDir } from './variant-dirs.ts';

export interface RunningAtlas {
  url: string;
  close(): Promise<void>;
}

let built: string | null = null;

/** Builds the client into a fresh folder (once per test process), so the tests never run against a stale dist/client. */
export function buildClient(): string {
  if (built) return built;
  const outDir = tempDir('client');
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  return (built = outDir);
}

export async function startAtlas(): Promise<RunningAtlas> {
  const atlas = openAtlas({ clientDir: buildClient() });
  const server = await listen(atlas.app);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      atlas.close();
    },
  };
}

/** The same atlas before any register exists (GroupCounts with no registers), for the "no register loaded" state. */
export async function startAtlasWithoutRegisters(): Promise<RunningAtlas> {
  const store = new AtlasStore(testDatabase());
  const server = await listen(createApp(createContext(store, NO_GROUPS, { ...loadConfig({}), clientDir: buildClient() })));
  return {
    url: server.url,
    close: async () => {
      await server.close();
      store.close();
    },
  };
}
