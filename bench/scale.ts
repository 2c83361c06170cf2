// `npm run bench:scale [-- 1 4 16 80]`: builds k-fold synthetic replicas of the county (synth:geodata)
// and prints, per k, build wall time, CPU and peak RSS, database size, then serves each replica and
// measures start-up (spawn to first /api/health), idle RSS, the LSOA layer's gzip size, the first OGC
// items page, and p99 of postcode look-ups, search and parish-by-name. Each build runs in its own
// process under GNU time, so peak RSS is the build's own; replicas live under the OS temp directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../server/config/config.ts';
import { cpuSeconds } from './measure.ts';
import { freePort, rawGet } from './servers.ts';

const ks = process.argv.slice(2).map(Number).filter((k) => Number.isInteger(k) && k > 0);
const copies = ks.length > 0 ? ks : [1, 4, 16];
const work = process.env.BENCH_SCALE_DIR ?? mkdtempSync(join(tmpdir(), 'atlas-scale-'));
const tsx = ['--import', 'tsx'];
const QUERIES = 200;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

interface Row {
  k: number;
  lsoas: number;
  wallS: number;
  cpuS: number;
  rssMB: number;
  dbMB: number;
  startS: number;
  /** CPU the server process spent to its first answer: what start-up costs on a quiet machine. */
  startCpuS: number;
  idleMB: number;
  lsoaGzipMB: number;
  itemsMs: number;
  lookupP99: number;
  searchP99: number;
  parishP99: number;
  /** Server CPU per search request (from /proc), which the machine's load does not inflate as it does wall time. */
  searchCpuMs: number;
}

/** A GET; a kept-alive connection the server closed just as it was reused (ECONNRESET, seen at load 18) is retried once on a new one. */
const get = (url: string, headers: Record<string, string> = {}) =>
  rawGet(url, headers).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET') throw err;
    return rawGet(url, headers);
  });

const timed = async (url: string) => {
  const t = performance.now();
  const r = await get(url, { 'Accept-Encoding': 'gzip' });
  if (r.status !== 200 && r.status !== 404) throw new Error(`${url}: ${r.status}`);
  return { ms: performance.now() - t, r };
};

async function p99(urls: string[]): Promise<number> {
  const ms: number[] = [];
  for (const u of urls) ms.push((await timed(u)).ms);
  return pct(ms, 0.99);
}

