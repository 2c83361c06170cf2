// Starts the servers a benchmark compares: the real atlas (as `npm start` runs it: plain Node over
// the compiled dist/server) and the reference replay server; captures the atlas's response bytes.
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../deploy/nginx-runner.ts';
import { PROJECT_ROOT } from '../server/config/config.ts';
import type { BenchCase } from './section.ts';

export interface Captured {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export { freePort };

/** Raw GET: the bytes as sent (fetch would decompress them). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<Captured> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // Every header the server sent, so a replay sends the same bytes (security and CORS headers
        // included: about 700 of a small answer's bytes); Node adds its own Date and connection headers.
        const perConnection = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
        const out = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !perConnection.has(k)).map(([k, v]) => [k, String(v)]));
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
      });
    })
      .on('error', reject)
      .end();
  });
}

export interface AtlasProcess {
  url: string;
  adminToken: string;
  pid: number;
  stop(): Promise<void>;
}

/** Ends a child we started, by its own handle, and waits until it has gone. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The real server entry point. The benchmark measures the API, so when no web client has been built
 * the server is pointed at a placeholder page rather than building one (which `npm start` would do).
 */
export async function startAtlas(log: (s: string) => void, extraEnv: Record<string, string> = {}): Promise<AtlasProcess> {
  const port = await freePort();
  const adminToken = randomBytes(24).toString('base64url');
  let clientDir = join(PROJECT_ROOT, 'dist', 'client');
  if (!existsSync(join(clientDir, 'index.html'))) {
    clientDir = mkdtempSync(join(tmpdir(), 'atlas-bench-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>benchmark</title>');
  }
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ATLAS_ADMIN_TOKEN: adminToken, ATLAS_CLIENT_DIR: clientDir, ...extraEnv };
  const child = spawn(process.execPath, ['scripts/start.js'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000; // a first run builds the database
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the atlas server exited (${child.exitCode}):\n${output}`);
    const ok = await rawGet(`${url}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the atlas server did not answer within 5 minutes:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`atlas server (npm start: bundled dist/server) pid ${child.pid} on ${url}`);
  return { url, adminToken, pid: child.pid!, stop: () => stopChild(child) };
}

export interface ReferenceProcess {
  url: string;
  pid: number;
  load(replies: Map<string, Captured>): Promise<void>;
  stop(): Promise<void>;
}

export async function startReference(log: (s: string) => void): Promise<ReferenceProcess> {
  const child: ChildProcess = fork(join(PROJECT_ROOT, 'bench/reference-server.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (type: string) => new Promise<{ port?: number }>((resolve) => child.on('message', (m: { type: string; port?: number }) => m.type === type && resolve(m)));
  const { port } = await next('listening');
  log(`reference server (plain node:http) pid ${child.pid} on port ${port}`);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async load(replies) {
      const loaded = next('loaded');
      child.send({ type: 'load', replies: Object.fromEntries([...replies].map(([k, r]) => [k, { ...r, body: r.body.toString('base64') }])) });
      await loaded;
    },
    stop: () => stopChild(child),
  };
}

/** The atlas's replies to a case, keyed as the reference server looks them up. */
export async function capture(atlasUrl: string, c: BenchCase): Promise<Map<string, Captured>> {
  const out = new Map<string, Captured>();
  for (const path of c.paths) {
    const reply = await rawGet(atlasUrl + path, c.headers ?? {});
    if (reply.status !== 200) throw new Error(`${c.name}: ${path} answered ${reply.status}, not 200`);
    out.set(`${c.headers?.['accept-encoding'] ?? ''} ${path}`, reply);
  }
  return out;
}
