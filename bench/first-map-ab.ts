// `npx tsx bench/first-map-ab.ts DIR_A DIR_B [DIR…]`: compares built clients (vite build --outDir DIR)
// by time to first map, alternating cold loads of each (one server per client over the same database)
// so machine noise falls on all alike; desktop 1440×900 with the page's CPU slowed
// (FIRST_MAP_SLOWDOWN, default 4), FIRST_MAP_RUNS rounds (default 5). Prints medians of the page's marks
// and, from a trace, the CPU time each thread of the page (main, map worker) and the GPU process spent
// until the first idle: the work itself, which a busy machine stretches far less than the wall clock.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config/config.ts';
import { createApp } from '../server/http/app.ts';
import { createContext } from '../server/http/context.ts';
import { ensureDatabase } from '../server/prepare.ts';
import { openGroupRegisters } from '../server/registers/open-registers.ts';
import { AtlasStore } from '../server/store/atlas-store.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { median } from './measure.ts';

const dirs = process.argv.slice(2);
const RUNS = Number(process.env.FIRST_MAP_RUNS ?? 5);
const SLOWDOWN = Number(process.env.FIRST_MAP_SLOWDOWN ?? 4);
const PHONE = process.env.FIRST_MAP_PHONE === '1';
const base = { ...loadConfig(), registersDbPath: join(mkdtempSync(join(tmpdir(), 'atlas-ab-registers-')), 'registers.sqlite') };
ensureDatabase(base, () => {});
const store = new AtlasStore(base.dbPath);
const groups = openGroupRegisters(base, store);
const servers = await Promise.all(dirs.map(async (clientDir) => {
  const server = createServer(createApp(createContext(store, groups, { ...base, clientDir })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}));
const browser = await launchChromium();

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } };

/** CPU ms (thread time of top-level tasks) of the page's main thread, its workers and the GPU main thread, up to the first-idle mark. */
function cpuUntilFirstIdle(events: TraceEvent[]): Record<string, number> {
  const idle = events.find((e) => e.name === 'atlas-first-idle');
  if (process.env.DEBUG_TRACE) writeFileSync('/tmp/fm/ab.trace.json', JSON.stringify(events));
  if (!idle) return {};
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, String(e.args?.name)]));
  const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts <= idle.ts && e.tdur !== undefined);
  const by = new Map<string, number>();
  for (const t of tasks) {
    const n = names.get(`${t.pid}:${t.tid}`) ?? '';
    const kind = n === 'CrRendererMain' && t.pid === idle.pid ? 'cpu main' : n.startsWith('DedicatedWorker') && t.pid === idle.pid ? 'cpu worker' : n === 'CrGpuMain' ? 'cpu gpu' : null;
    // The task holding the mark goes on after it (the panels are built there): counted up to the mark.
    const share = t.dur && t.ts + t.dur > idle.ts ? (idle.ts - t.ts) / t.dur : 1;
    if (kind) by.set(kind, (by.get(kind) ?? 0) + ((t.tdur ?? 0) * share) / 1000);
  }
  return Object.fromEntries(by);
}

async function once(url: string): Promise<Record<string, number>> {
  const viewport = PHONE ? { width: 390, height: 844 } : { width: 1440, height: 900 };
  const context = await browser.newContext({ viewport, ...(PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (SLOWDOWN !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  await page.goto(url + (process.env.FIRST_MAP_PATH ?? '/'));
  await page.waitForFunction(() => document.body.dataset.firstIdle, undefined, { timeout: 60_000 });
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  const marks = await page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('atlas-')) out[m.name] = m.startTime;
    out['first idle'] = Number(document.body.dataset.firstIdle);
    return out;
  });
  await context.close();
  return { ...marks, ...cpuUntilFirstIdle(events) };
}

for (const s of servers) await once(s.url); // warm-up
const load = loadavg()[0];
const runs: Record<string, number>[][] = dirs.map(() => []);
for (let i = 0; i < RUNS; i++) for (const [k, s] of servers.entries()) runs[k].push(await once(s.url));
console.log(`load average ${load.toFixed(2)} → ${loadavg()[0].toFixed(2)}; ${RUNS} alternating cold loads each, CPU slowed ${SLOWDOWN}×${PHONE ? ', phone' : ''}`);
const keys = Object.keys(runs[0][0]).sort((a, b) => (a.startsWith('cpu') ? 1e9 : runs[0][0][a]) - (b.startsWith('cpu') ? 1e9 : runs[0][0][b]));
console.log(['milestone', ...dirs.map((d) => d.replace(/^.*\//, ''))].join('\t'));
for (const key of keys) console.log([key.padEnd(20), ...runs.map((r) => { const xs = r.map((x) => x[key]).filter(Number.isFinite); return `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`; })].join('\t'));
await browser.close();
for (const s of servers) s.server.close();
groups.close();
store.close();
