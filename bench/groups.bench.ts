// Benchmark for issue 5: counting 100,000 community groups into every layer (target ≤ 2 s), the
// R-tree + turf look-up it replaces, reloading a register, and CSV import throughput.
// `npx tsx bench/groups.bench.ts` (or `npm run bench:groups`); prints a Markdown table of medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config/config.ts';
import { LAYERS } from '../server/registry/layers.ts';
import { ensureDatabase } from '../server/prepare.ts';
import type { GroupInput } from '../server/registers/group-input.ts';
import { GroupRegisters } from '../server/registers/group-registers.ts';
import { countByLayer, locateGroup } from '../server/registers/locate-groups.ts';
import { RegisterDb } from '../server/registers/register-db.ts';
import { AtlasStore } from '../server/store/atlas-store.ts';
import { mulberry32 } from './random.ts';

const N = 100_000;
const config = loadConfig();
ensureDatabase(config, () => {});
const store = new AtlasStore(config.dbPath);
const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-groups-'));

const random = mulberry32(5);

// Groups cluster where people live: postcode centroids in the county, jittered by up to ~150 m.
const postcodes = store.postcodesStartingWith('', 100_000).filter((p) => store.containing(p.lon, p.lat).length > 0);
const picks = Array.from({ length: N }, () => postcodes[Math.floor(random() * postcodes.length)]);
const groups: GroupInput[] = picks.map((p, i) => ({
  line: i + 2, name: `Group ${i}`, category: `category ${i % 12}`, locatedBy: 'coordinates', postcode: null, areaCode: null,
  lon: Math.round((p.lon + (random() - 0.5) * 0.004) * 1e6) / 1e6, lat: Math.round((p.lat + (random() - 0.5) * 0.003) * 1e6) / 1e6,
  source: null, url: null, summary: null,
}));
const csv = 'name,category,postcode\n' + picks.map((p, i) => `Group ${i},category ${i % 12},${p.postcode}`).join('\n') + '\n';

function median(runs: number, fn: () => void): { ms: number; runs: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], runs };
}

const registers = new GroupRegisters(store, new RegisterDb(join(dir, 'registers.sqlite')));
const rows: [string, { ms: number; runs: number }, string][] = [];

const count = median(7, () => countByLayer(groups.map((g) => locateGroup(g, store, registers.locator))));
rows.push([`count ${N.toLocaleString('en-GB')} groups into all ${LAYERS.length} layers (grid + exact point-in-polygon)`, count, `target ≤ 2,000 ms; ${Math.round(N / (count.ms / 1000)).toLocaleString('en-GB')} groups/s`]);

const rtree = median(3, () => {
  for (const g of groups) store.containing(g.lon!, g.lat!);
});
rows.push([`same points through AtlasStore.containing (SQLite R-tree + turf)`, rtree, `${(rtree.ms / count.ms).toFixed(1)}× slower than the grid`]);

const imported = median(3, () => registers.import({ register: 'bench', format: 'csv', content: csv, fileName: 'bench.csv' }));
rows.push([`import a ${(csv.length / 1e6).toFixed(1)} MB CSV of ${N.toLocaleString('en-GB')} postcodes (parse, check, geocode, locate, one SQLite transaction)`, imported, `${Math.round(N / (imported.ms / 1000)).toLocaleString('en-GB')} rows/s`]);

const reload = median(3, () => new GroupRegisters(store, new RegisterDb(join(dir, 'registers.sqlite'))).close());
rows.push([`open the registers database and re-locate the ${N.toLocaleString('en-GB')}-group register (server start, or after a CLI import)`, reload, '']);

console.log(`\n### Community group registers (${new Date().toISOString().slice(0, 10)}, node ${process.version})\n`);
console.log('| step | median | runs | note |');
console.log('|---|---:|---:|---|');
for (const [step, r, note] of rows) console.log(`| ${step} | ${r.ms.toFixed(0)} ms | ${r.runs} | ${note} |`);
registers.close();
store.close();
rmSync(dir, { recursive: true, force: true });
