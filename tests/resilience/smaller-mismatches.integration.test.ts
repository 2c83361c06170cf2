// Issue 22 item 10, one test each: repeated, conflicting and __proto__ form fields are refused (not
// dropped), two Host headers are refused, and requests Node's own parser refuses get problem+json.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, post, rawExchange, startProcess, type AtlasProcess } from './server-process.ts';

let atlas: AtlasProcess;
beforeAll(async () => {
  atlas = await startProcess();
}, 150_000);
afterAll(() => atlas?.stop());

const file = { name: 'file', value: 'name,category,lon,lat\nHall,arts,-1.2,52.7\n', filename: 'a.csv' };

describe('form fields', () => {
  it('a repeated field, even with a conflicting value, is a 400 naming it', async () => {
    const form = multipart([{ name: 'register', value: 'one' }, { name: 'register', value: 'two' }, file]);
    const r = await post(atlas.url, '/api/registers', form.body, form.type);
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('"register" appears more than once');
  });

  it('a __proto__ field is refused as unknown, not swallowed', async () => {
    const form = multipart([{ name: 'register', value: 'proto' }, { name: '__proto__', value: 'x' }, file]);
    const r = await post(atlas.url, '/api/registers', form.body, form.type);
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('"__proto__" is not known');
  });
});

describe('the request line and headers', () => {
  it('two Host headers are a 400 problem+json', async () => {
    const answer = await rawExchange(atlas.port, 'GET /api/health HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('application/problem+json');
    expect(answer).toContain('more than one Host header');
  });

  it('a malformed request and oversized headers get problem+json from the parser', async () => {
    const malformed = await rawExchange(atlas.port, 'GET /api/health HTTP/1.1\r\nHost x\r\n\r\n');
    expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
    expect(malformed).toContain('application/problem+json');
    const huge = await rawExchange(atlas.port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('"status":431');
  });
});

describe('a 12 MB upload without Expect: 100-continue', () => {
  it('gets the 413 problem+json, not a reset connection', async () => {
    const body = Buffer.alloc(12 * 1024 * 1024, 'a');
    const head = `POST /api/registers?register=huge HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer resilience-token\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\n\r\n`;
    // The whole request is written at once, as a client that does not wait for 100-continue does.
    const { answer, error } = await new Promise<{ answer: string; error: string | null }>((resolve) => {
      const socket = connect(atlas.port, '127.0.0.1');
      let text = '';
      let error: string | null = null;
      socket.on('data', (c) => (text += c));
      socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
      socket.on('close', () => resolve({ answer: text, error }));
      socket.end(Buffer.concat([Buffer.from(head), body]));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('application/problem+json');
    expect(error).toBeNull(); // closed in order, not reset
  }, 60_000);
});
