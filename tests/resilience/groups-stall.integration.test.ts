// GET /api/groups.geojson of a large register leaves the server answering others while it is built
// (issue 22 item 2), keeps the unpaged collection byte for byte what it was, and pages on request.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { createApp } from '../../server/http/app.ts';
import { createContext, type AtlasContext } from '../../server/http/context.ts';
import { GroupRegisters } from '../../server/registers/group-registers.ts';
import { groupsCollection } from '../../server/http/registers/groups-geojson.ts';
import { openGroupRegisters } from '../../server/registers/open-registers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { listen, testDatabase, type Listening } from '../support/atlas-app.ts';
import { GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';
import { bigRegisterCsv } from './server-process.ts';

const ROWS = 60_000;
const dir = tempDir('groups-stall');
let server: Listening;
let ctx: AtlasContext;
let close = () => {};
beforeAll(async () => {
  const store = new AtlasStore(testDatabase());
  const config = { ...loadConfig({}), geodataDir: GEODATA_DIR, registersDbPath: join(dir, 'registers.sqlite'), clientDir: tempDir('no-client') };
  const groups = openGroupRegisters(config, store);
  ctx = createContext(store, groups, config);
  const path = join(dir, 'big.csv');
  writeFileSync(path, bigRegisterCsv(ROWS));
  await (groups as GroupRegisters).importFile({ register: 'big', format: 'csv', path, source: 'A large test register' });
  server = await listen(createApp(ctx));
  close = () => (groups.close(), store.close());
}, 120_000);
afterAll(async () => {
  await server?.close();
  close();
});

/** GET with no Accept-Encoding; resolves with when the head arrived (a sequence number), status and body. */
let order = 0;
function get(path: string): Promise<{ headAt: number; status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, (res) => {
      const headAt = ++order;
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headAt, status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    })
      .on('error', reject)
      .end();
  });
}

describe('GET /api/groups.geojson of a 60,000-row register', () => {
  it('lets a health check be answered while the whole collection is being built', async () => {
    const groups = get('/api/groups.geojson?register=big');
    await new Promise((r) => setTimeout(r, 30));
    const health = await get('/api/health');
    const whole = await groups;
    expect(health.status).toBe(200);
    expect(whole.status).toBe(200);
    // Built in one piece on the event loop, the collection's head went out before the health check was read.
    expect(health.headAt).toBeLessThan(whole.headAt);
    expect(JSON.parse(whole.text).features).toHaveLength(ROWS);
  }, 60_000);

  it('serves the unpaged collection byte for byte as JSON.stringify of the collection', async () => {
    const res = await get('/api/groups.geojson?register=big&category=arts');
    const body = JSON.parse(res.text);
    const chosen = (ctx.groups as GroupRegisters).all().filter((r) => r.name === 'big');
    expect(res.text).toBe(JSON.stringify(groupsCollection(chosen, { layer: null, code: null, category: 'arts' }, body.attribution)));
    expect(body.number_matched).toBe(ROWS / 2);
    expect(body.links).toBeUndefined();
  }, 60_000);

  it('pages with limit and offset, following next links to every group exactly once', async () => {
    const ids = new Set<string>();
    let path: string | null = '/api/groups.geojson?register=big&limit=10000';
    let pages = 0;
    while (path) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const page = JSON.parse(res.text);
      expect(page.number_matched).toBe(ROWS);
      expect(page.number_returned).toBe(page.features.length);
      for (const f of page.features) ids.add(f.id);
      path = page.links.find((l: { rel: string }) => l.rel === 'next')?.href ?? null;
      pages++;
    }
    expect(pages).toBe(ROWS / 10_000);
    expect(ids.size).toBe(ROWS);
  }, 60_000);

  it('refuses a bad page with 400 problem+json naming the parameter', async () => {
    for (const [query, name] of [['limit=0', 'limit'], ['limit=10001', 'limit'], ['limit=5&offset=-1', 'offset'], ['offset=10', 'offset']]) {
      const res = await get(`/api/groups.geojson?register=big&${query}`);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).detail).toContain(`"${name}"`);
    }
  });
});
