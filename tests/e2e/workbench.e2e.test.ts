// End-to-end, the planner's workbench defects of issue 21 in real headless chromium against the real
// server: search from the Compare tab, a compact compare, LSOAs named by their places, empty filters
// explained, the profile's way back, and the OGC landing link. Expectations come from the API.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, waitForMap } from '../support/atlas-page.ts';
import { useSession, type Session } from '../support/e2e-session.ts';

let s: Session;
useSession((session) => (s = session));

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function open(path: string, layer: string, viewport = DESKTOP): Promise<Page> {
  const p = await s.newPage(viewport);
  await p.goto(`${s.atlas.url}${path}`);
  await waitForMap(p, layer);
  return p;
}

/** Opens the path on a 390 px phone, brings the element into view and saves a screenshot to look at. */
async function onPhone(path: string, layer: string, selector: string, name: string): Promise<void> {
  const phone = await open(path, layer, PHONE);
  try {
    await phone.locator(selector).scrollIntoViewIfNeeded();
    await screenshot(phone, name);
  } finally {
    await phone.close();
  }
}

describe('Compare', () => {
  it('offers a searched area for comparison when the search is made from the Compare tab', async () => {
    // Coalville is unparished: its wards are what the search finds.
    const coalville = (await s.get('/api/search?q=Coalville')).results.find((r: any) => r.type === 'area');
    expect(coalville).toBeTruthy();
    const p = await open('/?tab=compare', 'parishes');
    try {
      await p.fill('#search-input', 'Coalville');
      await p.waitForSelector('#search-results li[role="option"]');
      await p.press('#search-input', 'Enter');
      const offer = p.locator('#tab-compare [data-testid="compare-offer"]');
      await offer.waitFor({ state: 'visible' });
      expect(await offer.textContent()).toContain(coalville.name);
      expect(await p.isVisible('#tab-compare')).toBe(true);
      await screenshot(p, 'w1-compare-search-offer-1440');
      await offer.locator('button', { hasText: 'Add to compare' }).click();
      await p.waitForFunction((code) => new URL(location.href).searchParams.get('compare')?.includes(code), coalville.code);
      await p.waitForSelector(`#compare-table thead th[data-code="${coalville.code}"]`);
    } finally {
      await p.close();
    }
  }, 60_000);

  it('shows the seven services first and each designation route once', async () => {
    // The Melton Mowbray wards: listed in several Appendix One tables through the town's name.
    const wards = (await s.get('/api/layers/wards.geojson')).features.map((f: any) => f.properties).filter((w: any) => w.district_name === 'Melton' && w.designations.length > 1);
    expect(wards.length).toBeGreaterThanOrEqual(3);
    const three = wards.slice(0, 3);
    const p = await open(`/?tab=compare&compare=${three.map((w: any) => `wards/${w.code}`).join(',')}`, 'parishes');
    try {
      await p.waitForFunction(() => document.querySelectorAll('#compare-table thead th[scope="col"]').length === 3);
      const firstSeven = await p.locator('#compare-table tbody tr').evaluateAll((trs) => trs.slice(0, 7).map((tr) => tr.querySelector('td [data-service]')?.getAttribute('data-service') ?? null));
      expect(firstSeven.every(Boolean)).toBe(true);
      expect(new Set(firstSeven).size).toBe(7);
      const cells = await p.locator('#compare-table tbody td').evaluateAll((tds) => tds.map((td) => [...td.querySelectorAll('li, .hint')].map((e) => e.textContent ?? '')));
      for (const items of cells) {
        expect(new Set(items).size).toBe(items.length);
        for (const hint of items) {
          const vias = hint.split(';').map((v) => v.trim()).filter(Boolean);
          expect(new Set(vias).size, hint).toBe(vias.length);
        }
      }
      // Wards have no decile of their own: each gets its residents' share in deciles 1–2, beside the district and county.
      const shown = await p.locator('#compare-table [data-testid="deprivation"]').allTextContents();
      for (const [i, w] of three.entries()) {
        const d = (await s.get(`/api/areas/${w.code}?layer=wards`)).deprivation;
        expect(d.residents_by_decile.reduce((a: number, b: number) => a + b, 0)).toBe(d.residents_with_decile);
        expect(shown[i]).toContain(`${Math.round(d.share_deciles_1_2 * 100)}% of residents (${d.residents_deciles_1_2.toLocaleString('en-GB')} of ${d.residents_with_decile.toLocaleString('en-GB')})`);
        expect(shown[i]).toContain(`Melton ${Math.round(d.district_share_deciles_1_2 * 100)}%, Leicestershire ${Math.round(d.county_share_deciles_1_2 * 100)}%`);
      }
      expect(await p.textContent('#compare-table')).not.toContain('LSOAs only for');
      await p.$eval('#compare-table', (el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(p, 'w1-compare-melton-1440');
    } finally {
      await p.close();
    }
  }, 60_000);
});

describe('LSOAs named by their places', () => {
  it('names each LSOA\'s places in the table and in the layer CSV', async () => {
    const { places } = await s.get('/api/layers/lsoas/places');
    const p = await open('/?layer=lsoas&tab=table', 'lsoas');
    try {
      await p.waitForSelector('#area-table tbody tr');
      const rows = await p.locator('#area-table tbody tr').evaluateAll((trs) => trs.slice(0, 40).map((tr) => [tr.getAttribute('data-code'), tr.querySelector('td[data-col="places"]')?.textContent ?? null]));
      const named = rows.filter(([code]) => places[code!]?.length);
      expect(named.length).toBeGreaterThan(0);
      for (const [code, text] of named) for (const place of places[code!]) expect(text, code!).toContain(place.name);
      await screenshot(p, 'w2-lsoa-table-places-1440');
    } finally {
      await p.close();
    }
    const csv = parse(await (await fetch(`${s.atlas.url}/api/layers/lsoas.csv`)).text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0])).toContain('places');
    const withPlaces = csv.filter((r) => places[r.code]?.length);
    expect(withPlaces.length).toBeGreaterThan(0);
    for (const r of withPlaces) for (const place of places[r.code]) expect(r.places, r.code).toContain(place.name);
  }, 60_000);
});

