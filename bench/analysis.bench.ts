// Benchmark for issue 11: the equity analyses answer from memory. Imports a 200,000-row register
// (postcodes, as a charity extract is geocoded), then times density by IMD decile, reach by decile,
// ranked areas (by density and by the other map values) and the density frame for LSOAs, with no
// cache (target < 20 ms each); then the same over HTTP with the district and filters the Charts tab
// sends: each first call (not warmed ahead, so computed on the spot) and repeated calls, wall and CPU.
// `npx tsx bench/analysis.bench.ts` (or `npm run bench -- analysis`); prints a Markdown table of medians.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { densityByDecile, rankedByDensity, reachByDecile } from '../server/analysis/by-deprivation.ts';
import { densityContext } from '../server/analysis/density-context.ts';
import { rankedBy, rankLines } from '../server/analysis/ranked.ts';
import { loadConfig } from '../server/config/config.ts';
import { createApp } from '../server/http/app.ts';
import { createContext } from '../server/http/context.ts';
import { analysisTables } from '../server/http/controllers/analysis.ts';
import { toAreaFilter } from '../server/http/controllers/area-params.ts';
import { filterAreas } from '../server/store/area-query.ts';
import { ensureDatabase } from '../server/prepare.ts';
import { GroupRegisters } from '../server/registers/group-registers.ts';
import { RegisterDb } from '../server/registers/register-db.ts';
import { AtlasStore } from '../server/store/atlas-store.ts';

const N = 200_000;
const config = loadConfig();
ensureDatabase(config, () => {});
const store = new AtlasStore(config.dbPath);
const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-analysis-'));
const registers = new GroupRegisters(store, new RegisterDb(join(dir, 'registers.sqlite')));

// Every county postcode in turn, so the run is deterministic.
const postcodes = store.postcodesStartingWith('', 100_000).filter((p) => store.containing(p.lon, p.lat).length > 0);
const csv = 'name,category,postcode\n' + Array.from({ length: N }, (_, i) => `Charity ${i},charity,${postcodes[(i * 7919) % postcodes.length].postcode}`).join('\n') + '\n';

/** Median of the runs, and the first run (cold: exact intervals not yet remembered). */
function median(runs: number, fn: () => void): { ms: number; runs: number; first: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], runs, first };
}

const rows: [string, { ms: number; runs: number; first: number }, string][] = [];
rows.push([`import a ${N.toLocaleString('en-GB')}-row register by postcode (in process: parse, geocode, locate, store)`, median(1, () => registers.import({ register: 'bench', format: 'csv', content: csv, fileName: 'bench.csv', comparison: 'registered_charities' })), '']);

const lsoas = store.areas('lsoas');
// A fresh sum of the register's counts each run, as after an import (no count cache).
const counts = () => new Map(registers.counts('lsoas', ['bench']));
rows.push([`count the register into LSOAs and pool by IMD 2025 decile (${lsoas.length} LSOAs)`, median(21, () => densityByDecile(lsoas, counts())), 'target < 20 ms']);
rows.push(['service reach by IMD decile (7 services × 10 deciles)', median(21, () => reachByDecile(lsoas)), 'target < 20 ms']);
rows.push(['LSOAs ranked by density with exact intervals', median(21, () => rankedByDensity(lsoas, counts())), 'target < 20 ms']);
rows.push(['density frame: county and 7 district rates, reference fit', median(21, () => densityContext(store, registers, 'lsoas', { counted: ['bench'], counts: counts() })), 'target < 20 ms']);

