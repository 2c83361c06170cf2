// Server start-up, database already built: from spawning the process to its first 200 from
// /api/health, for `npm start` (plain Node over the ahead-of-time compiled dist/server) and for the
// same server transpiled at run time by tsx. Alternating runs; prints a Markdown table of medians.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../server/config.ts';
import { ensureDatabase } from '../server/prepare.ts';
import { median } from './measure.ts';
import { freePort, rawGet } from './servers.ts';

const RUNS = Number(process.env.BENCH_START_RUNS ?? 5);
ensureDatabase(loadConfig(), () => {});
const clientDir = mkdtempSync(join(tmpdir(), 'atlas-bench-start-'));
writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>benchmark</title>');

async function startOnce(args: string[]): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ATLAS_CLIENT_DIR: clientDir }, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      if (await rawGet(`http://127.0.0.1:${port}/api/health`).then((r) => r.status === 200, () => false)) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

const ways: [string, string[]][] = [
  ['`npm start` (node scripts/start.js → dist/server)', ['scripts/start.js']],
  ['tsx server/main.ts (transpiled at run time)', ['--import', 'tsx', 'server/main.ts']],
];
await startOnce(ways[0][1]); // compiles dist/server if it is missing, outside the measured runs
const times = ways.map(() => [] as number[]);
for (let i = 0; i < RUNS; i++) for (const [k, [, args]] of ways.entries()) times[k].push(await startOnce(args));

console.log(`\n### Server start, database built (${new Date().toISOString().slice(0, 10)}, node ${process.version})\n`);
console.log('| how | median to first answer | min | max | runs |');
console.log('|---|--:|--:|--:|--:|');
ways.forEach(([name], k) => console.log(`| ${name} | ${Math.round(median(times[k]))} ms | ${Math.round(Math.min(...times[k]))} ms | ${Math.round(Math.max(...times[k]))} ms | ${RUNS} |`));