describe('Filters that leave nothing', () => {
  it('says no area matches, offers Clear filters beside it, opens the filters from a shared link, and offers no empty download unannounced', async () => {
    const p = await open('/?layer=lsoas&without=nw&imd=1,2', 'lsoas');
    try {
      const empty = p.locator('#tab-map [data-testid="no-match"]');
      await empty.waitFor({ state: 'visible' });
      expect(await empty.textContent()).toContain('No area matches these filters');
      expect(await empty.locator('button', { hasText: 'Clear filters' }).isVisible()).toBe(true);
      // A shared link with filters opens with them shown.
      expect(await p.getAttribute('#filter-details', 'open')).not.toBeNull();
      // No "CSV: 0 LSOAs" link that downloads a header only.
      expect(await p.locator('#downloads a[data-format]').count()).toBe(0);
      expect(await p.textContent('#downloads')).toMatch(/nothing to download/i);
      // The filter's select shows its whole choice.
      const cut = await p.$eval('#filter-service-nw', (el) => (el as HTMLSelectElement).scrollWidth - (el as HTMLSelectElement).clientWidth);
      expect(cut).toBeLessThanOrEqual(0);
      const sel = await p.$eval('#filter-service-nw', (el) => {
        const r = el.getBoundingClientRect();
        const probe = document.createElement('span');
        probe.textContent = (el as HTMLSelectElement).selectedOptions[0].text;
        probe.style.font = getComputedStyle(el).font;
        probe.style.position = 'absolute';
        probe.style.whiteSpace = 'nowrap';
        document.body.append(probe);
        const w = probe.getBoundingClientRect().width;
        probe.remove();
        return { box: r.width, text: w };
      });
      expect(sel.box).toBeGreaterThan(sel.text + 20);
      await p.click('#tab-btn-table');
      expect(await p.locator('#tab-table [data-testid="no-match"]').isVisible()).toBe(true);
      await screenshot(p, 'w3-no-match-table-1440');
      await p.click('#tab-btn-map');
      await screenshot(p, 'w3-no-match-1440');
      await empty.locator('button', { hasText: 'Clear filters' }).click();
      // The link opened under the older names (imd=1,2); cleared, neither those nor the API names remain.
      await p.waitForFunction(() => ['imd', 'without', 'imd_decile_min', 'imd_decile_max', 'service_absent'].every((k) => !new URL(location.href).searchParams.has(k)));
      await p.waitForSelector('#downloads a[data-format="csv"]');
    } finally {
      await p.close();
    }
    await onPhone('/?layer=lsoas&without=nw&imd=1,2', 'lsoas', '#tab-map [data-testid="no-match"]', 'w3-no-match-390');
  }, 90_000);
});

