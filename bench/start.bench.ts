// Server start-up, database already built: from spawning the process to its first 200 from
// /api/health (the first answer) and to its first area answer (group counts included), for `npm start` (plain Node over the ahead-of-time compiled, bundled
// dist/server) and for the same server transpiled at run time by tsx. Also the CPU the process had
// used by its first answer (from /proc), which other work on the machine disturbs less than wall time.
// Alternating runs; prints a Markdown table of medians.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../server/config/config.ts';
import { LAYERS } from '../server/registry/layers.ts';
import { ensureDatabase } from '../server/prepare.ts';
import { AtlasStore } from '../server/store/atlas-store.ts';
import { cpuSeconds, median } from './measure.ts';
import { freePort, rawGet } from './servers.ts';

const RUNS = Number(process.env.BENCH_START_RUNS ?? 5);
ensureDatabase(loadConfig(), () => {});
const store = new AtlasStore(loadConfig().dbPath);
const areaPath = `/api/areas/${store.areas(LAYERS[0].id).find((a) => a.geometry.type !== 'Point')!.code}?layer=${LAYERS[0].id}`;
store.close();
const clientDir = mkdtempSync(join(tmpdir(), 'atlas-bench-start-'));
writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>benchmark</title>');

interface Start {
  firstMs: number;
  firstCpuMs: number;
  areaMs: number;
}

async function startOnce(args: string[]): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ATLAS_CLIENT_DIR: clientDir }, stdio: 'ignore' });
  const until = async (path: string) => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      if (await rawGet(`http://127.0.0.1:${port}${path}`).then((r) => r.status === 200, () => false)) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    const firstMs = await until('/api/health');
    const firstCpuMs = cpuSeconds([child.pid!]) * 1000;
    const areaMs = await until(areaPath);
    return { firstMs, firstCpuMs, areaMs };
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

const ways: [string, string[]][] = [
  ['`npm start` (node scripts/start.js → bundled dist/server)', ['scripts/start.js']],
  ['tsx server/main.ts (transpiled at run time)', ['--import', 'tsx', 'server/main.ts']],
];
await startOnce(ways[0][1]); // compiles dist/server if it is missing, outside the measured runs
const load = loadavg()[0];
const times = ways.map(() => [] as Start[]);
for (let i = 0; i < RUNS; i++) for (const [k, [, args]] of ways.entries()) times[k].push(await startOnce(args));

const ms = (xs: number[]) => `${Math.round(median(xs)).toLocaleString('en-GB')} ms`;
console.log(`\n### Server start, database built (${new Date().toISOString().slice(0, 10)}, node ${process.version}, load average ${load.toFixed(1)} at the start)\n`);
console.log('| how | to first answer (median) | min | max | CPU by first answer | to first area answer | runs |');
console.log('|---|--:|--:|--:|--:|--:|--:|');
ways.forEach(([name], k) => {
  const t = times[k];
  const first = t.map((x) => x.firstMs);
  console.log(`| ${name} | ${ms(first)} | ${Math.round(Math.min(...first))} ms | ${Math.round(Math.max(...first))} ms | ${ms(t.map((x) => x.firstCpuMs))} | ${ms(t.map((x) => x.areaMs))} | ${RUNS} |`);
});
