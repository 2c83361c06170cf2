// The standalone export (`export:static --standalone`) as a visitor meets it with NO app running:
// served once by a plain static file server (python3 -m http.server) and once by nginx with
// deploy/nginx-static.conf, opened in real headless Chromium. The map draws (WebGL pixels), the
// table lists every parish, search finds a parish by name and opens its panel, the charts draw, and
// the printable profile renders and prints; what needs the live app says so in the page.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { pdfPages } from '../support/pdf.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startNginx, type RunningNginx } from '../../deploy/nginx-runner.ts';
import { PROJECT_ROOT } from '../../server/config/config.ts';
import { exportStatic } from '../../server/export/static-export.ts';
import { openAtlas } from '../support/atlas-app.ts';
import { drawnPixels, screenshot, waitForMap } from '../support/atlas-page.ts';
import { buildClient } from '../support/atlas-server.ts';
import { launchChromium } from '../support/browser.ts';
import { tempDir } from '../support/variant-dirs.ts';

const root = join(tempDir('standalone'), 'site');
const PARISH = 'E04013143';
let parish = { name: '', count: 0 };
let browser: Browser;
let python: { url: string; child: ChildProcess; log: string[] };
let nginx: RunningNginx;

// The parish layer's slice of the export (the other layers' areas, tiles, charts and OGC pages are the
// same kind of file, and the whole export takes minutes): everything a parish view of the page asks for.
const OTHER_LAYER = /wards|lsoas|E05|E01/;
const SLICE = (p: string) => !/^\/api\/layers\/[^/]+\.(csv|geojson)\?(district|category)=/.test(p) && !(/^\/(api\/(areas|layers|tiles|analysis|coverage)|ogc\/collections)/.test(p) && OTHER_LAYER.test(p));

const listening = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
  socket.on('error', () => resolve(false));
});

