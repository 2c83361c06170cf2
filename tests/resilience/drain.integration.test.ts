// SIGTERM with the default grace period (no ATLAS_SHUTDOWN_GRACE_S set): the real process stops
// accepting, answers an upload in flight and 64 requests in flight on 64 connections, closes idle
// keep-alive connections, then exits 0. Issue 22 item 1: the default was read as 20 ms, not 20 s.
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { dataFolder, multipart, startProcess, TOKEN, type AtlasProcess } from './server-process.ts';

let atlas: AtlasProcess | null = null;
afterEach(async () => {
  await atlas?.stop();
  atlas = null;
});

const CONNECTIONS = 64;

/** A connection whose GET has begun (its headers are not finished), so the server counts it as in flight. */
function halfSentRequest(port: number): Promise<{ socket: Socket; answer: Promise<{ text: string; reset: boolean }> }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', () => resolve({ socket, answer }));
    });
    let text = '';
    let reset = false;
    socket.on('data', (c) => (text += c));
    socket.on('error', () => (reset = true));
    const answer = new Promise<{ text: string; reset: boolean }>((done) => socket.on('close', () => done({ text, reset })));
  });
}

describe('SIGTERM drain (default grace)', () => {
  it('reads the default grace as 20 seconds', () => {
    expect(loadConfig({}).shutdownGraceMs).toBe(20_000);
    expect(loadConfig({ ATLAS_SHUTDOWN_GRACE_S: '5' }).shutdownGraceMs).toBe(5_000);
  });

  it('finishes an upload and 64 requests in flight, closes idle keep-alive connections, and exits 0', async () => {
    atlas = await startProcess(dataFolder(), { ATLAS_SHUTDOWN_GRACE_S: '' });
    const port = atlas.port;
    const pending = await Promise.all(Array.from({ length: CONNECTIONS }, () => halfSentRequest(port)));

    // An idle keep-alive connection: one answered request, then nothing.
    const idle = await halfSentRequest(port);
    idle.socket.write('\r\n');
    await new Promise((r) => setTimeout(r, 300));

    const { body, type } = multipart([{ name: 'register', value: 'drained' }, { name: 'file', value: 'name,category,lon,lat\nHall,arts,-1.2,52.7\n', filename: 'a.csv' }]);
    const upload = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${atlas!.url}/api/registers`, { method: 'POST', headers: { 'Content-Type': type, 'Content-Length': body.length, Authorization: `Bearer ${TOKEN}` } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 40), () => setTimeout(() => req.end(body.subarray(40)), 3000));
    });
    upload.catch(() => {}); // a reset is reported by the assertion below, not as an unhandled rejection
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    atlas.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    // Still running a second after the signal (the old default exited after 20 ms), and refusing new connections.
    expect(atlas.child.exitCode).toBeNull();
    await expect(fetch(`${atlas.url}/api/health`)).rejects.toThrow();
    // The idle keep-alive connection was closed by the server without an answer owed.
    const idleEnd = await idle.answer;
    expect(idleEnd.text).toMatch(/^HTTP\/1\.1 200/);
    expect(idleEnd.reset).toBe(false);

    for (const p of pending) p.socket.write('\r\n');
    const answers = await Promise.all(pending.map((p) => p.answer));
    expect(answers.filter((a) => a.reset)).toHaveLength(0);
    expect(answers.filter((a) => /^HTTP\/1\.1 200/.test(a.text) && /connection: close/i.test(a.text))).toHaveLength(CONNECTIONS);

    const done = await upload;
    expect(done.status).toBe(201);
    expect(JSON.parse(done.text)).toMatchObject({ register: 'drained', imported: 1 });
    expect(await atlas.exited).toBe(0);
    const drainMs = Date.now() - signalled;
    expect(atlas.output()).toContain('[atlas] stopped');
    expect(atlas.output()).not.toContain('grace period over');
    console.log(`[drain] ${CONNECTIONS} requests and one upload drained; exit ${drainMs} ms after SIGTERM`);
  }, 180_000);
});
