// Refused uploads leave nothing behind: no open file descriptor and no temporary file, whatever part
// of the form is refused and whenever (issue 22 item 3: a form whose over-long field came before its
// file leaked one descriptor per request, and often its upload.<pid>.<n>.tmp file).
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, post } from './server-process.ts';
import { openWritableAtlas, type WritableAtlas } from './writable-atlas.ts';

let server: WritableAtlas;
beforeAll(async () => void (server = await openWritableAtlas('upload-leaks')));
afterAll(() => server?.close());

const openFds = () => readdirSync('/proc/self/fd').length;
const tempFiles = () => readdirSync(server.dir).filter((f) => /^upload\..*\.tmp$/.test(f));
const csv = 'name,category,lon,lat\n' + 'Hall,arts,-1.2,52.7\n'.repeat(15_000); // ~300 kB: several chunks, so the file is still arriving when the form is refused

describe('refused multipart uploads', () => {
  it('an over-long field before the file: 50 requests, 50 × 400, no descriptor or temporary file left', async () => {
    const form = multipart([{ name: 'source', value: 'x'.repeat(20_000) }, { name: 'file', value: csv, filename: 'a.csv' }]);
    await post(server.url, '/api/registers?register=warm', form.body, form.type); // first use opens what stays open (the registers database)
    await new Promise((r) => setTimeout(r, 200));
    const before = openFds();
    for (let i = 0; i < 50; i++) {
      const r = await post(server.url, '/api/registers?register=long', form.body, form.type);
      expect(r.status).toBe(400);
      expect(r.body.detail).toContain('"source"');
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(openFds() - before).toBeLessThan(5);
    expect(tempFiles()).toEqual([]);
  });

  it('a field refused after the file, and a second file, leave nothing either', async () => {
    const after = multipart([{ name: 'file', value: csv, filename: 'a.csv' }, { name: 'colour', value: 'red' }]);
    const wrong = multipart([{ name: 'register', value: 'w' }, { name: 'file', value: csv, filename: 'a.csv' }, { name: 'again', value: csv, filename: 'b.csv' }]);
    const before = openFds();
    for (let i = 0; i < 20; i++) {
      expect((await post(server.url, '/api/registers?register=after', after.body, after.type)).status).toBe(400);
      expect((await post(server.url, '/api/registers', wrong.body, wrong.type)).status).toBe(400);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(openFds() - before).toBeLessThan(5);
    expect(tempFiles()).toEqual([]);
  });
});
