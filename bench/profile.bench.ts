// Benchmark for issue 21, "your own areas": POST /api/profile with a district-sized polygon (the union
// of a district's parishes, one district per call in turn), over real HTTP to the real server (npm
// start's entry point). Server time is the server's own Server-Timing (working out and writing the
// answer); wall time is at the client. Target: p99 server time ≤ 50 ms.
// `npx tsx bench/profile.bench.ts` (or `npm run bench -- profile`); prints a Markdown table.
import { readFileSync } from 'node:fs';
import { startAtlas } from './servers.ts';

const RUNS = 350;
const WARM = 14;
const atlas = await startAtlas((line) => process.stderr.write(`[bench] ${line}\n`));

type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] } | { type: 'Point' };
const parishes = (await (await fetch(`${atlas.url}/api/layers/parishes.geojson?precision=6`)).json()) as { features: { properties: { district_code: string }; geometry: Geometry }[] };
const byDistrict = new Map<string, number[][][][]>();
for (const f of parishes.features) {
  const g = f.geometry;
  if (g.type === 'Point') continue;
  const list = byDistrict.get(f.properties.district_code) ?? [];
  list.push(...(g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
  byDistrict.set(f.properties.district_code, list);
}
const bodies = [...byDistrict].map(([district, polygons]) => ({ district, vertices: polygons.flat(2).length, body: JSON.stringify({ geometry: { type: 'MultiPolygon', coordinates: polygons } }) }));

async function call(body: string): Promise<{ server: number; wall: number; population: number }> {
  const t = performance.now();
  const res = await fetch(`${atlas.url}/api/profile`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' }, body });
  const answer = (await res.json()) as { population: number };
  const wall = performance.now() - t;
  if (!res.ok) throw new Error(`POST /api/profile answered ${res.status}`);
  const server = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]);
  return { server, wall, population: answer.population };
}

const first = await call(bodies[0].body);
for (let i = 0; i < WARM; i++) await call(bodies[i % bodies.length].body);
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await call(bodies[i % bodies.length].body));
const at = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const server = runs.map((r) => r.server);
const wall = runs.map((r) => r.wall);
const vertices = bodies.map((b) => b.vertices);
const residents = runs.slice(0, bodies.length).map((r) => r.population);

console.log(`\n### Your own areas: a district-sized custom area (${new Date().toISOString().slice(0, 10)}, node ${process.version}, load ${load()})\n`);
console.log(
  `Each call posts one district's parishes as a MultiPolygon (${bodies.length} districts in turn; ${Math.min(...vertices).toLocaleString('en-GB')}–${Math.max(...vertices).toLocaleString('en-GB')} positions; ${Math.min(...residents).toLocaleString('en-GB')}–${Math.max(...residents).toLocaleString('en-GB')} residents), ${RUNS} calls after ${WARM} warm-up ones, one at a time. Server time is the server's Server-Timing header; wall time is at the client.\n`,
);
console.log('| ask | first (cold) server | server p50 | server p99 | wall p50 | wall p99 | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
console.log(`| POST /api/profile, a district | ${first.server.toFixed(1)} ms | ${at(server, 0.5).toFixed(1)} ms | ${at(server, 0.99).toFixed(1)} ms | ${at(wall, 0.5).toFixed(1)} ms | ${at(wall, 0.99).toFixed(1)} ms | p99 server ≤ 50 ms |`);
await atlas.stop();
