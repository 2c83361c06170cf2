// End-to-end: the web client in real headless chromium (WebGL on SwiftShader) against the real
// server. Expectations come from the API and the seed text, not from the client's own code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppendixOne } from '../support/appendix-one.ts';
import { startAtlas, startAtlasWithoutRegisters, type RunningAtlas } from '../support/atlas-server.ts';
import { ARTIFACTS, legend, screenshot, servicesShown, tally, waitForMap } from '../support/atlas-page.ts';
import { launchChromium } from '../support/browser.ts';
import { APPENDIX_SEED } from '../support/paths.ts';

let atlas: RunningAtlas;
let browser: Browser;
let page: Page;
const errors: string[] = [];

/** The map position, read in the page. */
const readCamera = () => {
  const map = window.atlas!.maplibre()!;
  return { lon: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom() };
};

const get = async <T = any>(path: string): Promise<T> => (await fetch(`${atlas.url}${path}`)).json() as Promise<T>;

beforeAll(async () => {
  [atlas, browser] = await Promise.all([startAtlas(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.on('pageerror', (e) => errors.push(e.message));
  // Console errors include Content-Security-Policy violations and failed requests.
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(atlas.url);
  await waitForMap(page, 'parishes');
});

afterAll(async () => {
  await browser?.close();
  await atlas?.close();
});

describe('the atlas web client', () => {
  it('creates a WebGL context and draws every parish, with a legend that matches the API', async () => {
    const gl = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas')!;
      const ctx = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
      return ctx && !ctx.isContextLost() ? String(ctx.getParameter(ctx.VERSION)) : null;
    });
    expect(gl).toMatch(/WebGL/);
    const drawn = await page.evaluate(() => new Set(window.atlas!.maplibre()!.queryRenderedFeatures({ layers: ['areas-fill', 'areas-hatch', 'areas-points'] }).map((f) => f.properties.code as string)).size);
    const parishes = await get('/api/layers/parishes.geojson');
    expect(drawn).toBe(parishes.features.length);
    const shown = await legend(page);
    expect(shown.total).toBe(parishes.features.length);
    const expected = tally(parishes.features, (f: any) => (f.properties.category ? `${f.properties.category}:${f.properties.category_extent}` : 'none'));
    for (const [cls, n] of Object.entries(shown.counts)) expect(n, cls).toBe(expected[cls] ?? 0);
    expect(await page.getAttribute('canvas.maplibregl-canvas', 'aria-label')).toMatch(/Map of 238 parishes/);
    expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('Open Government Licence');
    await screenshot(page, '01-parishes-category');
  });

  it('switches layers and views, and the legend counts follow the data', async () => {
    const wards = await get('/api/layers/wards.geojson');
    await page.selectOption('#layer-select', 'wards');
    await waitForMap(page, 'wards', 'c_category');
    expect((await legend(page)).total).toBe(wards.features.length);

    await page.selectOption('#view-select', 'service');
    await page.selectOption('#service-select', 'nw');
    await waitForMap(page, 'wards', 'c_service_nw');
    const nw = await legend(page);
    const expected = tally(wards.features, (f: any) => f.properties.service_extent.nw ?? 'none');
    expect(nw.counts).toEqual({ whole: expected.whole ?? 0, part: expected.part ?? 0, none: expected.none ?? 0 });
    expect(nw.title).toContain('Neighbourhood Workers');
    await screenshot(page, '02-wards-service-nw');

    await page.selectOption('#view-select', 'imd');
    await waitForMap(page, 'lsoas', 'c_imd');
    const lsoas = await get('/api/layers/lsoas.geojson');
    const deciles = tally(lsoas.features, (f: any) => `imd${f.properties.imd_decile}`);
    const imd = await legend(page);
    for (let d = 1; d <= 10; d++) expect(imd.counts[`imd${d}`], `decile ${d}`).toBe(deciles[`imd${d}`] ?? 0);
    expect(await page.inputValue('#layer-select')).toBe('lsoas');
    await screenshot(page, '03-lsoas-imd');

    await page.selectOption('#view-select', 'cni');
    await waitForMap(page, 'lsoas', 'c_cni');
    expect(Object.values((await legend(page)).counts).reduce((a, b) => a + b, 0)).toBe(lsoas.features.length);
    expect(await page.textContent('#legend')).toContain('OCSI and Local Trust');
    await screenshot(page, '04-lsoas-cni');
  });

  it('shows group density with the registers counted, the reference marks and the case-study markers', async () => {
    await page.selectOption('#layer-select', 'parishes');
    await page.selectOption('#view-select', 'density');
    await waitForMap(page, 'parishes', 'c_density');
    const config = await get('/api/config');
    expect(config.registers.length).toBeGreaterThan(0);
    const text = await page.textContent('#legend');
    for (const ref of config.density_references) expect(text).toContain(ref.label);
    expect(await page.locator('.scale-mark').count()).toBe(config.density_references.length);
    expect(text).toContain(`Registers counted: ${config.registers.map((r: any) => r.name).join(', ')}`);
    const parishes = await get('/api/layers/parishes.geojson');
    const shown = await legend(page);
    expect(shown.counts.zero).toBe(parishes.features.filter((f: any) => f.properties.groups_per_1000 === 0).length);
    expect(shown.counts.nodata ?? 0).toBe(parishes.features.filter((f: any) => f.properties.groups_per_1000 === null).length);
    const placed = (await get('/api/groups.geojson?register=case-studies')).features.filter((f: any) => f.geometry?.type === 'Point');
    expect(placed.length).toBeGreaterThan(0);
    expect(await page.locator('.case-marker').count()).toBe(placed.length);
    await page.locator('.case-marker').first().click();
    await page.waitForSelector('.case-popup');
    expect(placed.map((f: any) => f.properties.name)).toContain(await page.textContent('.case-popup strong'));
    await screenshot(page, '05-parishes-density');
    await page.locator('.maplibregl-popup-close-button').click();

    // Counting one register only: the legend follows the API's counts for that register.
    const others = config.registers.map((r: any) => r.name).filter((n: string) => n !== 'libraries');
    for (const name of others) await page.uncheck(`input[name="register"][value="${name}"]`);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('registers') === 'libraries');
    await waitForMap(page, 'parishes', 'c_density');
    const libraries = await get('/api/layers/parishes.geojson?registers=libraries');
    expect((await legend(page)).counts.zero).toBe(libraries.features.filter((f: any) => f.properties.groups_per_1000 === 0).length);
    expect(await page.textContent('#legend')).toContain('Registers counted: libraries.');
    for (const name of others) await page.check(`input[name="register"][value="${name}"]`);
  });

  it('says plainly when no register is loaded', async () => {
    const bare = await startAtlasWithoutRegisters();
    const p = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    try {
      await p.goto(`${bare.url}/?view=density`);
      await waitForMap(p, 'parishes', 'c_density');
      expect(await p.textContent('#legend')).toMatch(/No register loaded/);
      expect(await p.isVisible('[data-testid="no-register"]')).toBe(true);
      expect(await p.textContent('#case-list')).toMatch(/No case-study register is loaded/);
      expect(await p.locator('.case-marker').count()).toBe(0);
      expect(await p.locator('.scale-mark').count()).toBe(3);
      await screenshot(p, '05b-no-register');
    } finally {
      await p.close();
      await bare.close();
    }
  });

  it('finds "Kibworth Beauchamp" by search and shows the services Appendix One gives it', async () => {
    await page.fill('#search-input', 'Kibworth Beauchamp');
    await page.waitForSelector('#search-results li[role="option"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#area-panel h2:has-text("Kibworth Beauchamp")');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('area') === 'E04013143');
    // The seed's own table: the rows listing Kibworth Beauchamp and the services they tick.
    const rows = parseAppendixOne(readFileSync(APPENDIX_SEED, 'utf8')).filter((r) => r.places.includes('Kibworth Beauchamp'));
    expect(rows.length).toBeGreaterThan(0);
    const ticked = new Set(rows.flatMap((r) => r.ticks));
    const shown = await servicesShown(page, '#area-panel');
    expect(Object.keys(shown)).toHaveLength(7);
    for (const [service, available] of Object.entries(shown)) expect(available, service).toBe(ticked.has(service as never));
    expect(Object.entries(shown).filter(([, v]) => v).map(([k]) => k).sort()).toEqual(['faith', 'local_voice', 'pc', 'rcc_cdo', 'scat']);
    const answer = await get('/api/areas/E04013143/services?layer=parishes');
    expect(await page.textContent('[data-testid="summary"]')).toBe(answer.summary);
    expect(await page.getAttribute('#area-panel a[download]', 'href')).toBe('/api/areas/E04013143?layer=parishes');
    await page.waitForFunction(() => !window.atlas!.maplibre()!.isMoving());
    expect(await page.evaluate(() => window.atlas!.maplibre()!.getZoom())).toBeGreaterThan(10);
    await screenshot(page, '06-search-kibworth-panel');
  });

  it('highlights a parish under the pointer and opens it on click', async () => {
    await page.selectOption('#view-select', 'category');
    await page.click('.panel-close');
    const target = (await get('/api/search?q=Market%20Bosworth&layer=parishes')).results[0];
    const detail = await get(`/api/areas/${target.code}?layer=parishes`);
    await page.evaluate(([lon, lat]) => {
      const map = window.atlas!.maplibre()!;
      const idle = new Promise((r) => map.once('idle', r));
      map.jumpTo({ center: [lon, lat], zoom: 11.5 });
      return idle;
    }, detail.label);
    const point = await page.evaluate(([lon, lat]) => {
      const p = window.atlas!.maplibre()!.project([lon, lat]);
      const box = window.atlas!.maplibre()!.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, detail.label);
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('.map-tooltip:not([hidden])');
    expect(await page.textContent('.map-tooltip')).toContain(detail.properties.name);
    expect(await page.evaluate((code) => window.atlas!.maplibre()!.getFeatureState({ source: 'areas', id: code }).hover, target.code)).toBe(true);
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector(`#area-panel h2:has-text("${detail.properties.name}")`);
    expect(await page.evaluate((code) => window.atlas!.maplibre()!.getFeatureState({ source: 'areas', id: code }).selected, target.code)).toBe(true);
    await screenshot(page, '07-click-parish');

    // By keyboard: focus the map and press Enter to open the area under the centre cross.
    await page.click('.panel-close');
    await page.focus('canvas.maplibregl-canvas');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#area-panel h2:has-text("${detail.properties.name}")`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
  });

  it('finds a postcode and opens the parish that contains it', async () => {
    const postcode = (await get('/api/search?q=LE8%200')).results.find((r: any) => r.type === 'postcode');
    const lookup = await get(`/api/lookup?postcode=${encodeURIComponent(postcode.name)}`);
    const parish = lookup.areas.find((a: any) => a.layer === 'parishes');
    await page.fill('#search-input', postcode.name);
    await page.waitForSelector(`#search-results li:has-text("${postcode.name}")`);
    await page.press('#search-input', 'Enter');
    await page.waitForSelector(`#area-panel h2:has-text("${parish.name}")`);
    expect(await page.textContent('#status')).toContain(`Postcode ${postcode.name} is in ${parish.name}`);
  });

  it('shows the same areas as a table, sortable by mouse and keyboard and filterable', async () => {
    await page.click('#tab-btn-table');
    await page.waitForSelector('#area-table tbody tr');
    const total = (await legend(page)).total;
    expect(await page.locator('#area-table tbody tr').count()).toBe(total);
    const populations = async () =>
      (await page.$$eval('#area-table tbody tr', (trs) => trs.map((tr) => tr.querySelector('td[data-col="population"]')?.textContent ?? ''))).filter(Boolean).map((t) => Number(t.replace(/,/g, '')));
    await page.click('#area-table th button[data-sort="population"]');
    expect(await page.getAttribute('#area-table th:has(button[data-sort="population"])', 'aria-sort')).toBe('ascending');
    const up = await populations();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await page.focus('#area-table th button[data-sort="population"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#area-table th:has(button[data-sort="population"])', 'aria-sort')).toBe('descending');
    const down = await populations();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await screenshot(page, '08-table-sorted');
    await page.fill('#table-filter', 'kibworth');
    const names = await page.$$eval('#area-table tbody th', (ths) => ths.map((th) => th.textContent));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n?.toLowerCase()).toContain('kibworth');
    await page.fill('#table-filter', '');
  });

  it('downloads the current layer with the district filter as GeoJSON and CSV, with attribution', async () => {
    // On this width the open area panel stands in the key's column; closing it brings the key back.
    if (await page.isVisible('.panel-close')) await page.click('.panel-close');
    await page.selectOption('#district-select', { label: 'Harborough' });
    const harborough = (await get('/api/layers/parishes.geojson')).features.filter((f: any) => f.properties.district_name === 'Harborough');
    const [geo] = await Promise.all([page.waitForEvent('download'), page.click('#downloads a[data-format="geojson"]')]);
    const fc = JSON.parse(readFileSync((await geo.path())!, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(harborough.length);
    expect(new Set(fc.features.map((f: any) => f.properties.district_name))).toEqual(new Set(['Harborough']));
    expect(fc.attribution).toContain('Office for National Statistics');
    expect(fc.licence).toContain('Open Government Licence');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#downloads a[data-format="csv"]')]);
    const rows = parse(readFileSync((await csv.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(harborough.length);
    expect(rows.every((r) => r.district_name === 'Harborough' && r.attribution.includes('Open Government Licence'))).toBe(true);
    expect((await legend(page)).total).toBe(harborough.length);
  });

  it('answers "which services can this parish access" without the map, accepting seed spellings', async () => {
    await page.click('#tab-btn-checker');
    await page.fill('#checker-name', 'Scraftoft');
    await page.click('#checker-form button[type="submit"]');
    const answer = await get('/api/parishes/services?name=Scraftoft');
    await page.waitForSelector('[data-testid="checker-summary"]');
    expect(await page.textContent('[data-testid="checker-summary"]')).toBe(answer.summary);
    const shown = await servicesShown(page, '#checker-result');
    expect(shown).toEqual(Object.fromEntries(answer.services.map((s: any) => [s.id, s.available])));
    await screenshot(page, '09-service-checker');
  });

  it('restores the same view from a shared URL', async () => {
    await page.click('#tab-btn-map');
    await page.selectOption('#layer-select', 'wards');
    await page.selectOption('#view-select', 'service');
    await page.selectOption('#service-select', 'pc');
    await waitForMap(page, 'wards', 'c_service_pc');
    const ward = (await get('/api/layers/wards.geojson?district=E07000131')).features[0];
    await page.click('#tab-btn-table');
    await page.click(`#area-table tr[data-code="${ward.id}"] th button`);
    await page.waitForSelector(`#area-panel h2:has-text("${ward.properties.name}")`);
    await page.click('#tab-btn-map');
    // The address bar follows the state a moment after the last change.
    await page.waitForFunction((code) => location.search.includes(`area=${code}`) && !location.search.includes('tab='), ward.id);
    const shared = page.url();
    expect(shared).toContain(`area=${ward.id}`);
    const before = { legend: await legend(page), camera: await page.evaluate(readCamera) };

    const other = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await other.goto(shared);
    await waitForMap(other, 'wards', 'c_service_pc');
    await other.waitForSelector(`#area-panel h2:has-text("${ward.properties.name}")`);
    expect(await legend(other)).toEqual(before.legend);
    expect(await other.inputValue('#district-select')).toBe('E07000131');
    expect(await other.inputValue('#service-select')).toBe('pc');
    const camera = await other.evaluate(readCamera);
    expect(camera.zoom).toBeCloseTo(before.camera.zoom, 1);
    expect(camera.lat).toBeCloseTo(before.camera.lat, 3);
    expect(camera.lon).toBeCloseTo(before.camera.lon, 3);
    await screenshot(other, '10-shared-url');
    await other.close();
  });

  it('reflows to one column at 400% zoom (320 CSS pixels wide) without sideways scrolling', async () => {
    const narrow = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await narrow.goto(`${atlas.url}/?area=E04013143`);
    await waitForMap(narrow, 'parishes');
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await narrow.locator('#map').boundingBox()).toMatchObject({ width: expect.any(Number) });
    await narrow.screenshot({ path: join(ARTIFACTS, '11-narrow-320.png'), fullPage: true });
    await narrow.close();
    expect(errors).toEqual([]);
  });

  it('still gives the legend and the table when the browser has no WebGL', async () => {
    const noGl = await launchChromium(['--disable-3d-apis']);
    try {
      const p = await noGl.newPage({ viewport: { width: 1024, height: 768 } });
      await p.goto(`${atlas.url}/?tab=table`);
      await p.waitForSelector('.no-map', { state: 'attached' });
      expect(await p.textContent('.no-map')).toMatch(/WebGL/);
      await p.waitForSelector('#area-table tbody tr');
      const parishes = await get('/api/layers/parishes.geojson');
      expect(await p.locator('#area-table tbody tr').count()).toBe(parishes.features.length);
      expect((await legend(p)).total).toBe(parishes.features.length);
    } finally {
      await noGl.close();
    }
  });
});
