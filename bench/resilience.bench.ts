// Benchmark for issue 9 (hardening), against the real server process: the worst latency of cached
// GETs while a 100,000-row register is imported (target < 100 ms), peak RSS growth per 5 MB upload
// (target < 150 MB), how fast a 100,000-column CSV is refused, cached reads during a flood of new
// variants, and a battery of hostile requests with the count of 5xx answers (target 0).
import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAtlas } from './servers.ts';

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const registersDir = mkdtempSync(join(tmpdir(), 'atlas-bench-resilience-'));
const atlas = await startAtlas(log, { ATLAS_REGISTERS_DB: join(registersDir, 'registers.sqlite') });

interface Answer {
  status: number;
  ms: number;
  headers: Record<string, unknown>;
  body: string;
}

function send(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${atlas.url}${path}`, { method, headers: { 'Accept-Encoding': 'br', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t, headers: res.headers, body: Buffer.concat(chunks).toString('latin1') }));
    });
    req.on('error', (e) => reject(new Error(`${method} ${path}: ${e.message} after ${Math.round(performance.now() - t)} ms`)));
    req.end(body);
  });
}
const admin = { Authorization: `Bearer ${atlas.adminToken}` };
const upload = (name: string, csv: string) => send('POST', `/api/registers?register=${name}`, csv, { ...admin, 'Content-Type': 'text/csv' });

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${atlas.pid}/status`, 'utf8'))![1]) / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** `rows` groups by coordinates in the county, each line padded so the file is about `bytes` long. */
function registerCsv(rows: number, bytes = 0): string {
  const pad = bytes ? Math.max(0, Math.floor(bytes / rows) - 36) : 0;
  const lines = ['name,category,lon,lat,summary'];
  for (let i = 0; i < rows; i++) lines.push(`Group ${i},${i % 2 ? 'sport' : 'arts'},${(-1.2 + (i % 50) * 0.001).toFixed(4)},${(52.7 + (i % 47) * 0.001).toFixed(4)},${'x'.repeat(pad)}`);
  return lines.join('\n') + '\n';
}

// Cached representations a map client reads all the time.
const parishes = await send('GET', '/api/layers/parishes.geojson?properties=code&precision=1', undefined, { 'Accept-Encoding': 'identity' });
const area = (JSON.parse(parishes.body) as { features: { id: string }[] }).features[0].id;
const CACHED = ['/api/layers/parishes.geojson', '/api/layers/wards.geojson', `/api/areas/${area}`, `/api/areas/${area}/services`];

/**
 * Cached GETs from `clients` sequential loops until `until` settles. A read whose ETag differs from
 * the last one for its URL was rebuilt (an import changed the group counts), so it is counted apart.
 */
async function readWhile(until: Promise<unknown>, clients = 4): Promise<{ ms: number[]; rebuilt: number[]; bad: number }> {
  let done = false;
  until.finally(() => (done = true));
  const ms: number[] = [];
  const rebuilt: number[] = [];
  let bad = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; !done; i++) {
        const path = CACHED[i % CACHED.length];
        const known = etags.get(path); // as it was when this read was sent
        const a = await send('GET', path);
        const etag = String(a.headers.etag);
        (known === etag ? ms : rebuilt).push(a.ms);
        etags.set(path, etag);
        if (a.status !== 200) bad++;
      }
    }),
  );
  return { ms, rebuilt, bad };
}
const etags = new Map<string, string>();
async function warm() {
  for (const path of CACHED) etags.set(path, String((await send('GET', path)).headers.etag));
}
await warm();

const out: string[] = ['### Hardening (issue 9)', ''];

