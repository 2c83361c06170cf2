// Benchmark for issue 11: the equity analyses answer from memory. Imports a 200,000-row register
// (postcodes, as a charity extract is geocoded), then times density by IMD decile, reach by decile,
// ranked areas and the density frame for LSOAs, with no cache (target < 20 ms each).
// `npx tsx bench/analysis.bench.ts` (or `npm run bench -- analysis`); prints a Markdown table of medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { densityByDecile, rankedByDensity, reachByDecile } from '../server/analysis/by-deprivation.ts';
import { densityContext } from '../server/analysis/density-context.ts';
import { loadConfig } from '../server/config.ts';
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

console.log(`\n### Equity analyses (${new Date().toISOString().slice(0, 10)}, node ${process.version})\n`);
console.log('| step | median | first run | runs | note |');
console.log('|---|---:|---:|---:|---|');
for (const [step, r, note] of rows) console.log(`| ${step} | ${r.ms.toFixed(1)} ms | ${r.first.toFixed(1)} ms | ${r.runs} | ${note} |`);
registers.close();
store.close();
rmSync(dir, { recursive: true, force: true });
