// A full disk during an import (issue 22 item 10) is a 507 problem+json, not a generic 500, and the
// registers stay as they were. The disk is really full: the registers database lives on a 2 MB tmpfs
// mounted for this test (the test runs as root, as the developers' machines and CI do), so SQLite
// answers SQLITE_FULL to the import worker and the upload's spool meets ENOSPC.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupRegisters } from '../../server/registers/group-registers.ts';
import type { AtlasStore } from '../../server/store/atlas-store.ts';
import { openStore, testApp } from '../registers/support.ts';
import { tempDir } from '../support/variant-dirs.ts';

const TOKEN = 'full-disk-token';
const disk = join(tempDir('full-disk'), 'tmpfs');
let store: AtlasStore;
let groups: GroupRegisters;
let app: ReturnType<typeof testApp>['app'];

beforeAll(() => {
  mkdirSync(disk, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk]); // fails loudly where mounting is not allowed
  store = openStore();
  ({ app, groups } = testApp(store, TOKEN, join(disk, 'registers.sqlite')));
});
afterAll(() => {
  groups?.close();
  store?.close();
  execFileSync('umount', [disk]);
  rmSync(disk, { recursive: true, force: true });
});

/** `rows` groups by coordinates in the county, with a summary so each row is about 140 bytes. */
const registerCsv = (rows: number) =>
  'name,category,lon,lat,summary\n' + Array.from({ length: rows }, (_, i) => `Group ${i},arts,${(-1.2 + (i % 50) * 0.001).toFixed(4)},${(52.7 + (i % 47) * 0.001).toFixed(4)},${'s'.repeat(100)}${i}`).join('\n') + '\n';
const post = (name: string, body: string) => request(app).post(`/api/registers?register=${name}`).set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'text/csv').send(body);

describe('an import onto a full disk', () => {
  it('is answered 507 problem+json when the database cannot grow, and the register stays as it was', async () => {
    expect((await post('kept', registerCsv(10))).status).toBe(201);
    // About 1 MB: the upload fits beside the database, its 8,000 groups do not fit in the database as well.
    const res = await post('kept', registerCsv(8_000));
    expect(res.status, JSON.stringify(res.body)).toBe(507);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.title).toBe('Insufficient storage');
    expect(res.body.detail).toContain('SQLITE_FULL');
    expect(res.body.detail).toContain('nothing was imported');
    expect((await request(app).get('/api/registers/kept')).body.rows).toBe(10);
  }, 60_000);

  it('is answered 507 when the upload itself does not fit on the disk', async () => {
    const res = await post('too-big', registerCsv(25_000)); // about 3.5 MB onto a 2 MB disk
    expect(res.status, JSON.stringify(res.body)).toBe(507);
    expect(res.body.title).toBe('Insufficient storage');
    expect((await request(app).get('/api/registers/too-big')).status).toBe(404);
  }, 60_000);
});