// 1. Cached reads, quiet, then during a 100,000-row import.
const quiet = await readWhile(new Promise((r) => setTimeout(r, 3000)));
const csv100k = registerCsv(100_000);
let importMs = 0;
const importing = upload('bench-100k', csv100k).then((a) => ((importMs = a.ms), a));
const during = await readWhile(importing);
const imported = await importing;
if (imported.status !== 201) throw new Error(`the 100k import failed: ${imported.status} ${imported.body.slice(0, 300)}`);
out.push(
  `Cached GETs (${CACHED.length} URLs, 4 sequential clients, brotli):`,
  '',
  '| while | reads | median ms | p99 ms | worst ms |',
  '|---|---:|---:|---:|---:|',
  `| idle (3 s) | ${quiet.ms.length} | ${f(median(quiet.ms))} | ${f(pct(quiet.ms, 0.99))} | ${f(Math.max(...quiet.ms))} |`,
  `| importing 100,000 rows (${(csv100k.length / 1e6).toFixed(1)} MB CSV, ${(importMs / 1000).toFixed(1)} s) | ${during.ms.length} | ${f(median(during.ms))} | ${f(pct(during.ms, 0.99))} | ${f(Math.max(...during.ms))} |`,
  '',
  `Reads that had to rebuild their answer once the import landed (new group counts, new ETag): ${during.rebuilt.length}, worst ${during.rebuilt.length ? f(Math.max(...during.rebuilt)) : '–'} ms. Non-200 answers: ${quiet.bad + during.bad}.`,
  '',
);

// 1b. Groups of the 100,000-row register fetched whole by 4 clients (4 variants, so bodies are built
// and evicted, not only served from the cache) while cached reads are timed; RSS peak, then settled
// after the register is deleted (issue 22: each such GET used to block the server for 1.9-4.2 s).
{
  const rssStart = rssMb();
  let peak = rssStart;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
  const variants = ['', '&category=arts', '&category=sport', '&layer=parishes'];
  let fetched = 0;
  let groupsWorst = 0;
  const flood = Promise.all(
    variants.map(async (v) => {
      for (let i = 0; i < 3; i++) {
        const a = await send('GET', `/api/groups.geojson?register=bench-100k${v}`);
        if (a.status !== 200) throw new Error(`groups.geojson answered ${a.status}`);
        fetched++;
        groupsWorst = Math.max(groupsWorst, a.ms);
      }
    }),
  );
  const reads = await readWhile(flood);
  clearInterval(sampler);
  await send('DELETE', '/api/registers/bench-100k', undefined, admin);
  await new Promise((r) => setTimeout(r, 2500)); // under the server's 5 s keep-alive timeout, so the next request does not race its close
  out.push(
    `Cached GETs while 4 clients fetched groups.geojson of the 100,000-row register whole (${fetched} answers, slowest ${f(groupsWorst)} ms): ${reads.ms.length} reads, median ${f(median(reads.ms))} ms, p99 ${f(pct(reads.ms, 0.99))} ms, worst ${f(Math.max(...reads.ms))} ms. RSS ${f(rssStart)} MB before, peak ${f(peak)} MB, ${f(rssMb())} MB 2.5 s after deleting the register.`,
    '',
  );
}

// 2. Peak RSS growth per 5 MB upload (sampled every 10 ms), three times, then after deleting the register.
const csv5mb = registerCsv(100_000, 5_000_000);
const growth: number[] = [];
for (let run = 0; run < 3; run++) {
  const before = rssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 10);
  const a = await upload('bench-5mb', csv5mb);
  clearInterval(sampler);
  if (a.status !== 201 && a.status !== 200) throw new Error(`the 5 MB import failed: ${a.status} ${a.body.slice(0, 300)}`);
  growth.push(peak - before);
}
await send('DELETE', '/api/registers/bench-5mb', undefined, admin);
out.push(
  `Peak RSS growth per ${(csv5mb.length / 1e6).toFixed(2)} MB upload (100,000 rows; sampled every 10 ms): ${growth.map((g) => `${f(g)} MB`).join(', ')} (median ${f(median(growth))} MB); RSS ${f(rssMb())} MB after deleting the register.`,
  '',
);

// 3. A 100,000-column CSV.
const wide = ['name', 'category', 'postcode', ...Array.from({ length: 100_000 }, (_, i) => `c${i}`)].join(',') + '\nA,arts,LE1 1AA\n';
const wideTimes: number[] = [];
let wideStatus = 0;
for (let run = 0; run < 3; run++) {
  const a = await upload('bench-wide', wide);
  wideTimes.push(a.ms);
  wideStatus = a.status;
}
out.push(`A ${(wide.length / 1e3).toFixed(0)} kB CSV with 100,000 columns: answered ${wideStatus} in ${f(median(wideTimes))} ms (median of 3).`, '');