describe('The profile', () => {
  it('goes back to the atlas with the view, service and district it came from', async () => {
    const harborough = (await s.get('/api/config')).districts.find((d: any) => d.name === 'Harborough').code;
    const p = await open(`/?view=service&service=scat&district=${harborough}&area=E04013143`, 'parishes');
    try {
      await p.click('#area-panel [data-testid="profile-link"]');
      await p.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
      const back = new URL((await p.getAttribute('#back-to-atlas', 'href'))!, s.atlas.url).searchParams;
      expect(back.get('view')).toBe('service');
      // Opened from a link of the older form (service=scat), the way back names it as the page now does.
      expect(back.get('view_service')).toBe('scat');
      expect(back.get('district')).toBe(harborough);
      await p.click('#back-to-atlas');
      await waitForMap(p, 'parishes', 'c_service_scat');
      expect(await p.$eval('#district-select', (el) => (el as HTMLSelectElement).value)).toBe(harborough);
    } finally {
      await p.close();
    }
  }, 90_000);

  it('fills the printed map frame on a phone', async () => {
    const p = await s.newPage(PHONE);
    try {
      await p.goto(`${s.atlas.url}/area/E04013143?layer=parishes`);
      await p.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
      await p.emulateMedia({ media: 'print' });
      await p.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const fit = await p.$eval('[data-testid="profile-map"]', (frame) => {
        const canvas = frame.querySelector('canvas')!.getBoundingClientRect();
        const box = frame.getBoundingClientRect();
        return { left: canvas.left - box.left, right: box.right - canvas.right, top: canvas.top - box.top, bottom: box.bottom - canvas.bottom, frame: box.width };
      });
      expect(fit.frame).toBeGreaterThan(100);
      for (const side of ['left', 'right', 'top', 'bottom'] as const) expect(Math.abs(fit[side]), side).toBeLessThanOrEqual(2);
      await p.$eval('[data-testid="profile-map"]', (el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(p, 'w6-profile-print-390');
    } finally {
      await p.close();
    }
  }, 60_000);
});

describe('OGC API for GIS', () => {
  it('gives a copyable landing address and the QGIS steps', async () => {
    const p = await open('/', 'parishes');
    try {
      const field = p.locator('#downloads input[data-testid="ogc-url"]');
      expect(await field.inputValue()).toBe(`${s.atlas.url}/ogc`);
      const landing = await fetch(`${s.atlas.url}/ogc`, { headers: { Accept: 'application/json' } });
      expect(landing.status).toBe(200);
      expect(await p.textContent('#downloads')).toContain('Layer > Add Layer > Add WFS / OGC API - Features Layer');
      expect(await p.locator('#downloads button', { hasText: 'Copy' }).count()).toBe(1);
      await p.$eval('#downloads', (el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(p, 'w7-ogc-1440');
    } finally {
      await p.close();
    }
  }, 60_000);
});

describe('Charts say what they count', () => {
  it('names the registers and their groups, says not every group is listed and whether intervals overlap, and keeps the source in the saved image', async () => {
    const config = await s.get('/api/config');
    const density = await s.get('/api/analysis/density-by-imd');
    const ranked = await s.get('/api/analysis/ranked?layer=parishes&by=density');
    const p = await open('/?tab=charts&view=density', 'parishes');
    try {
      await p.waitForSelector('#charts[data-ready] figure[data-chart="ranked"] svg');
      const counted = await p.textContent('[data-testid="charts-counted"]');
      const total = config.registers.reduce((n: number, r: any) => n + r.counted, 0);
      expect(total).toBe(density.rows.reduce((n: number, r: any) => n + r.groups, 0));
      for (const r of config.registers) expect(counted).toContain(`${r.name} (${r.counted.toLocaleString('en-GB')} groups)`);
      if (config.registers.length > 1) expect(counted).toContain(`${total.toLocaleString('en-GB')} groups = ${config.registers.map((r: any) => r.counted.toLocaleString('en-GB')).join(' + ')}`);
      expect(counted).toMatch(/Not every group/);
      // Whether the intervals overlap, from the API's own intervals.
      const rows = density.rows.filter((r: any) => r.lower != null && r.upper != null);
      const apart = rows.some((a: any) => rows.some((b: any) => a.lower > b.upper));
      expect(await p.textContent('#chart-density-by-imd .chart-description')).toMatch(apart ? /these do not overlap/ : /Every 95% interval overlaps every other/);
      // The ranked chart says how many it plots of how many, and why the rest are left out.
      const plotted = ranked.rows.filter((r: any) => r.per_1000 != null).length;
      const ranks = await p.textContent('#chart-ranked .chart-description');
      if (plotted < ranked.rows.length) expect(ranks).toContain(`${plotted} of the ${ranked.rows.length} parishes plotted`);
      expect(await p.textContent('#chart-ranked svg [aria-label="x-axis label"], #chart-ranked svg')).toContain(`of ${plotted} parishes`);
      await screenshot(p, 'w4-charts-counted-1440');

      // The saved image keeps every footnote line inside its frame, and names the registers.
      const fig = p.locator('figure[data-chart="density-by-imd"]');
      const [svgFile] = await Promise.all([p.waitForEvent('download'), fig.locator('button[data-action="svg"]').click()]);
      const { readFileSync } = await import('node:fs');
      const svg = readFileSync((await svgFile.path())!, 'utf8');
      expect(svg).toContain('Registers counted:');
      const inside = await p.evaluate((markup) => {
        const holder = document.createElement('div');
        holder.innerHTML = markup;
        document.body.append(holder);
        const root = holder.querySelector('svg')!;
        const w = Number(root.getAttribute('width'));
        const hgt = Number(root.getAttribute('height'));
        const out = [...root.querySelectorAll(':scope > text')].map((t) => {
          const b = (t as SVGTextElement).getBBox();
          return { text: t.textContent, fits: b.x >= 0 && b.x + b.width <= w && b.y + b.height <= hgt + 1 };
        });
        holder.remove();
        return out;
      }, svg);
      expect(inside.some((t) => t.text?.startsWith('Source:'))).toBe(true);
      for (const t of inside) expect(t.fits, t.text ?? '').toBe(true);
    } finally {
      await p.close();
    }
  }, 90_000);

  it('gives each register tick box the number of groups it counts', async () => {
    const config = await s.get('/api/config');
    const p = await open('/', 'parishes');
    try {
      for (const r of config.registers) {
        const hint = await p.locator(`#register-options input[value="${r.name}"] + span, #register-options label:has(input[value="${r.name}"]) .hint`).first().textContent();
        expect(hint).toContain(`${r.counted.toLocaleString('en-GB')} groups`);
      }
    } finally {
      await p.close();
    }
  }, 60_000);
});

describe('Registers from the page', () => {
  it('imports a register with the typed admin token, reports it, draws its groups as points with the areas each counts in, renames and deletes it', async () => {
    const { openAtlas, listen } = await import('../support/atlas-app.ts');
    const { buildClient } = await import('../support/atlas-server.ts');
    const { writeFileSync, mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const token = 'page-admin-token';
    const atlas = openAtlas({ clientDir: buildClient(), adminToken: token });
    const server = await listen(atlas.app);
    const file = join(mkdtempSync(join(tmpdir(), 'register-')), 'walks.csv');
    writeFileSync(file, `${readFileSync(new URL('../fixtures/registers/directory.csv', import.meta.url), 'utf8').trimEnd()}\nNowhere Club,social,,,,,,\n`);
    const p = await s.newPage(DESKTOP);
    p.on('dialog', (d) => void (d.type() === 'prompt' ? d.accept('walks-renamed') : d.accept()));
    try {
      await p.goto(server.url);
      await waitForMap(p, 'parishes');
      await p.click('#register-admin summary');
      await p.fill('#admin-token', token);
      // A file with a row that cannot be placed is refused whole, and the report names the row and why.
      await p.fill('#register-name', 'walks');
      await p.setInputFiles('#register-file', file);
      await p.fill('#register-source', 'Test walking groups, 2026');
      await p.click('#register-admin button[type="submit"]');
      const report = p.locator('[data-testid="import-report"]');
      await report.waitFor();
      expect(await report.textContent()).toContain('Nothing imported: 1 of 6 rows cannot be used');
      expect(await report.locator('[data-testid="rejection"]').first().textContent()).toMatch(/^line 7/);
      expect(await p.textContent('[data-testid="register-status"] [role="alert"]')).toMatch(/^Unprocessable|422|:/);
      expect(await p.$eval('#register-admin progress', (el) => (el as HTMLProgressElement).value)).toBe(100);
      await p.$eval('#register-admin', (el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(p, 'w5-register-refused-1440');
      // The refusal's HTTP status is logged by the browser: expected here, so not a page error.
      s.errors.splice(0, s.errors.length, ...s.errors.filter((e) => !/status of 422/.test(e)));

      // The clean file is kept: every row, one of them county-wide and so listed as not counted.
      await p.setInputFiles('#register-file', new URL('../fixtures/registers/directory.csv', import.meta.url).pathname);
      await p.click('#register-admin button[type="submit"]');
      await p.waitForFunction(() => document.querySelector('[data-testid="import-report"]')?.textContent?.startsWith('Kept'), null, { timeout: 60_000 }).catch(async (err) => {
        await screenshot(p, 'w5-debug');
        throw new Error(`${err}: ${await p.textContent('[data-testid="register-status"]')}`);
      });
      const detail = await (await fetch(`${server.url}/api/registers/walks`)).json();
      const config = (await (await fetch(`${server.url}/api/config`)).json()).registers.find((r: any) => r.name === 'walks');
      expect(await report.textContent()).toContain(`Kept ${config.rows} of 5 rows; left out 0; ${config.counted} groups counted in an area.`);
      expect(config.counted).toBeLessThan(config.rows);
      expect(await report.textContent()).toContain(`Kept but not counted in any area (${config.rows - config.counted})`);
      expect(detail.name ?? detail.register ?? 'walks').toBe('walks');
      await screenshot(p, 'w5-register-import-report-1440');

      // Reload: the new register can be drawn as points (the token is gone with the page, as promised).
      await p.click('[data-testid="register-status"] button');
      await waitForMap(p, 'parishes');
      expect(await p.inputValue('#admin-token')).toBe('');
      await p.check('[data-testid="points-walks"]');
      await p.waitForFunction(() => new URL(location.href).searchParams.get('points') === 'walks');
      const groups = (await (await fetch(`${server.url}/api/groups.geojson?register=walks`)).json()).features.filter((f: any) => f.geometry && f.properties.counted);
      const g = groups[0];
      await p.evaluate(([lon, lat]) => window.atlas!.maplibre()!.jumpTo({ center: [lon, lat], zoom: 15 }), g.geometry.coordinates);
      await p.waitForFunction(() => window.atlas!.maplibre()!.queryRenderedFeatures({ layers: ['groups-walks-points'] }).length > 0, null, { timeout: 30_000 });
      const at = await p.evaluate(([lon, lat]) => window.atlas!.maplibre()!.project([lon, lat]), g.geometry.coordinates);
      const box = (await p.locator('#map canvas').boundingBox())!;
      await p.mouse.click(box.x + at.x, box.y + at.y);
      const popup = p.locator('[data-testid="group-popup"]');
      await popup.waitFor();
      expect(await popup.textContent()).toContain(g.properties.name);
      await p.waitForSelector(`[data-testid="group-areas"] li[data-code="${g.properties.in_parishes}"]`);
      const parish = (await (await fetch(`${server.url}/api/areas/${g.properties.in_parishes}?layer=parishes`)).json()).properties.name;
      await p.waitForFunction((name) => document.querySelector('[data-testid="group-areas"]')?.textContent?.includes(name), parish);
      // The click went to the group, not the area beneath it.
      expect(new URL(p.url()).searchParams.get('area')).toBeNull();
      await screenshot(p, 'w5-group-points-popup-1440');
      await p.evaluate(() => window.atlas!.maplibre()!.jumpTo({ center: [-1.13, 52.65], zoom: 9 }));
      await p.waitForFunction(() => window.atlas!.maplibre()!.queryRenderedFeatures({ layers: ['groups-walks-clusters', 'groups-walks-points'] }).length > 0);
      await screenshot(p, 'w5-group-points-county-1440');

      // Rename, then delete, with the token typed again.
      await p.click('#register-admin summary');
      await p.fill('#admin-token', token);
      await p.click('[data-register="walks"] button:has-text("Rename")');
      await p.waitForSelector('[data-register="walks-renamed"]');
      const names = (await (await fetch(`${server.url}/api/registers`)).json()).registers.map((r: any) => r.name);
      expect(names).toContain('walks-renamed');
      expect(names).not.toContain('walks');
      await p.click('[data-register="walks-renamed"] button:has-text("Delete")');
      await p.waitForSelector('[data-testid="register-deleted"]');
      expect((await (await fetch(`${server.url}/api/registers`)).json()).registers.map((r: any) => r.name)).not.toContain('walks-renamed');
    } finally {
      await p.close();
      await server.close();
      atlas.close();
    }
  }, 180_000);
});

describe('A map you can take away', () => {
  it('saves the map as a print-resolution PNG sheet and offers an embed snippet that opens the map alone', async () => {
    const p = await open('/?view=density', 'parishes');
    try {
      const css = await p.$eval('#map canvas.maplibregl-canvas', (c) => ({ w: (c as HTMLCanvasElement).clientWidth, h: (c as HTMLCanvasElement).clientHeight }));
      const [file] = await Promise.all([p.waitForEvent('download', { timeout: 90_000 }), p.click('[data-testid="save-map-png"]')]);
      expect(file.suggestedFilename()).toBe('atlas-parishes-map.png');
      const { readFileSync } = await import('node:fs');
      const png = readFileSync((await file.path())!);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // The map drawn at 3 device pixels per CSS pixel, with the key beside it and the title and source around it.
      expect(png.readUInt32BE(16)).toBeGreaterThan(css.w * 3);
      expect(png.readUInt32BE(20)).toBeGreaterThan(css.h * 3);
      // Look at it: the sheet, shown in the page and screenshotted.
      const data = png.toString('base64');
      const sheet = await s.newPage(DESKTOP);
      await sheet.setContent(`<img src="data:image/png;base64,${data}" style="width:1400px">`);
      await screenshot(sheet, 'w8-saved-map-sheet');
      await sheet.close();

      await p.click('.map-tools .embed summary');
      // The box is rewritten on 'toggle', a task after the click: read it once that has run.
      await p.waitForFunction(() => document.querySelector<HTMLDetailsElement>('.map-tools .embed')?.open === true);
      const snippet = await p.inputValue('[data-testid="embed-snippet"]');
      const src = snippet.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
      expect(new URL(src).searchParams.get('embed')).toBe('1');
      expect(new URL(src).searchParams.get('view')).toBe('density');
      const embedded = await open(new URL(src).pathname + new URL(src).search, 'parishes');
      try {
        expect(await embedded.isVisible('.site-header')).toBe(false);
        expect(await embedded.isVisible('#controls')).toBe(false);
        expect(await embedded.isVisible('#map canvas')).toBe(true);
        await screenshot(embedded, 'w8-embedded-1440');
      } finally {
        await embedded.close();
      }
    } finally {
      await p.close();
    }
  }, 150_000);
});

describe('Benchmarks beside every figure', () => {
  it('sets each figure in the area panel beside the district and the county, as a table with a spine drawing', async () => {
    const detail = await s.get('/api/areas/E04013143?layer=parishes');
    expect(detail.benchmarks.services).toHaveLength(7);
    const p = await open('/?area=E04013143', 'parishes');
    try {
      const table = p.locator('#area-panel [data-testid="benchmarks"] table');
      await table.waitFor();
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 4).map((c) => c.textContent)));
      expect(rows).toHaveLength(1 + 1 + 7);
      const share = (v: number | null) => (v == null ? '–' : `${Math.round(v * 100)}%`);
      expect(rows[1].slice(1)).toEqual([share(detail.deprivation.share_deciles_1_2), share(detail.deprivation.district_share_deciles_1_2), share(detail.deprivation.county_share_deciles_1_2)]);
      for (const [i, b] of detail.benchmarks.services.entries()) expect(rows[2 + i].slice(1)).toEqual([share(b.area), share(b.district), share(b.county)]);
      // The county's share is the LSOAs' residents certainly reached, pooled.
      const lsoas = (await s.get('/api/layers/lsoas.geojson?geometry=none')).features.map((f: any) => f.properties);
      const nw = detail.benchmarks.services.find((x: any) => x.id === 'nw');
      const people = lsoas.reduce((n: number, l: any) => n + (l.population ?? 0), 0);
      const reached = lsoas.reduce((n: number, l: any) => n + (l.population ?? 0) * (l.service_extent.nw === 'whole' ? 1 : 0), 0);
      expect(nw.county).toBeGreaterThanOrEqual(Math.round((reached / people) * 1000) / 1000 - 0.001);
      expect(await table.locator('.spine').count()).toBe(9);
      await table.scrollIntoViewIfNeeded();
      await screenshot(p, 'w9-benchmarks-panel-1440');
    } finally {
      await p.close();
    }
    await onPhone('/?area=E04013143', 'parishes', '#area-panel [data-testid="benchmarks"]', 'w9-benchmarks-panel-390');
  }, 90_000);
});
