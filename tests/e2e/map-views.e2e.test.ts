// End-to-end, the map: real headless chromium (WebGL on SwiftShader) against the real server,
// switching layers and views, density and registers, hover, click and keyboard selection.
// Expectations come from the API, not from the client's own code.
import { describe, expect, it } from 'vitest';
import { startAtlasWithoutRegisters } from '../support/atlas-server.ts';
import { legend, screenshot, tally, waitForMap } from '../support/atlas-page.ts';
import { useSession, type Session } from '../support/e2e-session.ts';

let s: Session;
useSession((session) => (s = session));

describe('the atlas map', () => {
  it('creates a WebGL context and draws every parish, with a legend that matches the API', async () => {
    const gl = await s.page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas')!;
      const ctx = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
      return ctx && !ctx.isContextLost() ? String(ctx.getParameter(ctx.VERSION)) : null;
    });
    expect(gl).toMatch(/WebGL/);
    const drawn = await s.page.evaluate(() => new Set(window.atlas!.maplibre()!.queryRenderedFeatures({ layers: ['areas-fill', 'areas-hatch', 'areas-points'] }).map((f) => f.properties.code as string)).size);
    const parishes = await s.get('/api/layers/parishes.geojson');
    expect(drawn).toBe(parishes.features.length);
    const shown = await legend(s.page);
    expect(shown.total).toBe(parishes.features.length);
    const expected = tally(parishes.features, (f: any) => (f.properties.category ? `${f.properties.category}:${f.properties.category_extent}` : 'none'));
    for (const [cls, n] of Object.entries(shown.counts)) expect(n, cls).toBe(expected[cls] ?? 0);
    expect(await s.page.getAttribute('canvas.maplibregl-canvas', 'aria-label')).toMatch(/Map of 238 parishes/);
    expect(await s.page.textContent('.maplibregl-ctrl-attrib')).toContain('Open Government Licence');
    await screenshot(s.page, '01-parishes-category');
  });

  it('switches layers and views, and the legend counts follow the data', async () => {
    const wards = await s.get('/api/layers/wards.geojson');
    await s.page.selectOption('#layer-select', 'wards');
    await waitForMap(s.page, 'wards', 'c_category');
    expect((await legend(s.page)).total).toBe(wards.features.length);

    await s.page.selectOption('#view-select', 'service');
    await s.page.selectOption('#service-select', 'nw');
    await waitForMap(s.page, 'wards', 'c_service_nw');
    const nw = await legend(s.page);
    const expected = tally(wards.features, (f: any) => f.properties.service_extent.nw ?? 'none');
    expect(nw.counts).toEqual({ whole: expected.whole ?? 0, part: expected.part ?? 0, none: expected.none ?? 0 });
    expect(nw.title).toContain('Neighbourhood Workers');
    await screenshot(s.page, '02-wards-service-nw');

    await s.page.selectOption('#view-select', 'imd');
    await waitForMap(s.page, 'lsoas', 'c_imd');
    const lsoas = await s.get('/api/layers/lsoas.geojson');
    const deciles = tally(lsoas.features, (f: any) => `imd${f.properties.imd_decile}`);
    const imd = await legend(s.page);
    for (let d = 1; d <= 10; d++) expect(imd.counts[`imd${d}`], `decile ${d}`).toBe(deciles[`imd${d}`] ?? 0);
    expect(await s.page.inputValue('#layer-select')).toBe('lsoas');
    await screenshot(s.page, '03-lsoas-imd');

    await s.page.selectOption('#view-select', 'cni');
    await waitForMap(s.page, 'lsoas', 'c_cni');
    expect(Object.values((await legend(s.page)).counts).reduce((a, b) => a + b, 0)).toBe(lsoas.features.length);
    expect(await s.page.textContent('#legend')).toContain('OCSI and Local Trust');
    await screenshot(s.page, '04-lsoas-cni');
  });

  it('shows group density with the registers counted, the reference marks and the case-study markers', async () => {
    await s.page.selectOption('#layer-select', 'parishes');
    await s.page.selectOption('#view-select', 'density');
    await waitForMap(s.page, 'parishes', 'c_density');
    const config = await s.get('/api/config');
    expect(config.registers.length).toBeGreaterThan(0);
    const text = await s.page.textContent('#legend');
    // The built-in registers support no published comparison (issue 11): no marks, and the key says so.
    const fit = (await s.get('/api/layers/parishes.geojson')).density.reference;
    expect(fit.references).toEqual([]);
    expect(text).toContain(fit.statement);
    for (const ref of config.density_references) expect(text).not.toContain(ref.label);
    expect(await s.page.locator('.scale-mark').count()).toBe(0);
    expect(text).toContain(`Registers counted: ${config.registers.map((r: any) => r.name).join(', ')}`);
    const parishes = await s.get('/api/layers/parishes.geojson');
    const shown = await legend(s.page);
    expect(shown.counts.zero).toBe(parishes.features.filter((f: any) => f.properties.groups_per_1000 === 0).length);
    expect(shown.counts.nodata ?? 0).toBe(parishes.features.filter((f: any) => f.properties.groups_per_1000 === null).length);
    const placed = (await s.get('/api/groups.geojson?register=case-studies')).features.filter((f: any) => f.geometry?.type === 'Point');
    expect(placed.length).toBeGreaterThan(0);
    // Markers are off until asked for (they hide small areas); ticking the box draws every one.
    await s.page.check('#cases-toggle');
    expect(await s.page.locator('.case-marker').count()).toBe(placed.length);
    await s.page.locator('.case-marker').first().click();
    await s.page.waitForSelector('.case-popup');
    expect(placed.map((f: any) => f.properties.name)).toContain(await s.page.textContent('.case-popup strong'));
    await screenshot(s.page, '05-parishes-density');
    await s.page.locator('.maplibregl-popup-close-button').click();
    await s.page.uncheck('#cases-toggle');

    // Counting one register only: the legend follows the API's counts for that register.
    const others = config.registers.map((r: any) => r.name).filter((n: string) => n !== 'libraries');
    for (const name of others) await s.page.uncheck(`input[name="register"][value="${name}"]`);
    await s.page.waitForFunction(() => new URL(location.href).searchParams.get('registers') === 'libraries');
    await waitForMap(s.page, 'parishes', 'c_density');
    const libraries = await s.get('/api/layers/parishes.geojson?registers=libraries');
    expect((await legend(s.page)).counts.zero).toBe(libraries.features.filter((f: any) => f.properties.groups_per_1000 === 0).length);
    expect(await s.page.textContent('#legend')).toContain('Registers counted: libraries.');
    for (const name of others) await s.page.check(`input[name="register"][value="${name}"]`);
  });

  it('says plainly when no register is loaded', async () => {
    const bare = await startAtlasWithoutRegisters();
    const p = await s.newPage();
    try {
      await p.goto(`${bare.url}/?view=density`);
      await waitForMap(p, 'parishes', 'c_density');
      expect(await p.textContent('#legend')).toMatch(/No register loaded/);
      expect(await p.isVisible('[data-testid="no-register"]')).toBe(true);
      expect(await p.textContent('#case-list')).toMatch(/No case-study register is loaded/);
      expect(await p.locator('.case-marker').count()).toBe(0);
      // Nothing counted, so no published figure fits (issue 11): no reference marks on the scale.
      expect(await p.locator('.scale-mark').count()).toBe(0);
      await screenshot(p, '05b-no-register');
    } finally {
      await p.close();
      await bare.close();
    }
  });

  it('highlights a parish under the pointer and opens it on click', async () => {
    await s.page.selectOption('#view-select', 'category');
    await waitForMap(s.page, 'parishes', 'c_category');
    const target = (await s.get('/api/search?q=Market%20Bosworth&layer=parishes')).results[0];
    const detail = await s.get(`/api/areas/${target.code}?layer=parishes`);
    await s.page.evaluate(([lon, lat]) => {
      const map = window.atlas!.maplibre()!;
      const idle = new Promise((r) => map.once('idle', r));
      map.jumpTo({ center: [lon, lat], zoom: 11.5 });
      return idle;
    }, detail.label);
    const point = await s.page.evaluate(([lon, lat]) => {
      const p = window.atlas!.maplibre()!.project([lon, lat]);
      const box = window.atlas!.maplibre()!.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, detail.label);
    await s.page.mouse.move(point.x, point.y);
    await s.page.waitForSelector('.map-tooltip:not([hidden])');
    expect(await s.page.textContent('.map-tooltip')).toContain(detail.properties.name);
    // The areas come from vector tiles (every layer does), whose feature-state is kept per source layer.
    expect(await s.page.evaluate((code) => window.atlas!.maplibre()!.getFeatureState({ source: 'areas', sourceLayer: 'areas', id: code }).hover, target.code)).toBe(true);
    await s.page.mouse.click(point.x, point.y);
    await s.page.waitForSelector(`#area-panel h2:has-text("${detail.properties.name}")`);
    expect(await s.page.evaluate((code) => window.atlas!.maplibre()!.getFeatureState({ source: 'areas', sourceLayer: 'areas', id: code }).selected, target.code)).toBe(true);
    await screenshot(s.page, '07-click-parish');

    // By keyboard: focus the map and press Enter to open the area under the centre cross.
    await s.page.click('.panel-close');
    await s.page.focus('canvas.maplibregl-canvas');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector(`#area-panel h2:has-text("${detail.properties.name}")`);
    expect(await s.page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
  });
});