// 4. Cached reads during a flood of 32 new layer variants (warmed again: the imports changed the counts).
await warm();
const variants = Array.from({ length: 32 }, (_, i) => send('GET', `/api/layers/lsoas.geojson?precision=${1 + (i % 6)}&properties=code,name,${['population', 'category', 'district', 'groups'][i % 4]}${i >= 24 ? ',services' : ''}`));
const flood = Promise.all(variants);
const duringFlood = await readWhile(flood);
const floodAnswers = await flood;
out.push(
  `Cached GETs during a flood of 32 new lsoas.geojson variants: ${duringFlood.ms.length} reads (${duringFlood.rebuilt.length} rebuilt), median ${f(median(duringFlood.ms))} ms, worst ${f(Math.max(...duringFlood.ms))} ms; variants answered ${[...new Set(floodAnswers.map((a) => a.status))].join('/')} (slowest ${f(Math.max(...floodAnswers.map((a) => a.ms)))} ms).`,
  '',
);

// 5. Hostile requests: every answer must be below 500.
const deep = '['.repeat(20_000) + '"x"' + ']'.repeat(20_000);
const boundary = 'b';
const form = (parts: string) => [`--${boundary}\r\n${parts}`, { ...admin, 'Content-Type': `multipart/form-data; boundary=${boundary}` }] as const;
const fileField = (name: string) => `Content-Disposition: form-data; name="${name}"; filename="${name}.csv"\r\nContent-Type: text/csv\r\n\r\nname,category,lon,lat\nA,arts,-1.2,52.7\r\n`;
const hostile: [string, string, string | undefined, Record<string, string>][] = [
  ['POST', '/api/registers?register=cut', ...form(`${fileField('f')}`)], // no closing boundary
  ['POST', '/api/registers?register=two', ...form(`${fileField('a')}--${boundary}\r\n${fileField('b')}--${boundary}--\r\n`)],
  ['POST', '/api/registers?register=nob', 'x', { ...admin, 'Content-Type': 'multipart/form-data' }],
  ['POST', '/api/registers?register=deep', `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"name":${deep},"category":"a"}}]}`, { ...admin, 'Content-Type': 'application/geo+json' }],
  ['POST', '/api/registers?register=nul', 'name,category,postcode\nA\u0000,arts,LE1 1AA\n', { ...admin, 'Content-Type': 'text/csv' }],
  ['POST', '/api/registers?register=bad', '{not json', { ...admin, 'Content-Type': 'application/json' }],
  ['POST', '/api/registers?register=bin', '\u0000\u0001\u0002', { ...admin, 'Content-Type': 'application/octet-stream' }],
  ['POST', '/api/registers?register=../x', 'name,category\n', { ...admin, 'Content-Type': 'text/csv' }],
  ['POST', '/api/registers', 'x', { Authorization: 'Bearer wrong', 'Content-Type': 'text/csv' }],
  ['PUT', '/api/registers', undefined, {}],
  ['GET', '/api/registers?foo=1', undefined, {}],
  ['GET', '/ogc/collections/wards/items?datetime=2020-02-30', undefined, {}],
  ['GET', '/ogc/collections/wards/items?datetime=2024-01-01/2020-01-01', undefined, {}],
  ['GET', '/ogc/collections/wards/items?bbox=1,2,3', undefined, {}],
  ['GET', '/ogc/collections/wards/items?limit=99999999999', undefined, {}],
  ['GET', `/api/layers/wards.geojson?registers=${'a,'.repeat(5000)}`, undefined, {}],
  ['GET', '/api/layers/wards.geojson?precision=0', undefined, {}],
  ['GET', '/api/areas/%E0%A4%A', undefined, {}],
  ['GET', `/api/search?q=${'x'.repeat(5000)}`, undefined, {}],
  ['GET', '/api/lookup?postcode=%00', undefined, {}],
  ['POST', '/api/layers', '{}', { 'Content-Type': 'application/json' }],
  ['POST', '/api/lookup', 'x'.repeat(100_000), { 'Content-Type': 'application/json' }],
];
const statuses = [];
for (const [method, path, body, headers] of hostile) statuses.push((await send(method, path, body, headers)).status);
const fivexx = statuses.filter((s) => s >= 500 && s !== 503).length;
out.push(`${hostile.length} hostile requests (broken multipart, deep JSON, NUL, bad dates and boxes, floods of names, bad tokens): ${fivexx} answered 5xx; statuses ${[...new Set(statuses)].sort().join(', ')}; server still healthy: ${(await send('GET', '/api/health')).status === 200}.`);

await atlas.stop();
process.stdout.write(out.join('\n') + '\n');
