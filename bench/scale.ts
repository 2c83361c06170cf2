// `npm run bench:scale [-- 1 4 16 80]`: builds k-fold synthetic replicas of the county (synth:geodata)
// and prints build wall time, peak RSS and database size per k, and how far from linear the build is.
// Each build runs in its own process under GNU time, so peak RSS is the build's own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/config.ts';

const ks = process.argv.slice(2).map(Number).filter((k) => Number.isInteger(k) && k > 0);
const copies = ks.length > 0 ? ks : [1, 4, 16];
const work = mkdtempSync(join(tmpdir(), 'atlas-scale-'));
const tsx = ['--import', 'tsx'];

interface Row {
  k: number;
  lsoas: number;
  wallS: number;
  rssMB: number;
  dbMB: number;
}
const rows: Row[] = [];
for (const k of copies) {
  const out = join(work, `k${k}`);
  if (!existsSync(out)) {
    const s = spawnSync(process.execPath, [...tsx, 'server/build/synth-geodata.ts', '--copies', String(k), '--out', out], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (s.status !== 0) throw new Error(`synth k=${k} failed: ${s.stderr}`);
  }
  const dbPath = join(out, 'atlas.sqlite');
  const env = { ...process.env, GEODATA_DIR: join(out, 'geodata'), ATLAS_CURATED_DIR: join(out, 'curated'), ATLAS_DB: dbPath };
  const started = performance.now();
  const b = spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, ...tsx, 'server/build/cli.ts'], { cwd: PROJECT_ROOT, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallS = (performance.now() - started) / 1000;
  if (b.status !== 0) throw new Error(`build k=${k} failed: ${b.stderr}`);
  const rssMB = Number(/maxrss_kb=(\d+)/.exec(b.stderr)?.[1] ?? NaN) / 1024;
  const lsoas = Number(/lsoas (\d+)/.exec(b.stdout)?.[1] ?? NaN);
  rows.push({ k, lsoas, wallS, rssMB, dbMB: statSync(dbPath).size / 1e6 });
  console.error(`k=${k}: ${wallS.toFixed(1)} s, ${rssMB.toFixed(0)} MB peak RSS`);
}

const base = rows.find((r) => r.k === 4) ?? rows[0];
console.log('| k | LSOAs | build wall | per copy | vs linear from k=' + base.k + ' | build peak RSS | DB |');
console.log('|--:|--:|--:|--:|--:|--:|--:|');
for (const r of rows)
  console.log(
    `| ${r.k} | ${r.lsoas.toLocaleString('en-GB')} | ${r.wallS.toFixed(1)} s | ${(r.wallS / r.k).toFixed(2)} s | ${(r.wallS / r.k / (base.wallS / base.k)).toFixed(2)}× | ${r.rssMB.toFixed(0)} MB | ${r.dbMB.toFixed(1)} MB |`,
  );
console.log(`\nReplicas and databases are in ${work}; delete it when done.`);
