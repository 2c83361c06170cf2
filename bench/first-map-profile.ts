// `npx tsx bench/first-map-profile.ts [CLIENT_DIR]`: one cold load of the atlas with the page's CPU
// slowed (FIRST_MAP_SLOWDOWN, default 4), profiled with the DevTools CPU profiler, and prints where
// the main thread spent its time until the first fully drawn map: self time by script and by function.
// A tool for finding what to speed up; bench/first-map.bench.ts is the measurement.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClient, serveAtlas } from './first-map-atlas.ts';
import { launchChromium } from '../tests/support/browser.ts';

const SLOWDOWN = Number(process.env.FIRST_MAP_SLOWDOWN ?? 4);
const atlas = await serveAtlas(process.argv[2] ?? buildClient());
const url = atlas.url;
const browser = await launchChromium();

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };

const TRACE = process.env.TRACE === '1';
type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: Record<string, unknown> };

/** Top-level work on the page's main thread: total per event name, and the long ones in order. */
function summariseTrace(events: TraceEvent[]) {
  // Kept for chrome://tracing or Perfetto.
  const saved = join(tmpdir(), 'atlas-first-map.trace.json');
  writeFileSync(saved, JSON.stringify(events));
  console.log(`trace saved: ${saved}`);
  // The page's renderer (navigating from about:blank may change process): the busiest CrRendererMain.
  const mains = events.filter((e) => e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain');
  const busy = (m: TraceEvent) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X').reduce((a, e) => a + (e.dur ?? 0), 0);
  const main = mains.sort((a, b) => busy(b) - busy(a))[0];
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
  const t0 = nav?.ts ?? Math.min(...onMain.map((e) => e.ts));
  // Only the outermost events: RunTask wraps everything, so take its direct children by nesting.
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const inner = onMain.filter((e) => e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
  const total = new Map<string, number>();
  const top: TraceEvent[] = [];
  for (const t of tasks) {
    const kids = inner.filter((e) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0));
    const outer = kids.filter((k) => !kids.some((o) => o !== k && o.ts <= k.ts && o.ts + (o.dur ?? 0) >= k.ts + (k.dur ?? 0) && (o.dur ?? 0) > (k.dur ?? 0)));
    for (const k of outer) total.set(k.name, (total.get(k.name) ?? 0) + (k.dur ?? 0));
    if ((t.dur ?? 0) > 40_000) top.push({ ...t, args: { kids: outer.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 4).map((k) => `${k.name}${(k.args?.data as { url?: string; functionName?: string })?.url ? ' ' + String((k.args?.data as { url?: string }).url).replace(/^.*\//, '') : ''} ${((k.dur ?? 0) / 1000).toFixed(0)}`) } });
  }
  // Every thread's busy time (top-level tasks) per 500 ms, to see who works while the map waits.
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, String((e.args as { name?: string }).name)]));
  const perThread = new Map<string, number[]>();
  for (const e of events.filter((x) => x.ph === 'X' && (x.name === 'RunTask' || x.name === 'ThreadControllerImpl::RunTask' || x.name === 'WorkerThread::Run' || x.name === 'ThreadPool_RunTask'))) {
    const key = `${names.get(`${e.pid}:${e.tid}`) ?? '?'} ${e.pid}:${e.tid}`;
    const row = perThread.get(key) ?? [];
    const b = Math.max(0, Math.floor((e.ts - t0) / 500_000));
    row[b] = (row[b] ?? 0) + (e.dur ?? 0) / 1000;
    perThread.set(key, row);
  }
  for (const [k, row] of perThread) if (row.reduce((a, x) => a + (x ?? 0), 0) > 100) console.log(k.padEnd(40), Array.from(row, (x) => String(Math.round(x ?? 0)).padStart(4)).join(' '));
  // The sampling profiles of every thread (the map's web worker among them): self time by function.
  type Chunk = { cpuProfile?: { nodes?: { id: number; callFrame: { functionName: string; url: string } }[]; samples?: number[] }; timeDeltas?: number[] };
  const profNodes = new Map<string, Map<number, string>>();
  const profSelf = new Map<string, Map<string, number>>();
  // Chunks come from the profiler's own thread; the Profile event with the same id names the thread profiled.
  const profiled = new Map(events.filter((x) => x.name === 'Profile').map((x) => [(x as { id?: string }).id, `${names.get(`${x.pid}:${x.tid}`) ?? '?'} ${x.pid}:${x.tid}`]));
  for (const e of events.filter((x) => x.name === 'ProfileChunk')) {
    const key = profiled.get((e as { id?: string }).id) ?? '?';
    const d = (e.args as { data?: Chunk }).data ?? {};
    const nodes = profNodes.get(key) ?? new Map<number, string>();
    profNodes.set(key, nodes);
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, `${n.callFrame.functionName || '(anon)'} ${(n.callFrame.url ?? '').replace(/^.*\//, '')}`);
    const self = profSelf.get(key) ?? new Map<string, number>();
    profSelf.set(key, self);
    (d.cpuProfile?.samples ?? []).forEach((id, i) => {
      const name = nodes.get(id) ?? String(id);
      self.set(name, (self.get(name) ?? 0) + (d.timeDeltas?.[i] ?? 0));
    });
  }
  for (const [k, self] of profSelf) {
    const busy = [...self].filter(([n]) => !n.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
    if (busy < 100_000) continue;
    console.log(`\n${k}: ${(busy / 1000).toFixed(0)} ms sampled busy; top self:`);
    for (const [n, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${n}`);
  }
  console.log('main-thread totals (ms):', [...total].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(', '));
  for (const t of top) console.log(`${((t.ts - t0) / 1000).toFixed(0).padStart(6)} +${((t.dur ?? 0) / 1000).toFixed(0).padStart(4)} ms  ${(t.args?.kids as string[]).join(' | ')}`);
}

async function load(profile: boolean) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
  const events: TraceEvent[] = [];
  if (TRACE) {
    cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { categories: 'disabled-by-default-v8.cpu_profiler,devtools.timeline,blink.user_timing,v8,v8.execute,blink,loading,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  } else if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url + (process.env.FIRST_MAP_PATH ?? '/'));
  await page.waitForFunction(() => document.body.dataset.firstIdle, undefined, { timeout: 60_000 });
  const marks = await page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) out[m.name] = Math.round(m.startTime);
    for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) out[`${new URL(e.name).pathname.slice(0, 60)} ${Math.round(e.startTime)}→`] = Math.round(e.responseEnd);
    out.firstIdle = Number(document.body.dataset.firstIdle);
    // The shader programs compiled for the first map (each a synchronous compile on software WebGL).
    const painter = (window as unknown as { atlas?: { maplibre(): { painter: { programCache?: { programs: Record<string, unknown> } } } | null } }).atlas?.maplibre()?.painter?.programCache;
    Object.keys(painter?.programs ?? {}).forEach((k, i) => (out[`program ${k}`] = i));
    return out;
  });
  let prof: Profile | null = null;
  if (TRACE) {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    summariseTrace(events);
  } else if (profile) prof = (await cdp.send('Profiler.stop')).profile as unknown as Profile;
  await context.close();
  return { marks, prof };
}

await load(false); // warm the server
const { marks, prof } = await load(true);
console.log(marks);
if (prof) {
  writeFileSync('/tmp/fm/last.cpuprofile', JSON.stringify(prof));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof!.timeDeltas[i] ?? 0)));
  const byScript = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const script = n.callFrame.url.replace(/^.*\//, '') || `(${n.callFrame.functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + us);
    const fn = `${n.callFrame.functionName || '(anon)'} ${script}:${n.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  // A timeline: what the main thread did in each 100 ms from the profile's start (≈ navigation).
  let t = 0;
  const buckets = new Map<number, Map<string, number>>();
  prof.samples.forEach((id, i) => {
    t += prof!.timeDeltas[i] ?? 0;
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}`;
    const b = buckets.get(Math.floor(t / 100_000)) ?? new Map<string, number>();
    b.set(key, (b.get(key) ?? 0) + (prof!.timeDeltas[i] ?? 0));
    buckets.set(Math.floor(t / 100_000), b);
  });
  for (const [b, m] of [...buckets].sort((x, y) => x[0] - y[0])) console.log(`${String(b * 100).padStart(5)} ms: ${[...m].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, us]) => `${k} ${(us / 1000).toFixed(0)}`).join(' | ')}`);
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`).join('\n');
  console.log('\nself time by script (main thread, until first idle + a little):\n' + top(byScript, 15));
  console.log('\nself time by function:\n' + top(byFn, 40));
}
await browser.close();
atlas.close();
