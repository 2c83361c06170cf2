// Limits on writes (issue 22 item 8): a full import queue refuses an upload before writing it, wrong
// admin tokens are throttled per client address, over-long tokens are refused, and empty rows are bad input.
import { readdirSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_TOKENS_PER_WINDOW, IMPORT_RUNNING, IMPORT_WAITING, MAX_EMPTY_ROWS, TOKEN_MAX_CHARS } from '../../server/config/limits.ts';
import { post, TOKEN } from './server-process.ts';
import { openWritableAtlas, type WritableAtlas } from './writable-atlas.ts';

let server: WritableAtlas;
beforeAll(async () => void (server = await openWritableAtlas('write-limits')));
afterAll(() => server?.close());

const tempFiles = () => readdirSync(server.dir).filter((f) => /^upload\..*\.tmp$/.test(f));
const good = 'name,category,lon,lat\nHall,arts,-1.2,52.7\n';

/** A text/csv upload whose body is still arriving: the first bytes are sent, the rest when `finish` is called. */
function slowUpload(name: string): { finish(): void; answer: Promise<number> } {
  let req!: ClientRequest;
  const answer = new Promise<number>((resolve, reject) => {
    req = request(`${server.url}/api/registers?register=${name}`, { method: 'POST', headers: { 'Content-Type': 'text/csv', 'Content-Length': Buffer.byteLength(good), Authorization: `Bearer ${TOKEN}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.write(good.slice(0, 10));
  });
  return { finish: () => req.end(good.slice(10)), answer };
}

describe('a full import queue', () => {
  it('refuses the next upload with 503 and Retry-After before writing any of it', async () => {
    const held = Array.from({ length: IMPORT_RUNNING + IMPORT_WAITING }, (_, i) => slowUpload(`held-${i}`));
    for (let waited = 0; tempFiles().length < held.length && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(tempFiles()).toHaveLength(IMPORT_RUNNING + IMPORT_WAITING);
    const big = 'name,category,lon,lat\n' + 'Hall,arts,-1.2,52.7\n'.repeat(100_000);
    const refused = await post(server.url, '/api/registers?register=one-too-many', big, 'text/csv');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.body.detail).toContain('retry');
    expect(tempFiles()).toHaveLength(IMPORT_RUNNING + IMPORT_WAITING); // nothing of it reached the disk
    for (const h of held) h.finish();
    expect((await Promise.all(held.map((h) => h.answer))).sort()).toEqual(held.map(() => 201));
    // Once they are done, the queue takes uploads again.
    expect((await post(server.url, '/api/registers?register=after', good, 'text/csv')).status).toBe(201);
  }, 120_000);
});

describe('empty rows', () => {
  it('a row of blank cells is refused, naming its line', async () => {
    const r = await post(server.url, '/api/registers?register=blank-row', 'name,category,lon,lat\nHall,arts,-1.2,52.7\n,,,\nClub,sport,-1.2,52.7\n', 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.report.rejections[0]).toMatchObject({ line: 3, reason: expect.stringContaining('empty') });
  });

  it('a file of empty rows is refused at once as not a register', async () => {
    const r = await post(server.url, '/api/registers?register=blanks', 'name,category,lon,lat\n' + ',,,\n'.repeat(1_000_000), 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.detail).toContain(`more than ${MAX_EMPTY_ROWS} empty rows`);
  }, 120_000);
});

describe('wrong admin tokens', () => {
  const withToken = (token: string) =>
    new Promise<{ status: number; retryAfter: string | undefined; body: any }>((resolve, reject) => {
      const req = request(`${server.url}/api/registers/nothing-here`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: JSON.parse(text || 'null') }));
      });
      req.on('error', reject);
      req.end();
    });

  it('refuses an over-long token unread, then throttles the address after the allowed failures, the right token included', async () => {
    const long = await withToken('x'.repeat(TOKEN_MAX_CHARS + 1));
    expect(long.status).toBe(400);
    expect(long.body.detail).toContain(`${TOKEN_MAX_CHARS} characters`);
    const statuses: number[] = [];
    for (let i = 1; i < FAILED_TOKENS_PER_WINDOW; i++) statuses.push((await withToken(`wrong-${i}`)).status);
    expect(statuses.every((s) => s === 403)).toBe(true);
    const throttled = await withToken('wrong-again');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
    expect((await withToken(TOKEN)).status).toBe(429);
  });
});