const harborough = store.districts.find((d) => d.name === 'Harborough')!.code;
const filtered = () => filterAreas(store, 'lsoas', toAreaFilter({ district: [harborough], service_absent: ['nw'] }, 'lsoas'));
rows.push(['filter (Harborough, no NW) then pool by IMD decile', median(21, () => densityByDecile(filtered(), counts())), 'target < 20 ms']);
rows.push(['filter (IMD decile 1-5) then reach by decile', median(21, () => reachByDecile(filterAreas(store, 'lsoas', toAreaFilter({ imd_decile_max: 5 }, 'lsoas')))), 'target < 20 ms']);
rows.push(['LSOAs ranked by NW coverage share, with county and district lines', median(21, () => (rankedBy('coverage_nw', lsoas), rankLines('coverage_nw', lsoas, store.districts, null))), 'target < 20 ms']);
rows.push(['LSOAs ranked by IMD 2025 decile and rank', median(21, () => rankedBy('imd', lsoas)), 'target < 20 ms']);

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`\n### Equity analyses (${new Date().toISOString().slice(0, 10)}, node ${process.version}, load ${load()})\n`);
console.log('| step | median | first run | runs | note |');
console.log('|---|---:|---:|---:|---|');
for (const [step, r, note] of rows) console.log(`| ${step} | ${r.ms.toFixed(1)} ms | ${r.first.toFixed(1)} ms | ${r.runs} | ${note} |`);

// Over HTTP, as the Charts tab asks: the server's own warm-up done first, then asks it has not worked out.
const ctx = createContext(store, registers, { adminToken: null, basemapStyleUrl: null, clientDir: join(dir, 'none') });
const server = createApp(ctx).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
await analysisTables(ctx).settled();
async function call(path: string): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const res = await fetch(`${url}${path}`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}
for (const path of ['/api/health', '/api/analysis', '/api/health']) await call(path);
const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const districts = store.districts.map((d) => d.code);
/** One shape of ask, once per district: every first call is one the server has not seen (median of 7), then 21 repeats of the last. */
const shapes: [string, (d: string) => string][] = [
  ['density by decile, district + no NW + registers', (d) => `/api/analysis/density-by-imd?district=${d}&service_absent=nw&registers=bench`],
  ['reach by decile, district + category', (d) => `/api/analysis/reach-by-imd?district=${d}&category=general,none`],
  ['LSOAs ranked by NW coverage, district', (d) => `/api/analysis/ranked?layer=lsoas&by=coverage_nw&district=${d}`],
  ['LSOAs ranked by density, district + IMD 1-5', (d) => `/api/analysis/ranked?layer=lsoas&district=${d}&imd_decile_max=5&registers=bench`],
  ['LSOAs ranked by IMD, district, CSV', (d) => `/api/analysis/ranked.csv?layer=lsoas&by=imd&district=${d}`],
];
// One round first with a filter that keeps every LSOA (a different ask, so still a cache miss), so the
// first calls measured below are misses of the analysis tables, not the first run of the code (JIT).
for (const [, path] of shapes) for (const d of districts) await call(`${path(d)}&density_min=0`);
console.log(`\n#### Over HTTP with the Charts tab's parameters (load ${load()})\n`);
console.log('| ask | first call: wall / CPU (median of 7 districts) | repeated: wall / CPU (median of 21) | note |');
console.log('|---|---:|---:|---|');
for (const [name, path] of shapes) {
  const first = [];
  for (const d of districts) first.push(await call(path(d)));
  const again = [];
  for (let i = 0; i < 21; i++) again.push(await call(path(districts[0])));
  console.log(`| ${name} | ${mid(first.map((r) => r.ms)).toFixed(1)} / ${mid(first.map((r) => r.cpuMs)).toFixed(1)} ms | ${mid(again.map((r) => r.ms)).toFixed(1)} / ${mid(again.map((r) => r.cpuMs)).toFixed(1)} ms | target < 20 ms |`);
}
const tables = analysisTables(ctx);
console.log(`\nAnalysis tables held after these asks: ${(tables.size / 1024).toFixed(0)} kB of ${(tables.maxBytes / 1048576).toFixed(0)} MB (least recently used first out).`);
server.close();
registers.close();
store.close();
rmSync(dir, { recursive: true, force: true });
