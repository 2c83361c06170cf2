// GET /api/groups.geojson of a large register leaves the server answering others while it is built
// in the groups thread (issue 22 item 2), keeps the unpaged collection byte for byte what it was, and
// pages on request. The register is imported over the worker path, so its groups are first located on
// the first groups request: the case that held the event loop for 1.8 s.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { createApp } from '../../server/http/app.ts';
import { createContext, type AtlasContext } from '../../server/http/context.ts';
import { GroupRegisters } from '../../server/registers/group-registers.ts';
import { groupsCollection } from '../../server/registers/groups/groups-geojson.ts';
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

/** GET with no Accept-Encoding; resolves with when the head arrived (a sequence number), status and body.
 *  `sent` settles once the whole request has been handed to the socket. */
let order = 0;
function send(path: string): { sent: Promise<void>; answer: Promise<{ headAt: number; status: number; text: string; headers: Record<string, string | string[] | undefined> }> } {
  let sent!: Promise<void>;
  const answer = new Promise<{ headAt: number; status: number; text: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    // A connection per request: a kept-alive socket the server closes after its 5 s idle timeout can race the next test's request.
    const req = request(`${server.url}${path}`, { agent: false }, (res) => {
      const headAt = ++order;
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headAt, status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), headers: res.headers }));
    }).on('error', reject);
    sent = new Promise((r) => req.on('finish', () => r()));
    req.end();
  });
  return { sent, answer };
}
const get = (path: string) => send(path).answer;

/** Sends `path`, then, once it is on its way, ten cached reads one after another: they must all be answered before its head. */
async function readsWhileBuilding(path: string) {
  const groups = send(path);
  await groups.sent;
  const reads = [];
  for (let i = 0; i < 10; i++) reads.push(await get(i % 2 ? '/api/health' : `/api/areas/${parish}`));
  return { reads, groups: await groups.answer };
}
let parish = '';

describe('GET /api/groups.geojson of a 60,000-row register', () => {
  beforeAll(async () => {
    parish = JSON.parse((await get('/api/layers/parishes.geojson?properties=code&precision=1')).text).features[0].id;
    await get(`/api/areas/${parish}`); // cached from here on
  });

  // Ordering, not milliseconds: the groups thread locates the register's 60,000 groups (first use) and
  // serialises them while the event loop answers; built on the event loop, their head would come first.
  it('answers cached reads while the whole collection is first located and built', async () => {
    const { reads, groups } = await readsWhileBuilding('/api/groups.geojson?register=big');
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    expect(Math.max(...reads.map((r) => r.headAt))).toBeLessThan(groups.headAt);
    expect(groups.status).toBe(200);
    expect(JSON.parse(groups.text).features).toHaveLength(ROWS);
  }, 60_000);

  it('answers cached reads while a new page variant is built', async () => {
    const { reads, groups } = await readsWhileBuilding('/api/groups.geojson?register=big&layer=parishes&limit=10000&offset=20000');
    expect(Math.max(...reads.map((r) => r.headAt))).toBeLessThan(groups.headAt);
    expect(JSON.parse(groups.text).number_returned).toBe(10_000);
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

  it('clamps a limit above the page maximum to it and says so, as the other lists do', async () => {
    const res = await get('/api/groups.geojson?register=big&limit=10001');
    expect(res.status).toBe(200);
    expect(res.headers['x-limit-clamped']).toBe('10000');
    expect(JSON.parse(res.text).number_returned).toBe(10_000);
  }, 60_000);

  it('refuses a bad page with 400 problem+json naming the parameter', async () => {
    for (const [query, name] of [['limit=0', 'limit'], ['limit=1.5', 'limit'], ['limit=5&offset=-1', 'offset'], ['offset=10', 'offset']]) {
      const res = await get(`/api/groups.geojson?register=big&${query}`);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).detail).toContain(`"${name}"`);
    }
  });
});
