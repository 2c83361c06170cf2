// The atlas as `npm start` runs it, in its own process on a free port, over copies of the real files
// in a fresh data folder: for tests that must see the process itself (crashes, start-up, SIGTERM).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/config/config.ts';
import { testDatabase } from '../support/atlas-app.ts';
import { CURATED_DIR, GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

export const TOKEN = 'resilience-token';

export interface AtlasProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** A data folder holding a copy of the test atlas database (so no rebuild is needed) and a stub client. */
export function dataFolder(): string {
  const dir = tempDir('resilience');
  copyFileSync(testDatabase(), join(dir, 'atlas.sqlite'));
  mkdirSync(join(dir, 'client'));
  writeFileSync(join(dir, 'client', 'index.html'), '<!doctype html><title>atlas</title>');
  return dir;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** The TypeScript entry point under tsx (the default), or e.g. scripts/start.js as `npm start` runs it. */
const TSX_MAIN = [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(PROJECT_ROOT, 'server', 'main.ts')];

/** The environment a test process runs with: its own files in `dataDir`, listening on 127.0.0.1:`port`. */
function processEnv(dataDir: string, port: number, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    GEODATA_DIR,
    ATLAS_CURATED_DIR: CURATED_DIR,
    ATLAS_DB: join(dataDir, 'atlas.sqlite'),
    ATLAS_REGISTERS_DB: join(dataDir, 'registers.sqlite'),
    ATLAS_CLIENT_DIR: join(dataDir, 'client'),
    ATLAS_ADMIN_TOKEN: TOKEN,
    ...env,
  };
}

/** Runs the server expecting it to stop by itself (a start that cannot serve): its exit code and output. */
export function runUntilExit(dataDir: string, env: Record<string, string> = {}, port = 0, timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, TSX_MAIN, { cwd: PROJECT_ROOT, env: processEnv(dataDir, port, env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export async function startProcess(dataDir = dataFolder(), env: Record<string, string> = {}, readyMs = 150_000, args = TSX_MAIN): Promise<AtlasProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: processEnv(dataDir, port, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyMs;
  let gone = false;
  exited.then(() => (gone = true));
  while (!(await healthy(url))) {
    if (gone) throw new Error(`the server exited during start-up:\n${out}`);
    if (Date.now() > deadline) throw new Error(`the server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    dataDir,
    child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).status === 200;
  } catch {
    return false;
  }
}

/** Sends raw bytes on a new connection and returns what came back (or '' when the socket closed unanswered). */
export function rawExchange(port: number, bytes: Buffer | string, endAfterWrite = false): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (c) => (answer += c));
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.write(bytes, () => {
      if (endAfterWrite) socket.end();
    });
    setTimeout(() => socket.destroy(), 10_000).unref();
  });
}

/** A multipart body with the given parts; `file` parts carry a filename. */
export function multipart(parts: { name: string; value: string; filename?: string }[], boundary = 'atlasboundary'): { body: Buffer; type: string } {
  const chunks = parts.map(
    (p) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${p.value}\r\n`,
  );
  return { body: Buffer.from(chunks.join('') + `--${boundary}--\r\n`), type: `multipart/form-data; boundary=${boundary}` };
}

/** POST with the admin token; resolves with status, headers and the parsed body. */
export function post(url: string, path: string, body: Buffer | string, type: string): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': type, Authorization: `Bearer ${TOKEN}`, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? safeJson(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const safeJson = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A CSV of `rows` groups placed by coordinates near the centre of Leicester (inside the county's areas). */
export function bigRegisterCsv(rows: number): string {
  const lines = ['name,category,lon,lat'];
  for (let i = 0; i < rows; i++) lines.push(`Group ${i},${i % 2 ? 'sport' : 'arts'},${(-1.2 + (i % 50) * 0.001).toFixed(4)},${(52.7 + (i % 47) * 0.001).toFixed(4)}`);
  return lines.join('\n') + '\n';
}
