// Hostile and broken uploads against the real server process: every one must end in a 4xx
// problem+json, and the process must keep serving (a truncated multipart form used to kill it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigRegisterCsv, healthy, multipart, post, rawExchange, startProcess, TOKEN, type AtlasProcess } from './server-process.ts';

let atlas: AtlasProcess;
beforeAll(async () => {
  atlas = await startProcess();
});
afterAll(() => atlas?.stop());

const csvFile = 'name,category,lon,lat\nHall,arts,-1.2,52.7\n';

async function expectStillServing() {
  expect(await healthy(atlas.url)).toBe(true);
  expect(atlas.child.exitCode).toBeNull();
  expect(atlas.output()).not.toMatch(/uncaught|unhandled/i);
}

describe('a broken multipart upload', () => {
  it('cut off before its closing boundary, with a correct Content-Length, is a 400 and the server keeps serving', async () => {
    const { body, type } = multipart([{ name: 'register', value: 'cut' }, { name: 'file', value: csvFile.repeat(50), filename: 'cut.csv' }]);
    const cut = body.subarray(0, body.length - 200);
    const head = `POST /api/registers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: ${type}\r\nContent-Length: ${cut.length}\r\nConnection: close\r\n\r\n`;
    const answer = await rawExchange(atlas.port, Buffer.concat([Buffer.from(head), cut]));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('application/problem+json');
    expect(answer).toContain('ended before it was complete');
    await expectStillServing();
  });

  it('whose connection closes mid-file leaves the server serving', async () => {
    const { body, type } = multipart([{ name: 'file', value: csvFile.repeat(500), filename: 'gone.csv' }]);
    const head = `POST /api/registers?register=gone HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`;
    await rawExchange(atlas.port, Buffer.concat([Buffer.from(head), body.subarray(0, 3000)]), true);
    await expectStillServing();
  });

  it('that is not multipart at all, or has no boundary, is a 4xx', async () => {
    const garbage = await post(atlas.url, '/api/registers?register=x', '\x00\x01garbage', 'multipart/form-data; boundary=zzz');
    expect(garbage.status).toBe(400);
    const noBoundary = await post(atlas.url, '/api/registers?register=x', 'a', 'multipart/form-data');
    expect(noBoundary.status).toBe(415);
    await expectStillServing();
  });

  it('with a second file, too many fields, an unknown field or a long source is refused, not silently trimmed', async () => {
    const two = multipart([{ name: 'register', value: 'two' }, { name: 'a', value: csvFile, filename: 'a.csv' }, { name: 'b', value: csvFile, filename: 'b.csv' }]);
    const r2 = await post(atlas.url, '/api/registers', two.body, two.type);
    expect(r2.status).toBe(400);
    expect(r2.body.detail).toContain('more than one file');

    const many = multipart([...Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, value: 'x' })), { name: 'file', value: csvFile, filename: 'a.csv' }]);
    const r11 = await post(atlas.url, '/api/registers', many.body, many.type);
    expect(r11.status).toBe(400);
    expect(r11.body.detail).toMatch(/more than 10 fields|too many parts/);

    const unknown = multipart([{ name: 'register', value: 'odd' }, { name: 'colour', value: 'red' }, { name: 'file', value: csvFile, filename: 'a.csv' }]);
    const ru = await post(atlas.url, '/api/registers', unknown.body, unknown.type);
    expect(ru.status).toBe(400);
    expect(ru.body.detail).toContain('"colour"');

    const long = multipart([{ name: 'register', value: 'long' }, { name: 'source', value: 's'.repeat(301) }, { name: 'file', value: csvFile, filename: 'a.csv' }]);
    const rl = await post(atlas.url, '/api/registers', long.body, long.type);
    expect(rl.status).toBe(400);
    expect(rl.body.detail).toContain('at most 300 characters');
    const list = await (await fetch(`${atlas.url}/api/registers`)).json();
    expect(list.registers.map((r: { name: string }) => r.name)).not.toContain('long');
    await expectStillServing();
  });
});

