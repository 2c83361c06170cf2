// `npm run bench`: starts the real atlas server and a plain-Node reference server, measures every
// bench/*.http.bench.ts section with autocannon, then runs the self-contained bench/*.bench.ts scripts,
// and prints Markdown. BENCH_RUNS (default 5), BENCH_SECONDS (3) and BENCH_CONNECTIONS (10) tune the
// HTTP sections; an argument keeps only the files whose name contains it (`npm run bench -- groups`).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compare, type RunSettings } from './measure.ts';
import { table, type Row } from './report.ts';
import type { BenchSection } from './section.ts';
import { capture, rawGet, startAtlas, startReference } from './servers.ts';

const here = dirname(fileURLToPath(import.meta.url));
const settings: RunSettings = {
  runs: Number(process.env.BENCH_RUNS ?? 5),
  seconds: Number(process.env.BENCH_SECONDS ?? 3),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
};
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const filter = process.argv[2];
const benchFiles = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
const httpFiles = benchFiles.filter((f) => f.endsWith('.http.bench.ts'));
const scriptFiles = benchFiles.filter((f) => !f.endsWith('.http.bench.ts'));

async function httpSections(): Promise<string[]> {
  const sections = await Promise.all(httpFiles.map(async (file) => ({ file, section: (await import(pathToFileURL(`${here}/${file}`).href)).default as BenchSection })));
  const atlas = await startAtlas(log);
  const reference = await startReference(log);
  try {
    const env = {
      atlasUrl: atlas.url,
      adminToken: atlas.adminToken,
      getJson: async <T>(path: string) => JSON.parse((await rawGet(atlas.url + path)).body.toString()) as T,
    };
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const out = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, Node ${process.version}; autocannon, ${settings.connections} connections,`,
      `median of ${settings.runs} runs × ${settings.seconds} s per server (runs alternate; a 1 s warm-up each is not counted). The reference is a bare`,
      'node:http server replaying the atlas\'s own compressed bytes from memory.',
    ];
    for (const { file, section } of sections) {
      log(`section ${file}: ${section.title}`);
      const rows: Row[] = [];
      for (const c of await section.cases(env)) {
        const replies = await capture(atlas.url, c);
        const withReference = c.reference !== false;
        if (withReference) await reference.load(replies);
        log(`  ${c.name}`);
        const r = await compare(c, atlas.url, withReference ? reference.url : null, settings);
        const bytes = [...replies.values()].reduce((sum, x) => sum + x.body.length, 0) / replies.size;
        rows.push({ name: c.name, bytes, ...r });
      }
      out.push('', `### ${section.title}`, '', ...(section.description ? [section.description, ''] : []), table(rows));
    }
    return out;
  } finally {
    await Promise.all([atlas.stop(), reference.stop()]);
  }
}

/** A self-contained benchmark script, run alone so the servers above do not compete with it. */
function script(file: string): string {
  log(`script ${file}`);
  return execFileSync(process.execPath, ['--import', 'tsx', `${here}/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 }).trim();
}

async function main() {
  if (!benchFiles.length) throw new Error(`no benchmark files match "${filter}"`);
  const out = httpFiles.length ? await httpSections() : [];
  for (const file of scriptFiles) out.push('', script(file));
  process.stdout.write(out.join('\n').trim() + '\n');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