async function startPython(dir: string, port: number) {
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const log: string[] = [];
  child.stderr!.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
  for (let i = 0; !(await listening(port)); i++) {
    if (i > 500 || child.exitCode !== null) throw new Error(`python3 -m http.server did not start: ${log.join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { url: `http://127.0.0.1:${port}`, child, log };
}

beforeAll(async () => {
  const clientDir = buildClient();
  const pythonPort = await freePort();
  // nginx first: the exported OGC links are absolute and name it (the page itself reads its own origin).
  const site = readFileSync(join(PROJECT_ROOT, 'deploy', 'nginx-static.conf'), 'utf8');
  nginx = await startNginx({ site: (port) => site.replace('root /srv/atlas/static;', `root ${root};`).replace('listen 8082;', `listen 127.0.0.1:${port};`) });
  const atlas = openAtlas({ clientDir });
  try {
    parish = { name: atlas.store.area(PARISH, 'parishes')!.name, count: atlas.store.areas('parishes').length };
    await exportStatic(atlas.app, atlas.store, root, { origin: nginx.url, clientDir, standalone: true, include: SLICE });
  } finally {
    atlas.close(); // nothing answers but the files from here on
  }
  [python, browser] = await Promise.all([startPython(root, pythonPort), launchChromium()]);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  python?.child.kill();
});

async function open(base: string, path: string, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A file the page asks for and the copy lacks is a console error ("Failed to load resource: 404").
  page.on('console', (m) => m.type() === 'error' && errors.push(`${m.text()} ${m.location().url}`));
  await page.goto(base + path);
  return { page, errors };
}

const idle = () => new Promise<void>((r) => {
  const map = window.atlas!.maplibre()!;
  if (map.loaded() && map.areTilesLoaded()) r();
  else map.once('idle', () => r());
});

for (const server of ['python', 'nginx'] as const) {
  const base = () => (server === 'python' ? python.url : nginx.url);

  describe(`the standalone export under ${server === 'python' ? 'python3 -m http.server' : 'nginx (deploy/nginx-static.conf)'}, no app running`, () => {
    it('draws the map, lists every parish in the table, finds a parish by name and opens its panel, and draws the charts (1440x900)', async () => {
      const { page, errors } = await open(base(), '/', { width: 1440, height: 900 });
      try {
        await waitForMap(page, 'parishes');
        await page.evaluate(idle);
        expect(await page.textContent('[data-testid="standalone-notice"]')).toContain('Postcode look-up');
        const drawn = await page.evaluate(drawnPixels);
        expect(drawn.alpha).toBe(255);
        expect(drawn.colours).toBeGreaterThan(5);
        const shown = await page.evaluate(() => new Set(window.atlas!.maplibre()!.queryRenderedFeatures({ layers: ['areas-fill', 'areas-hatch', 'areas-points'] }).map((f) => f.properties.code)).size);
        expect(shown).toBeGreaterThan(20);
        await screenshot(page, `standalone-${server}-map-1440x900`);

        await page.click('#tab-btn-table');
        await page.waitForFunction((n) => document.querySelectorAll('#area-table tbody tr').length === n, parish.count, { timeout: 30_000 });

        await page.click('#tab-btn-map');
        await page.fill('#search-input', parish.name.slice(0, 5));
        await page.waitForSelector(`#search-results li:has-text("${parish.name}")`, { timeout: 30_000 });
        await page.fill('#search-input', parish.name);
        await page.press('#search-input', 'Enter');
        await page.waitForSelector(`#area-panel h2:has-text("${parish.name}")`, { timeout: 30_000 });
        await page.waitForSelector('#area-panel [data-testid="summary"]', { timeout: 30_000 });
        await screenshot(page, `standalone-${server}-panel-1440x900`);

        await page.click('#tab-btn-charts');
        // Every chart has its drawing and its table; the ranked one lists every parish.
        await page.waitForFunction((n) => document.querySelectorAll('figure[data-chart="ranked"] table tbody tr').length === n, parish.count, { timeout: 60_000 });
        expect(await page.locator('figure[data-chart] svg').count()).toBeGreaterThanOrEqual(3);
        await screenshot(page, `standalone-${server}-charts-1440x900`);

        // A postcode needs the live atlas, and the page says so rather than failing silently.
        await page.click('#tab-btn-map');
        await page.fill('#search-input', 'LE8 0JH');
        await page.press('#search-input', 'Enter');
        await page.waitForSelector('#search-message:has-text("needs the live atlas")', { timeout: 30_000 });
        await page.click('#tab-btn-checker');
        expect(await page.locator('#checker-form input').first().isDisabled()).toBe(true);
        // Your own area needs POST /api/profile: its tools give way to the same note, with no button to press.
        expect(await page.locator('#custom-tools [data-testid="needs-live-atlas"]').count()).toBe(1);
        expect(await page.locator('#custom-tools button').count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }, 180_000);

    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      it(`opens the printable profile from the panel and prints it on one A4 page (${viewport.width}x${viewport.height})`, async () => {
        const { page, errors } = await open(base(), `/?layer=parishes&area=${PARISH}`, viewport);
        try {
          await waitForMap(page, 'parishes');
          if (viewport.width < 500) {
            await page.evaluate(idle);
            const drawn = await page.evaluate(drawnPixels);
            expect(drawn.alpha).toBe(255);
            await screenshot(page, `standalone-${server}-map-${viewport.width}x${viewport.height}`);
          }
          const href = await page.getAttribute('#area-panel [data-testid="profile-link"]', 'href', { timeout: 30_000 });
          expect(href).toMatch(new RegExp(`^/profile\\.html\\?profile=${PARISH}`));
          await page.goto(base() + href!);
          await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
          expect(await page.textContent('h1')).toBe(parish.name);
          const alpha = await page.evaluate(() => {
            const c = document.querySelector('[data-testid="profile-map"] canvas') as HTMLCanvasElement;
            const gl = (c.getContext('webgl2') ?? c.getContext('webgl'))!;
            const px = new Uint8Array(4);
            gl.readPixels(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
            return px[3];
          });
          expect(alpha).toBe(255);
          await screenshot(page, `standalone-${server}-profile-${viewport.width}x${viewport.height}`);
          const pages = await pdfPages(new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })));
          expect(pages).toHaveLength(1);
          const text = pages[0];
          expect(text).toContain(parish.name);
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      }, 120_000);
    }
  });
}

describe('OGC API clients against deploy/nginx-static.conf, no app running', () => {
  it('GDAL (items?limit=10, then each next link) reads every parish from the files', () => {
    const out = join(tempDir('gdal'), 'parishes.geojson');
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', out, `OAPIF:${nginx.url}/ogc`, 'parishes'], { encoding: 'utf8' });
    const codes = (JSON.parse(readFileSync(out, 'utf8')).features as { properties: { code: string } }[]).map((f) => f.properties.code);
    expect(codes.length).toBe(parish.count);
    expect(new Set(codes).size).toBe(parish.count);
  });

  // Measured: QGIS 3.22 asks items?limit=10 then items?limit=1000; OWSLib's collection_items() sends no limit.
  it.each(['/ogc/collections/parishes/items?limit=10', '/ogc/collections/parishes/items?limit=1000', '/ogc/collections/parishes/items'])('%s is a file', async (path) => {
    const res = await fetch(nginx.url + path);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { features: unknown[] }).features.length).toBeGreaterThan(0);
  });
});

describe('python3 -m http.server log', () => {
  it('was asked only for files the export wrote (no 404)', () => {
    const asked = python.log.filter((l) => /"GET /.test(l));
    expect(asked.length).toBeGreaterThan(20);
    expect(asked.filter((l) => /" 404 /.test(l))).toEqual([]);
  });
});
