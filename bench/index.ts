// `npm run bench`: starts the real atlas server (as `npm start` does) and the peers the cases name (a
// plain-Node replay, nginx over a static export, PostGIS; a peer that cannot run here is skipped with
// a line saying why), measures every bench/*.http.bench.ts section with autocannon in alternating
// runs, then runs the self-contained bench/*.bench.ts scripts, and prints Markdown. BENCH_RUNS (default 5), BENCH_SECONDS (3) and BENCH_CONNECTIONS (10) tune the
// HTTP sections; an argument keeps only the files whose name contains it (`npm run bench -- groups`),
// and BENCH_CASES (a regular expression) only the HTTP cases whose name matches it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NGINX, startNginx } from '../deploy/nginx-runner.ts';
import { loadConfig } from '../server/config/config.ts';
import { exportFrom } from '../server/export/static-export.ts';
import { AtlasStore } from '../server/store/atlas-store.ts';
import { compare, type RunSettings, type Target } from './measure.ts';
import { mapserverMissing, startMapserverPeer } from './mapserver-peer.ts';
import { postgisMissing, startPostgisPeer } from './postgis-peer.ts';
import { table, type Row } from './report.ts';
import type { BenchSection, Peer } from './section.ts';
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

/** nginx over a static export of exactly the paths the cases ask for, proxying the rest to the atlas. */
async function nginxPeer(atlasUrl: string, paths: string[]): Promise<{ target: Target; stop(): Promise<void> } | null> {
  if (!existsSync(NGINX)) {
    log(`nginx peer skipped: ${NGINX} is not installed (apt-get install nginx-light)`);
    return null;
  }
  const root = mkdtempSync(join(tmpdir(), 'atlas-bench-export-'));
  const r = await exportFrom(atlasUrl, paths, root, { origin: atlasUrl, clientDir: null });
  log(`static export for nginx: ${r.files} answers in ${root}`);
  const nginx = await startNginx({ root, appHost: new URL(atlasUrl).host });
  log(`nginx peer (deploy/nginx.conf, 1 worker${nginx.brotli ? '' : ', no brotli_static module'}) pid ${nginx.pid} on ${nginx.url}`);
  return {
    target: { name: 'nginx (static export)', url: nginx.url, pids: [nginx.pid] },
    stop: async () => {
      await nginx.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function postgisPeer(): Promise<{ target: Target; stop(): Promise<void> } | null> {
  const missing = postgisMissing();
  if (missing) {
    log(`PostGIS peer skipped: ${missing}`);
    return null;
  }
  const store = new AtlasStore(loadConfig().dbPath);
  try {
    const peer = await startPostgisPeer(store, log);
    return { target: { name: 'PostGIS 3 + node-postgres', url: peer.url, pids: peer.pids }, stop: () => peer.stop() };
  } finally {
    store.close();
  }
}

async function mapserverPeer(atlasUrl: string): Promise<{ target: Target; stop(): Promise<void> } | null> {
  const missing = mapserverMissing();
  if (missing) {
    log(`MapServer peer skipped: ${missing}`);
    return null;
  }
  const lsoas = await rawGet(`${atlasUrl}/api/layers/lsoas.geojson`);
  const peer = await startMapserverPeer('lsoas', lsoas.body, log);
  return { target: { name: 'MapServer 8 (FastCGI, shapefile) + nginx', url: peer.url, pids: peer.pids, path: peer.path }, stop: () => peer.stop() };
}

async function httpSections(): Promise<string[]> {
  const sections = await Promise.all(httpFiles.map(async (file) => ({ file, section: (await import(pathToFileURL(`${here}/${file}`).href)).default as BenchSection })));
  const atlas = await startAtlas(log);
  const reference = await startReference(log);
  const stops: (() => Promise<void>)[] = [atlas.stop, reference.stop];
  try {
    const env = {
      atlasUrl: atlas.url,
      adminToken: atlas.adminToken,
      getJson: async <T>(path: string) => JSON.parse((await rawGet(atlas.url + path)).body.toString()) as T,
    };
    const only = process.env.BENCH_CASES ? new RegExp(process.env.BENCH_CASES) : null;
    const planned = await Promise.all(sections.map(async ({ file, section }) => ({ file, section, cases: (await section.cases(env)).filter((c) => !only || only.test(c.name)) })));
    const all = planned.flatMap((p) => p.cases);
    const wants = (peer: Peer) => all.some((c) => (c.peers ?? ['reference']).includes(peer));
    const nginx = wants('nginx') ? await nginxPeer(atlas.url, [...new Set(all.filter((c) => c.peers?.includes('nginx')).flatMap((c) => c.paths))]) : null;
    if (nginx) stops.push(nginx.stop);
    const postgis = wants('postgis') ? await postgisPeer() : null;
    if (postgis) stops.push(postgis.stop);
    const mapserver = wants('mapserver') ? await mapserverPeer(atlas.url) : null;
    if (mapserver) stops.push(mapserver.stop);
    const targets: Record<Peer, Target | null> = {
      reference: { name: 'node:http replay', url: reference.url, pids: [reference.pid] },
      nginx: nginx?.target ?? null,
      postgis: postgis?.target ?? null,
      mapserver: mapserver?.target ?? null,
    };
    const atlasTarget: Target = { name: 'atlas', url: atlas.url, pids: [atlas.pid] };

    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const out = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, Node ${process.version}; autocannon on the same machine,`,
      `median of ${settings.runs} runs × ${settings.seconds} s per server (servers alternate within each round; a 1 s warm-up each is not counted).`,
      'CPU µs/req is the user + system time of the server\'s processes (with children) from /proc, divided by the requests answered.',
    ];
    for (const { file, section, cases } of planned) {
      log(`section ${file}: ${section.title}`);
      const rows: Row[] = [];
      for (const c of cases) {
        const replies = await capture(atlas.url, c);
        const peers = (c.peers ?? ['reference']).map((p) => targets[p]).filter((t): t is Target => t !== null);
        if (c.peers === undefined || c.peers.includes('reference')) await reference.load(replies);
        const bytes = [...replies.values()].reduce((sum, x) => sum + x.body.length, 0) / replies.size;
        for (const connections of c.connections ?? [settings.connections]) {
          log(`  ${c.name}, ${connections} connections`);
          const ms = await compare(c, [atlasTarget, ...peers], settings, connections);
          rows.push({ name: c.name, bytes, connections, servers: [atlasTarget, ...peers].map((t, i) => ({ name: t.name, m: ms[i] })) });
        }
      }
      out.push('', `### ${section.title}`, '', ...(section.description ? [section.description, ''] : []), table(rows));
    }
    return out;
  } finally {
    for (const stop of stops.reverse()) await stop();
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