/** Serves the replica and measures it; the server is stopped (by its own handle) before returning. */
async function serve(out: string, env: NodeJS.ProcessEnv): Promise<Omit<Row, 'k' | 'lsoas' | 'wallS' | 'cpuS' | 'rssMB' | 'dbMB'>> {
  const port = await freePort();
  const clientDir = join(out, 'client');
  mkdirSync(clientDir, { recursive: true });
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>benchmark</title>');
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/start.js'], {
    cwd: PROJECT_ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', ATLAS_CLIENT_DIR: clientDir, ATLAS_REGISTERS_DB: join(out, 'registers.sqlite') },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
      if (await rawGet(`${url}/api/health`).then((r) => r.status === 200, () => false)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const startS = (performance.now() - started) / 1000;
    const startCpuS = cpuSeconds([child.pid!]);
    await new Promise((r) => setTimeout(r, 2000));
    const idleMB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024;
    const itemsMs = (await timed(`${url}/ogc/collections/lsoas/items?limit=100`)).ms;
    // Postcodes spread over every copy, from the replica's own file.
    const postcodes = readFileSync(join(out, 'geodata/postcodes/postcodes-leicestershire.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
    const step = Math.max(1, Math.floor(postcodes.length / QUERIES));
    const lookupP99 = await p99(postcodes.filter((_, i) => i % step === 0).slice(0, QUERIES).map((l) => `${url}/api/lookup?postcode=${encodeURIComponent(l.split(',')[0])}`));
    const words = ['Blaby', 'Loughb', 'Market Harborough', 'Scraftoft', 'Kibwerth Beauchamp', 'Ashby', 'Melton Mowbray', 'wig', 'Coalvile', 'Oadby', 'Hinckley', 'Misterton', 'Quorn', 'Syston', 'Lutterworth', 'Braunstone Town', 'Birstall', 'Anstey', 'Enderby', 'Shepshed'];
    const cpuBefore = cpuSeconds([child.pid!]);
    const searchP99 = await p99(Array.from({ length: QUERIES }, (_, i) => `${url}/api/search?q=${encodeURIComponent(words[i % words.length])}`));
    const searchCpuMs = ((cpuSeconds([child.pid!]) - cpuBefore) * 1000) / QUERIES;
    const parishP99 = await p99(Array.from({ length: QUERIES }, (_, i) => `${url}/api/parishes/services?name=${encodeURIComponent(words[i % words.length])}`));
    const layer = await get(`${url}/api/layers/lsoas.geojson`, { 'Accept-Encoding': 'gzip' });
    const gzipped = layer.headers['content-encoding'] === 'gzip' ? layer.body : gzipSync(layer.body);
    return { startS, startCpuS, idleMB, lsoaGzipMB: gzipped.length / 1e6, itemsMs, lookupP99, searchP99, parishP99, searchCpuMs };
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

// Compile dist/server once (npm start does it when stale), outside every measured start.
spawnSync(process.execPath, ['scripts/start.js', '--compile-only'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
const rows: Row[] = [];
for (const k of copies) {
  const out = join(work, `k${k}`);
  if (!existsSync(out)) {
    const s = spawnSync(process.execPath, [...tsx, 'tools/synth-geodata.ts', '--copies', String(k), '--out', out], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (s.status !== 0) throw new Error(`synth k=${k} failed: ${s.stderr}`);
  }
  const dbPath = join(out, 'atlas.sqlite');
  const env = { ...process.env, GEODATA_DIR: join(out, 'geodata'), ATLAS_CURATED_DIR: join(out, 'curated'), ATLAS_DB: dbPath };
  const started = performance.now();
  const b = spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M cpu_s=%U+%S', process.execPath, ...tsx, 'server/cli/build-data.ts'], { cwd: PROJECT_ROOT, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallS = (performance.now() - started) / 1000;
  if (b.status !== 0) throw new Error(`build k=${k} failed: ${b.stderr}`);
  const rssMB = Number(/maxrss_kb=(\d+)/.exec(b.stderr)?.[1] ?? NaN) / 1024;
  const cpu = /cpu_s=([\d.]+)\+([\d.]+)/.exec(b.stderr);
  const lsoas = Number(/lsoas (\d+)/.exec(b.stdout)?.[1] ?? NaN);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.error(`k=${k}: build ${wallS.toFixed(1)} s wall, ${rssMB.toFixed(0)} MB peak RSS (load ${load})`);
  // The build's own account of its phases and tiles (server/pipeline/phases.ts).
  for (const line of b.stdout.split('\n').filter((l) => /^\s+(phase|tiles):/.test(l))) console.error(`k=${k}: ${line.trim()}`);
  const served = await serve(out, env);
  console.error(`k=${k}: start ${served.startS.toFixed(1)} s (CPU ${served.startCpuS.toFixed(1)} s), idle ${served.idleMB.toFixed(0)} MB, search p99 ${served.searchP99.toFixed(1)} ms`);
  rows.push({ k, lsoas, wallS, cpuS: Number(cpu?.[1]) + Number(cpu?.[2]), rssMB, dbMB: statSync(dbPath).size / 1e6, ...served });
}

const base = rows.find((r) => r.k === 4) ?? rows[0];
const f1 = (n: number) => n.toFixed(1);
console.log(`load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
console.log(`| k | LSOAs | build wall | build CPU | CPU vs linear from k=${base.k} | build peak RSS | DB | start (CPU) | idle RSS | LSOA layer gzip | first items page | look-up p99 | search p99 | search CPU per request | parish-by-name p99 |`);
console.log('|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const r of rows)
  console.log(
    `| ${r.k} | ${r.lsoas.toLocaleString('en-GB')} | ${f1(r.wallS)} s | ${f1(r.cpuS)} s | ${(r.cpuS / r.k / (base.cpuS / base.k)).toFixed(2)}× | ${r.rssMB.toFixed(0)} MB | ${f1(r.dbMB)} MB | ${f1(r.startS)} s (${f1(r.startCpuS)} s) | ${r.idleMB.toFixed(0)} MB | ${(r.lsoaGzipMB).toFixed(2)} MB | ${r.itemsMs.toFixed(0)} ms | ${f1(r.lookupP99)} ms | ${f1(r.searchP99)} ms | ${f1(r.searchCpuMs)} ms | ${f1(r.parishP99)} ms |`,
  );
console.log(`\nReplicas and databases are in ${work}; delete it when done.`);
