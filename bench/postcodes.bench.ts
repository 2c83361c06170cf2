// Benchmark for issue 21, "many postcodes at once": POST /api/postcodes with 10,000 county postcodes
// (target ≤ 500 ms), over real HTTP to the real server (npm start's entry point, bench/servers.ts). The
// first call meets unprepared polygons and unread services; later calls are each a fresh spread of
// 10,000 postcodes, as different users send.
// `npx tsx bench/postcodes.bench.ts` (or `npm run bench -- postcodes`); prints a Markdown table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../server/config/config.ts';
import { cpuSeconds } from './measure.ts';
import { startAtlas } from './servers.ts';

const N = 10_000;
const RUNS = 21;
const atlas = await startAtlas((line) => process.stderr.write(`[bench] ${line}\n`));
const url = atlas.url;

// Every postcode of the shared file, and each run takes a different stride through them (deterministic).
const all = readFileSync(join(loadConfig().geodataDir, 'postcodes', 'postcodes-leicestershire.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(',')[0]);
const list = (run: number) => Array.from({ length: N }, (_, i) => all[(i * 7919 + run * 104_729) % all.length]);

async function call(postcodes: string[]): Promise<{ ms: number; cpuMs: number; bytes: number }> {
  const body = JSON.stringify({ postcodes });
  const cpu = cpuSeconds([atlas.pid]);
  const t = performance.now();
  const res = await fetch(`${url}/api/postcodes`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' }, body });
  const bytes = (await res.arrayBuffer()).byteLength;
  if (!res.ok) throw new Error(`POST /api/postcodes answered ${res.status}`);
  const ms = performance.now() - t;
  return { ms, cpuMs: (cpuSeconds([atlas.pid]) - cpu) * 1000, bytes };
}

const first = await call(list(0));
const runs = [];
for (let i = 1; i <= RUNS; i++) runs.push(await call(list(i)));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const ms = runs.map((r) => r.ms);

console.log(`\n### Many postcodes at once (${new Date().toISOString().slice(0, 10)}, node ${process.version}, load ${load()})\n`);
console.log(`${all.length.toLocaleString('en-GB')} postcodes in the file; each run posts ${N.toLocaleString('en-GB')} of them (a different spread each run), answered over HTTP by the server as npm start runs it; times are wall time at the client (transfer included), CPU is the server process's.\n`);
console.log('| ask | first (cold) | median | p99 (max of runs) | CPU median | answer | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
console.log(
  `| POST /api/postcodes, ${N.toLocaleString('en-GB')} postcodes | ${first.ms.toFixed(0)} ms | ${at(ms, 0.5).toFixed(0)} ms | ${at(ms, 0.99).toFixed(0)} ms | ${at(runs.map((r) => r.cpuMs), 0.5).toFixed(0)} ms | ${(runs[0].bytes / 1048576).toFixed(1)} MB | ≤ 500 ms |`,
);
await atlas.stop();
