// The documented nginx deployment as a visitor meets it: deploy/nginx.conf run by a real nginx in front
// of the app, over an export that includes the built client, opened in real headless Chromium. The map
// must draw (WebGL pixels, MapLibre's worker loaded as a module) and /area/{code} must render the
// profile and print it on one A4 page.
import { readdirSync } from 'node:fs';
import { pdfPages } from '../support/pdf.ts';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type RunningNginx } from '../../deploy/nginx-runner.ts';
import { exportStatic } from '../../server/export/static-export.ts';
import { listen, openAtlas, rawGet, type Listening, type TestAtlas } from '../support/atlas-app.ts';
import { drawnPixels, screenshot, waitForMap } from '../support/atlas-page.ts';
import { buildClient } from '../support/atlas-server.ts';
import { launchChromium } from '../support/browser.ts';
import { tempDir } from '../support/variant-dirs.ts';

let atlas: TestAtlas;
let app: Listening;
let nginx: RunningNginx;
let browser: Browser;
const root = join(tempDir('export'), 'static');
const PARISH = 'E04013143';

// The client and the fixed answers come from disk; whatever the export left out is proxied to the app.
const SLICE = /^\/api\/(layers|services|config|coverage)$|^\/api\/tiles\/parishes[./]/;

beforeAll(async () => {
  const clientDir = buildClient();
  atlas = openAtlas({ clientDir });
  app = await listen(atlas.app);
  // nginx first: the export's absolute links (TileJSON tile URLs) name the address it is served from.
  [nginx, browser] = await Promise.all([startNginx({ root, appHost: new URL(app.url).host }), launchChromium()]);
  await exportStatic(atlas.app, atlas.store, root, { origin: nginx.url, clientDir, include: (p) => SLICE.test(p) });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  await app?.close();
  atlas?.close();
});

async function open(path: string, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // MapLibre logs its errors as objects (a failed tile: an AJAXError), whose text is only the class name.
  page.on('console', async (m) => {
    if (m.type() !== 'error') return;
    const detail = await m.args()[0]?.evaluate((e) => (e instanceof Error ? `${e.message} ${(e as { url?: string }).url ?? ''}` : null)).catch(() => null);
    errors.push(detail ?? m.text());
  });
  await page.goto(nginx.url + path);
  return { page, errors };
}

/** The centre pixel of a WebGL canvas, read back (the map keeps its drawing buffer for printing). */
const centrePixel = (selector: string) =>
  `(() => { const c = document.querySelector(${JSON.stringify(selector)}); const gl = c.getContext('webgl2') ?? c.getContext('webgl');
     const px = new Uint8Array(4); gl.readPixels(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px); return [...px]; })()`;

describe('the atlas behind deploy/nginx.conf, in Chromium', () => {
  it('serves the client modules as JavaScript and the profile address as the profile page', async () => {
    const index = (await rawGet(nginx.url + '/')).body.toString();
    const modules = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.m?js)"/g)].map((m) => m[1]);
    expect(modules.length).toBeGreaterThan(0);
    const worker = readdirSync(join(root, 'assets')).find((f) => f.endsWith('.mjs'));
    expect(worker, 'the build has a .mjs worker').toBeTruthy();
    for (const path of [...modules, `/assets/${worker}`]) {
      const res = await rawGet(nginx.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(/^(text|application)\/javascript/);
    }
    const profile = await rawGet(nginx.url + `/area/${PARISH}`);
    expect(profile.status).toBe(200);
    expect(profile.body.toString()).toContain('profile');
    expect(profile.body.toString()).not.toBe(index);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`draws the map at ${viewport.width}x${viewport.height}`, async () => {
      const { page, errors } = await open('/', viewport);
      try {
        await waitForMap(page, 'parishes');
        await page.evaluate(() => new Promise<void>((r) => {
          const map = window.atlas!.maplibre()!;
          if (map.loaded() && map.areTilesLoaded()) r();
          else map.once('idle', () => r());
        }));
        await screenshot(page, `nginx-map-${viewport.width}x${viewport.height}`);
        expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'))).toBe(true);
        // The map's drawing buffer is read inside a render event, before the frame is handed over:
        // opaque pixels of many colours mean WebGL drew the basemap and the parish fills.
        const drawn = await page.evaluate(drawnPixels);
        expect(drawn.alpha).toBe(255);
        expect(drawn.colours).toBeGreaterThan(5);
        const parishes = await page.evaluate(() => new Set(window.atlas!.maplibre()!.queryRenderedFeatures({ layers: ['areas-fill', 'areas-hatch', 'areas-points'] }).map((f) => f.properties.code)).size);
        expect(parishes).toBeGreaterThan(20);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }, 120_000);

    it(`renders the printable profile at /area/{code} at ${viewport.width}x${viewport.height}`, async () => {
      const detail = JSON.parse((await rawGet(app.url + `/api/areas/${PARISH}?layer=parishes`)).body.toString());
      const { page, errors } = await open(`/area/${PARISH}?layer=parishes`, viewport);
      try {
        await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
        expect(await page.textContent('h1')).toBe(detail.properties.name);
        const px = (await page.evaluate(centrePixel('[data-testid="profile-map"] canvas'))) as number[];
        expect(px[3]).toBe(255);
        await screenshot(page, `nginx-profile-${viewport.width}x${viewport.height}`);
        // It prints: Chromium's PDF of the page is one A4 page with the area's name and population.
        const pages = await pdfPages(new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })));
        expect(pages).toHaveLength(1);
        const text = pages[0];
        expect(text).toContain(detail.properties.name);
        expect(text).toContain(detail.properties.population.toLocaleString('en-GB'));
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }, 120_000);
  }
});
