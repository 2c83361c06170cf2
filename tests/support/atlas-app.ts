// The real atlas for HTTP tests: a database built from the shared geodata (once per set of inputs,
// reused by later test files through a fingerprinted path in the temp folder), the store, and createApp.
import { existsSync } from 'node:fs';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { buildDatabase, currentFingerprint } from '../../server/pipeline/build-database.ts';
import { loadConfig } from '../../server/config/config.ts';
import { createApp, type AtlasApp } from '../../server/http/app.ts';
import { createContext, type AtlasContext } from '../../server/http/context.ts';
import { openGroupRegisters } from '../../server/registers/open-registers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { CURATED_DIR, GEODATA_DIR } from './paths.ts';
import { tempDir } from './variant-dirs.ts';

/**
 * The path of a database built from the current inputs. The fingerprint covers the sources, curated
 * tables and build code, so a changed input always gets a fresh build; the build writes to a
 * per-process temporary file and renames it, so test files building at once cannot collide.
 */
export function testDatabase(): string {
  const path = join(tmpdir(), `atlas-test-${currentFingerprint(GEODATA_DIR, CURATED_DIR).slice(0, 16)}.sqlite`);
  if (!existsSync(path)) buildDatabase({ geodataDir: GEODATA_DIR, curatedDir: CURATED_DIR, dbPath: path });
  return path;
}

export interface TestAtlas {
  store: AtlasStore;
  ctx: AtlasContext;
  app: AtlasApp;
  close(): void;
}

/**
 * The app as main.ts wires it, over the real store and the real group registers (the built-in ones
 * from GEODATA_DIR, and an empty registers database of its own); no client folder unless one is
 * given (browser tests pass a freshly built one), so by default only /api and /ogc answer.
 */
export function openAtlas(options: { clientDir?: string; adminToken?: string } = {}): TestAtlas {
  const store = new AtlasStore(testDatabase());
  const config = { ...loadConfig({}), geodataDir: GEODATA_DIR, registersDbPath: join(tempDir('registers'), 'registers.sqlite'), clientDir: options.clientDir ?? tempDir('no-client'), adminToken: options.adminToken ?? null };
  const groups = openGroupRegisters(config, store);
  const ctx = createContext(store, groups, config);
  return {
    store,
    ctx,
    app: createApp(ctx),
    close: () => {
      groups.close();
      store.close();
    },
  };
}

export interface Listening {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Every request line the server received, in order (method and URL). */
  requests: { method: string; url: string }[];
  close(): Promise<void>;
}

/** Serves the app on an ephemeral port, recording what clients ask for (without touching the app). */
export async function listen(app: AtlasApp): Promise<Listening> {
  const requests: Listening['requests'] = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent, not decompressed (supertest/fetch would decode gzip and hide what was sent). */
  body: Buffer;
}

export function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Registers hooks that open the atlas for the tests of the calling file and close it after; `get` asks its app over supertest. */
export function useAtlas(): { readonly atlas: TestAtlas; get(path: string): supertest.Test } {
  const state = {} as { atlas: TestAtlas };
  beforeAll(() => {
    state.atlas = openAtlas();
  });
  afterAll(() => state.atlas?.close());
  return { get atlas() { return state.atlas; }, get: (path) => supertest(state.atlas.app).get(path) };
}

/** Registers hooks that open the atlas and serve it for the tests of the calling file, and close both after. */
export function useListeningAtlas(): { readonly atlas: TestAtlas; readonly server: Listening } {
  const state = {} as { atlas: TestAtlas; server: Listening };
  beforeAll(async () => {
    state.atlas = openAtlas();
    state.server = await listen(state.atlas.app);
  });
  afterAll(async () => {
    await state.server?.close();
    state.atlas?.close();
  });
  return state;
}
