// Time to first map: from navigation to the first fully drawn layer ("first idle", the mark the
// client sets), over fresh page loads in real headless chromium (SwiftShader WebGL, cold cache, one
// new browser context each), with where the time went: the page's own marks and the resource timings
// of the requests on the way. Target ≤ 1.5 s locally (README, "Accessibility and speed checks").
// FIRST_MAP_RUNS (default 7) sets the number of loads; prints Markdown medians. Each load is then
// repeated with the page's CPU slowed down (Chrome DevTools' throttling, FIRST_MAP_SLOWDOWN, default
// 4: a council laptop), desktop and phone, alternating so machine noise falls on both alike.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildClient, serveAtlas } from './first-map-atlas.ts';
import { CHROMIUM_PATH, launchChromium } from '../tests/support/browser.ts';
import { median } from './measure.ts';

if (!existsSync(CHROMIUM_PATH)) {
  console.log(`\n### Time to first map\n\nSkipped: no chromium at ${CHROMIUM_PATH} (apt-get install chromium).`);
  process.exit(0);
}

const RUNS = Number(process.env.FIRST_MAP_RUNS ?? 7);
const PATH = process.env.FIRST_MAP_PATH ?? '/';

const atlas = await serveAtlas(buildClient());
const url = atlas.url;
const browser = await launchChromium();

type Run = Record<string, number>;

const SLOWDOWN = Number(process.env.FIRST_MAP_SLOWDOWN ?? 4);
const PHONE = { width: 390, height: 844 };

/** One cold load: the page's marks and, for the requests that matter, when each started and ended. */
async function once(slowdown = 1, viewport = { width: 1440, height: 900 }): Promise<Run> {
  const context = await browser.newContext({ viewport, ...(viewport === PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  const page = await context.newPage();
  // DevTools' CPU throttling slows the page's threads (not the GPU process), as Lighthouse's 4× does.
  if (slowdown !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  await page.goto(`${url}${PATH}`);
  await page.waitForFunction(() => document.body.dataset.firstIdle, undefined, { timeout: 60_000 });
  const run = await page.evaluate(() => {
    const out: Record<string, number> = {};
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    out['html received'] = nav.responseEnd;
    out['DOMContentLoaded'] = nav.domContentLoadedEventEnd;
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('atlas-')) out[m.name] = m.startTime;
    const watch: [string, RegExp][] = [
      ['entry script', /\/assets\/main-[^/]*\.js$/],
      ['app script', /\/assets\/app-[^/]*\.js$/],
      ['maplibre script', /\/assets\/maplibre-[^/]*\.js$/],
      ['maplibre worker', /maplibre-gl-worker/],
      ['first layer', /\/api\/layers\/[a-z0-9-]+\.geojson/],
      ['tilejson', /\/api\/tiles\/[a-z0-9-]+\.json/],
      ['first tile', /\/api\/tiles\/[a-z0-9-]+\/\d+\/\d+\/\d+\.mvt/],
      ['glyphs', /\/glyphs\//],
      ['config', /\/api\/config$/],
    ];
    for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      const hit = watch.find(([, re]) => re.test(e.name));
      if (!hit || out[`${hit[0]} start`] !== undefined) continue;
      out[`${hit[0]} start`] = e.startTime;
      out[`${hit[0]} end`] = e.responseEnd;
    }
    out['first idle'] = Number(document.body.dataset.firstIdle);
    return out;
  });
  await context.close();
  return run;
}

await once(); // warms the server's caches and chromium's process, outside the measured runs
const load = loadavg()[0];
const runs: Run[] = [];
const slowed: number[] = [];
const slowedPhone: number[] = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(await once());
  slowed.push((await once(SLOWDOWN))['first idle']);
  slowedPhone.push((await once(SLOWDOWN, PHONE))['first idle']);
}
const loadAfter = loadavg()[0];
await browser.close();
atlas.close();

const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))].sort((a, b) => median(runs.map((r) => r[a] ?? NaN).filter(Number.isFinite)) - median(runs.map((r) => r[b] ?? NaN).filter(Number.isFinite)));
console.log(`\n### Time to first map (${new Date().toISOString().slice(0, 16)}Z, ${RUNS} cold loads of ${PATH} at 1440×900, load average ${load.toFixed(2)})\n`);
console.log('| milestone (ms after navigation) | median | min | max |');
console.log('|---|--:|--:|--:|');
for (const k of keys) {
  const xs = runs.map((r) => r[k]).filter(Number.isFinite);
  console.log(`| ${k} | ${Math.round(median(xs))} | ${Math.round(Math.min(...xs))} | ${Math.round(Math.max(...xs))} |`);
}
console.log(`\nfirst idle per run (ms): ${runs.map((r) => Math.round(r['first idle'])).join(', ')}`);
console.log(`\n| first idle, ${RUNS} alternating cold loads (load average ${load.toFixed(2)} → ${loadAfter.toFixed(2)}) | median | min | max | target |`);
console.log('|---|--:|--:|--:|---|');
const row = (label: string, xs: number[], target: string) => console.log(`| ${label} | ${Math.round(median(xs))} | ${Math.round(Math.min(...xs))} | ${Math.round(Math.max(...xs))} | ${target} |`);
row('desktop 1440×900', runs.map((r) => r['first idle']), '≤ 1.5 s on a quiet machine');
row(`desktop, CPU slowed ${SLOWDOWN}×`, slowed, '≤ 3.5 s');
row(`phone 390×844, CPU slowed ${SLOWDOWN}×`, slowedPhone, '—');
