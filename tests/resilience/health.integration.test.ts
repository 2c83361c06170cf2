// /api/health tells a load balancer the truth: 503 problem+json while the database under the server is
// damaged (reads failing, or the background check finding damage), 200 while it is sound (issue 22 item 6).
import { closeSync, copyFileSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { createApp } from '../../server/http/app.ts';
import { createContext } from '../../server/http/context.ts';
import { openGroupRegisters } from '../../server/registers/open-registers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { testDatabase } from '../support/atlas-app.ts';
import { GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

let closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers) c();
  closers = [];
});

/** The app over its own copy of the atlas database, so the copy can be damaged under it. */
function atlasOverCopy() {
  const dir = tempDir('health');
  const dbPath = join(dir, 'atlas.sqlite');
  copyFileSync(testDatabase(), dbPath);
  const store = new AtlasStore(dbPath);
  const config = { ...loadConfig({}), geodataDir: GEODATA_DIR, registersDbPath: join(dir, 'registers.sqlite'), clientDir: tempDir('no-client') };
  const groups = openGroupRegisters(config, store);
  const ctx = createContext(store, groups, config);
  closers.push(() => (groups.close(), store.close()));
  return { dbPath, ctx, http: supertest(createApp(ctx)) };
}

/** Overwrites every page after the first few with garbage, leaving the header (and so SQLite's change counter) alone. */
function damagePages(path: string) {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  for (let at = 64 * 1024; at < size; at += 64 * 1024) writeSync(fd, Buffer.alloc(Math.min(64 * 1024, size - at), 0xa5), 0, Math.min(64 * 1024, size - at), at);
  closeSync(fd);
}

describe('/api/health', () => {
  it('is 200 over a sound database', async () => {
    const { http } = atlasOverCopy();
    const res = await http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('is 503 problem+json once reads of a damaged database fail', async () => {
    const { http, dbPath } = atlasOverCopy();
    expect((await http.get('/api/health')).status).toBe(200);
    damagePages(dbPath);
    const reads = ['/api/layers/parishes.geojson', '/api/layers/lsoas.geojson', '/ogc/collections/parishes/items?limit=5', '/api/lookup?lon=-1.13&lat=52.63', '/api/postcodes?q=LE1'];
    const statuses = [];
    for (const path of reads) statuses.push((await http.get(path)).status);
    expect(statuses).toContain(500);
    const res = await http.get('/api/health');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/SQLITE_/);
  });

  it('is 503 once the background check reports damage, naming it', async () => {
    const { http, ctx } = atlasOverCopy();
    ctx.health.databaseDamaged('quick_check: *** in database main *** Page 7: btreeInitPage() returns error code 11');
    const res = await http.get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body.detail).toContain('Page 7');
    expect(res.body.detail).toContain('restart the server');
  });
});