describe('hostile register files', () => {
  it('a 100,000-column CSV is refused with a 422 naming the column limit', async () => {
    const header = ['name', 'category', 'postcode', ...Array.from({ length: 100_000 }, (_, i) => `c${i}`)].join(',');
    const r = await post(atlas.url, '/api/registers?register=wide', `${header}\nA,arts,LE1 1AA\n`, 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.report.rejections[0]).toMatchObject({ line: 1, kind: 'bad_file' });
    expect(r.body.report.rejections[0].reason).toContain('a register may have at most 1000 columns');
  });

  it('a CSV with 5,000 short columns is refused by the column cap', async () => {
    const header = ['name', 'category', 'postcode', ...Array.from({ length: 5_000 }, (_, i) => `c${i}`)].join(',');
    const r = await post(atlas.url, '/api/registers?register=wide', `${header}\nA,arts,LE1 1AA\n`, 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.report.rejections[0].reason).toBe('has 5003 columns; a register may have at most 1000');
  });

  it('a header with many repeated columns is refused as a duplicate', async () => {
    const header = ['name', 'category', 'postcode', ...Array.from({ length: 900 }, () => 'same')].join(',');
    const r = await post(atlas.url, '/api/registers?register=dupes', `${header}\nA,arts,LE1 1AA\n`, 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.report.rejections[0].reason).toBe('column "same" appears twice');
  });

  it('a GeoJSON name nested 20,000 arrays deep is a 422 for that feature, not a 500', async () => {
    const deep = '['.repeat(20_000) + '"x"' + ']'.repeat(20_000);
    const doc = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-1.2,52.7]},"properties":{"name":${deep},"category":"arts"}}]}`;
    const r = await post(atlas.url, '/api/registers?register=deep', doc, 'application/geo+json');
    expect(r.status).toBe(422);
    expect(r.body.report.rejections[0]).toMatchObject({ feature: 1, field: 'name', reason: 'name must be text, not an array' });
    await expectStillServing();
  });

  it('a NUL byte in a group name is refused, naming the line', async () => {
    const r = await post(atlas.url, '/api/registers?register=nul', 'name,category,lon,lat\nHa\u0000ll,arts,-1.2,52.7\n', 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.report.rejections[0]).toMatchObject({ line: 2, field: 'name' });
    expect(r.body.report.rejections[0].reason).toContain('control character');
  });

  it('an application/json register over 64 kB (up to the documented 5 MB) is imported', async () => {
    const features = Array.from({ length: 2000 }, (_, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [-1.2 + (i % 50) * 0.001, 52.7] }, properties: { name: `Club ${i}`, category: 'sport', summary: 'x'.repeat(40) } }));
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    expect(body.length).toBeGreaterThan(200_000);
    const r = await post(atlas.url, '/api/registers?register=jsonbody', body, 'application/json');
    expect(r.status).toBe(201);
    expect(r.body.imported).toBe(2000);
  });
});

describe('the registers resource', () => {
  it('refuses unknown parameters with a 400', async () => {
    const r = await fetch(`${atlas.url}/api/registers?foo=1`);
    expect(r.status).toBe(400);
    expect((await r.json()).detail).toContain('"foo"');
  });

  it('answers other methods with a 405 whose Allow names POST', async () => {
    const r = await fetch(`${atlas.url}/api/registers`, { method: 'PUT' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
  });
});

describe('imports under load', () => {
  it('keeps answering reads while a 100,000-row import runs in its worker', async () => {
    const body = bigRegisterCsv(100_000);
    const started = Date.now();
    let importDone = 0;
    const imported = post(atlas.url, '/api/registers?register=hundredk', body, 'text/csv').then((r) => ((importDone = Date.now()), r));
    const reads: number[] = [];
    await new Promise((r) => setTimeout(r, 300));
    // Reads while the import is still in flight are answered (the event loop is free).
    while (importDone === 0) {
      const t = Date.now();
      expect((await fetch(`${atlas.url}/api/health`)).status).toBe(200);
      reads.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    const r = await imported;
    expect(r.status).toBe(201);
    expect(r.body.imported).toBe(100_000);
    expect(reads.length).toBeGreaterThan(3); // answered during the import, not queued behind it
    expect(importDone - started).toBeGreaterThan(0);
    const list = await (await fetch(`${atlas.url}/api/registers`)).json();
    expect(list.registers.find((x: { name: string }) => x.name === 'hundredk')).toMatchObject({ rows: 100_000 });
  }, 120_000);

  it('runs concurrent imports one at a time, turning away the excess with a 503 and Retry-After', async () => {
    const bodies = Array.from({ length: 5 }, (_, i) => post(atlas.url, `/api/registers?register=together-${i}`, bigRegisterCsv(2000), 'text/csv'));
    const answers = await Promise.all(bodies);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    for (const busy of answers.filter((a) => a.status === 503)) expect(busy.headers['retry-after']).toBe('1');
    const list = await (await fetch(`${atlas.url}/api/registers`)).json();
    const names = list.registers.map((r: { name: string }) => r.name);
    answers.forEach((a, i) => expect(names.includes(`together-${i}`)).toBe(a.status === 201));
    await expectStillServing();
  }, 120_000);
});
