// End-to-end, sharing and access: a shared link reopens the same view, the page reflows at 400%
// zoom, and without WebGL the legend and table still work; real headless chromium, real server.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, legend, screenshot, waitForMap } from '../support/atlas-page.ts';
import { launchChromium } from '../support/browser.ts';
import { readCamera, useSession, type Session } from '../support/e2e-session.ts';

let s: Session;
useSession((session) => (s = session));

describe('sharing and access', () => {
  it('restores the same view from a shared URL', async () => {
    await s.page.click('#tab-btn-map');
    await s.page.selectOption('#layer-select', 'wards');
    await s.page.selectOption('#view-select', 'service');
    await s.page.selectOption('#service-select', 'pc');
    await s.page.selectOption('#district-select', 'E07000131');
    await waitForMap(s.page, 'wards', 'c_service_pc');
    const ward = (await s.get('/api/layers/wards.geojson?district=E07000131')).features[0];
    await s.page.click('#tab-btn-table');
    await s.page.click(`#area-table tr[data-code="${ward.id}"] th button`);
    await s.page.waitForSelector(`#area-panel h2:has-text("${ward.properties.name}")`);
    await s.page.click('#tab-btn-map');
    // The address bar follows the state (and the map once it stops moving) a moment after each change.
    await s.page.waitForFunction((code) => {
      const q = new URL(location.href).searchParams;
      const map = window.atlas!.maplibre()!;
      const [zoom, lat, lon] = (q.get('at') ?? '').split('/').map(Number);
      const settled = !map.isMoving() && Math.abs(zoom - map.getZoom()) < 0.01 && Math.abs(lat - map.getCenter().lat) < 1e-4 && Math.abs(lon - map.getCenter().lng) < 1e-4;
      return settled && q.get('area') === code && !q.has('tab');
    }, ward.id);
    const shared = s.page.url();
    expect(shared).toContain(`area=${ward.id}`);
    const before = { legend: await legend(s.page), camera: await s.page.evaluate(readCamera) };

    const other = await s.newPage();
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
    const narrow = await s.newPage({ width: 320, height: 640 });
    await narrow.goto(`${s.atlas.url}/?area=E04013143`);
    await waitForMap(narrow, 'parishes');
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const map = await narrow.locator('#map').boundingBox();
    expect(map!.width).toBeLessThanOrEqual(320);
    expect(map!.height).toBeGreaterThan(200);
    await narrow.screenshot({ path: join(ARTIFACTS, '11-narrow-320.png'), fullPage: true });
    await narrow.close();
  });

  it('still gives the legend and the table when the browser has no WebGL', async () => {
    const noGl = await launchChromium(['--disable-3d-apis']);
    try {
      const p = await noGl.newPage({ viewport: { width: 1024, height: 768 } });
      await p.goto(`${s.atlas.url}/?tab=table`);
      await p.waitForSelector('.no-map', { state: 'attached' });
      expect(await p.textContent('.no-map')).toMatch(/WebGL/);
      await p.waitForSelector('#area-table tbody tr');
      const parishes = await s.get('/api/layers/parishes.geojson');
      expect(await p.locator('#area-table tbody tr').count()).toBe(parishes.features.length);
      expect((await legend(p)).total).toBe(parishes.features.length);
    } finally {
      await noGl.close();
    }
  });
});
