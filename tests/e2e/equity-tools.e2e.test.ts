// End-to-end, issue 11's tools for a researcher: filters that combine (map, key, table, downloads
// and URL), the Charts tab (table alternatives, SVG and PNG export, following layer and district),
// and Compare (from the area panel, in the URL, Back restores), with axe over Charts and Compare.
// Real headless chromium (WebGL on SwiftShader) against the real server; every expectation comes
// from the API, never from the client's own code.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeAudit, legend, recordFigure, screenshot, waitForMap, type AxeResult } from '../support/atlas-page.ts';
import { useSession, type Session } from '../support/e2e-session.ts';

let s: Session;
useSession((session) => (s = session));

async function open(path: string, layer: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const p = await s.newPage(viewport);
  await p.goto(`${s.atlas.url}${path}`);
  await waitForMap(p, layer);
  return p;
}

/** Codes of the areas the map colours (not the faint context), as drawn. */
const drawnCodes = (p: Page) =>
  p.evaluate(() => new Promise<number>((resolve) => {
    const map = window.atlas!.maplibre()!;
    const count = () => resolve(new Set(map.queryRenderedFeatures({ layers: ['areas-fill', 'areas-hatch'] }).map((f) => f.properties.code as string)).size);
    map.once('idle', count);
    map.triggerRepaint();
  }));

const waitForShown = (p: Page, n: number) => p.waitForFunction((want) => document.getElementById('filter-summary')?.dataset.shown === String(want), n, { timeout: 30_000 });

async function audit(p: Page): Promise<{ serious: AxeResult[]; all: AxeResult[] }> {
  const all = await axeAudit(p);
  return { all, serious: all.filter((v) => v.impact === 'serious' || v.impact === 'critical') };
}

describe('filters that combine', () => {
  it('apply at once to the map, key, table, summary, URL and downloads, and Clear and Back undo them', async () => {
    const p = await open('/?layer=lsoas', 'lsoas');
    try {
      const all = await s.get('/api/layers/lsoas.geojson');
      const expected = await s.get('/api/layers/lsoas.geojson?imd_decile_max=5&service_absent=nw');
      const n = expected.features.length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(all.features.length);
      expect(await drawnCodes(p)).toBe(all.features.length);

      await p.click('#filter-details summary');
      await p.fill('#filter-imd-to', '5');
      await p.press('#filter-imd-to', 'Enter');
      await p.selectOption('#filter-service-nw', 'absent');
      await waitForShown(p, n);
      await waitForMap(p, 'lsoas');

      expect(await p.textContent('#filter-summary')).toBe(`Showing ${n} of ${all.features.length} LSOAs: IMD decile up to 5, no Neighbourhood Workers.`);
      expect((await legend(p)).total).toBe(n);
      expect(await drawnCodes(p)).toBe(n);
      const url = new URL(p.url());
      // The page URL names the filters as the API does.
      expect(url.searchParams.get('imd_decile_max')).toBe('5');
      expect(url.searchParams.get('service_absent')).toBe('nw');
      await screenshot(p, 'i11-filters-1440');

      // The download is exactly what is on screen, and its name says what was filtered.
      const href = (await p.getAttribute('#downloads a[data-format="csv"]', 'href'))!;
      expect(new URL(href, s.atlas.url).searchParams.get('imd_decile_max')).toBe('5');
      expect(new URL(href, s.atlas.url).searchParams.get('service_absent')).toBe('nw');
      const [csv] = await Promise.all([p.waitForEvent('download'), p.click('#downloads a[data-format="csv"]')]);
      expect(csv.suggestedFilename()).toBe('lsoas-no-nw-imd-5.csv');
      const rows = parse(readFileSync((await csv.path())!, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.map((r) => r.code).sort()).toEqual(expected.features.map((f: any) => f.properties.code).sort());

      await p.click('#tab-btn-table');
      await p.waitForSelector('#area-table tbody tr');
      expect(await p.locator('#area-table tbody tr').count()).toBe(n);

      // A category filter narrows further, by keyboard alone.
      const general = await s.get('/api/layers/lsoas.geojson?imd_decile_max=5&service_absent=nw&category=general,none');
      await p.focus('#filter-form input[value="general"]');
      await p.keyboard.press('Space');
      await p.focus('#filter-form input[value="none"]');
      await p.keyboard.press('Space');
      await waitForShown(p, general.features.length);
      expect(await p.locator('#area-table tbody tr').count()).toBe(general.features.length);

      // Each tick was a step in the history: Back twice steps out of the category filter; Clear removes every filter.
      const generalOnly = await s.get('/api/layers/lsoas.geojson?imd_decile_max=5&service_absent=nw&category=general');
      await p.goBack();
      await waitForShown(p, generalOnly.features.length);
      await p.goBack();
      await waitForShown(p, n);
      expect(await p.locator('#area-table tbody tr').count()).toBe(n);
      await p.click('#filters-clear');
      await waitForShown(p, all.features.length);
      expect([...new URL(p.url()).searchParams.keys()].filter((k) => k.startsWith('imd'))).toEqual([]);
      expect(await p.getAttribute('#downloads a[data-format="csv"]', 'href')).toBe('/api/layers/lsoas.csv');
    } finally {
      await p.close();
    }
  }, 120_000);

  it('turn off IMD and CNI ranges on layers that have none, and open from a shared link', async () => {
    const p = await open('/?layer=parishes&category=laa_target&with=nw', 'parishes');
    try {
      const expected = await s.get('/api/layers/parishes.geojson?category=laa_target&service=nw');
      await waitForShown(p, expected.features.length);
      expect(await p.isDisabled('#filter-imd-from')).toBe(true);
      expect(await p.isChecked('#filter-form input[value="laa_target"]')).toBe(true);
      expect(await p.inputValue('#filter-service-nw')).toBe('present');
      expect(await drawnCodes(p)).toBe(expected.features.filter((f: any) => f.geometry.type !== 'Point').length);
    } finally {
      await p.close();
    }
  }, 60_000);
});

describe('the Charts tab', () => {
  it('draws the three charts from /api/analysis with table alternatives, exports SVG and PNG, and follows layer and district', async () => {
    const p = await open('/?tab=charts', 'parishes');
    try {
      await p.waitForSelector('#charts[data-ready] figure[data-chart="ranked"] svg');
      const density = await s.get('/api/analysis/density-by-imd');
      const reach = await s.get('/api/analysis/reach-by-imd');
      // The map opens on the category view, so the ranking is by category.
      const ranked = await s.get('/api/analysis/ranked?layer=parishes&by=category');
      for (const id of ['density-by-imd', 'reach-by-imd', 'ranked']) {
        const fig = p.locator(`figure[data-chart="${id}"]`);
        expect(await fig.locator('svg[role="img"][tabindex="0"]').count()).toBe(1);
        expect(await fig.locator('h3').textContent()).toBeTruthy();
        expect(await fig.locator('a[data-format="csv"]').getAttribute('href')).toMatch(new RegExp(`^/api/analysis/${id}\\.csv`));
      }
      // The table alternative: hidden until asked for, then the API's numbers.
      const fig = p.locator('figure[data-chart="density-by-imd"]');
      expect(await fig.locator('table').isVisible()).toBe(false);
      await fig.locator('button[data-action="table"]').click();
      expect(await fig.locator('button[data-action="table"]').getAttribute('aria-expanded')).toBe('true');
      const cells = await fig.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[4].textContent]));
      expect(cells).toHaveLength(10);
      for (const [i, row] of density.rows.entries()) expect(Number(cells[i][1])).toBeCloseTo(row.per_1000, 2);
      expect(await p.locator('figure[data-chart="reach-by-imd"] table tbody tr').count()).toBe(reach.rows.length);
      expect(await p.locator('figure[data-chart="ranked"] table tbody tr').count()).toBe(ranked.rows.length);
      // Keyboard focus reaches the chart.
      await p.focus('figure[data-chart="density-by-imd"] svg');
      expect(await p.evaluate(() => document.activeElement?.closest('figure')?.dataset.chart)).toBe('density-by-imd');
      await screenshot(p, 'i11-charts-1440');

      const [svgFile] = await Promise.all([p.waitForEvent('download'), fig.locator('button[data-action="svg"]').click()]);
      expect(svgFile.suggestedFilename()).toBe('density-by-imd.svg');
      const svg = readFileSync((await svgFile.path())!, 'utf8');
      expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain('Density by deprivation');
      expect(svg).toContain('Groups per 1,000 residents');
      expect((svg.match(/<rect/g) ?? []).length).toBeGreaterThanOrEqual(10);
      const [pngFile] = await Promise.all([p.waitForEvent('download'), fig.locator('button[data-action="png"]').click()]);
      expect(pngFile.suggestedFilename()).toBe('density-by-imd.png');
      const png = readFileSync((await pngFile.path())!);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(1440); // IHDR width: the 720-px chart drawn at 2×
      expect(png.length).toBeGreaterThan(10_000);

      // The ranked chart follows the layer and district.
      await p.selectOption('#layer-select', 'wards');
      await p.selectOption('#district-select', { label: 'Harborough' });
      await p.click('#tab-btn-charts');
      const wards = await s.get('/api/analysis/ranked?layer=wards&by=category&district=E07000131');
      await p.waitForFunction((n) => document.querySelectorAll('figure[data-chart="ranked"] table tbody tr').length === n, wards.rows.length, { timeout: 30_000 });
      expect(await p.textContent('figure[data-chart="ranked"] h3')).toContain('wards in Harborough');
      expect(await p.getAttribute('figure[data-chart="ranked"] a[data-format="json"]', 'href')).toBe('/api/analysis/ranked?layer=wards&by=category&district=E07000131');

      const result = await audit(p);
      recordFigure('i11-axe-charts', result.all);
      expect(result.serious).toEqual([]);

      // Plot is fetched only for the Charts tab, not by the first map load.
      const fresh = await open('/', 'parishes');
      const scripts = await fresh.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /plots-.*\.js/.test(n)));
      expect(scripts).toEqual([]);
      await fresh.close();
    } finally {
      await p.close();
    }
  }, 150_000);

  it('follow a district change and the map view: the table alternatives show the API\'s numbers for what the map shows', async () => {
    const p = await open('/?layer=lsoas&tab=charts', 'lsoas');
    try {
      await p.waitForSelector('#charts[data-ready] figure[data-chart="density-by-imd"] table', { state: 'attached' });
      const lsoaCounts = (fig: string) => p.locator(`figure[data-chart="${fig}"] table tbody tr`).evaluateAll((trs) => trs.map((tr) => Number(tr.children[1].textContent)));
      const county = await s.get('/api/analysis/density-by-imd');
      expect(await lsoaCounts('density-by-imd')).toEqual(county.rows.map((r: any) => r.lsoas));

      // A district chosen on the toolbar: the decile chart's table pools that district's LSOAs only.
      await p.selectOption('#district-select', { label: 'Harborough' });
      await p.click('#tab-btn-charts');
      const harborough = await s.get('/api/analysis/density-by-imd?district=E07000131');
      const want = harborough.rows.map((r: any) => r.lsoas);
      expect(want).not.toEqual(county.rows.map((r: any) => r.lsoas));
      await p.waitForFunction((n) => {
        const cells = [...document.querySelectorAll('figure[data-chart="density-by-imd"] table tbody tr')].map((tr) => Number(tr.children[1].textContent));
        return JSON.stringify(cells) === JSON.stringify(n);
      }, want, { timeout: 30_000 });
      const fig = p.locator('figure[data-chart="density-by-imd"]');
      await fig.locator('button[data-action="table"]').click();
      const rates = await fig.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[4].textContent));
      for (const [i, r] of harborough.rows.entries()) {
        if (r.per_1000 == null) expect(rates[i]).toBe('');
        else expect(Number(rates[i])).toBeCloseTo(r.per_1000, 2);
      }
      expect(await fig.locator('.hint').textContent()).toContain('in Harborough');
      expect(await fig.locator('a[data-format="csv"]').getAttribute('href')).toBe('/api/analysis/density-by-imd.csv?district=E07000131');

      await p.locator('figure[data-chart="ranked"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(p, 'i11-charts-ranked-category');

      // The map's view changes to Neighbourhood Workers' coverage: the ranking follows, with the district line.
      await p.selectOption('#view-select', 'service');
      await p.selectOption('#service-select', 'nw');
      await p.click('#tab-btn-charts');
      const nw = await s.get('/api/analysis/ranked?layer=lsoas&by=coverage_nw&district=E07000131');
      await p.waitForFunction(() => /access Neighbourhood Workers/.test(document.querySelector('figure[data-chart="ranked"] h3')?.textContent ?? ''), null, { timeout: 30_000 });
      const ranked = p.locator('figure[data-chart="ranked"]');
      const rows = await ranked.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[3].textContent]));
      expect(rows).toEqual(nw.rows.map((r: any) => [r.name, r.value_text]));
      expect(await ranked.locator('.chart-description').textContent()).toContain('dotted: Harborough');
      await ranked.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(p, 'i11-charts-follow-view');

      // Without a district, the county line only.
      await p.selectOption('#district-select', { index: 0 });
      await p.click('#tab-btn-charts');
      await p.waitForFunction(() => /choose a district to add its line/.test(document.querySelector('figure[data-chart="ranked"] .chart-description')?.textContent ?? ''), null, { timeout: 30_000 });
    } finally {
      await p.close();
    }
  }, 150_000);

  it('reads well on a phone', async () => {
    const p = await open('/?tab=charts', 'parishes', { width: 390, height: 844 });
    try {
      await p.waitForSelector('#charts[data-ready] figure[data-chart="ranked"] svg');
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const top = (sel: string) => p.$eval(sel, (el) => el.scrollIntoView({ block: 'start' }));
      await top('figure[data-chart="density-by-imd"] .chart-frame');
      await screenshot(p, 'i11-charts-390');
      await top('figure[data-chart="reach-by-imd"] .chart-frame');
      await screenshot(p, 'i11-charts-reach-390');
    } finally {
      await p.close();
    }
  }, 60_000);
});

describe('Compare', () => {
  it('adds areas from the panel, keeps them in the URL, removes one, and Back restores it', async () => {
    const parishes = await s.get('/api/layers/parishes.geojson');
    const [a, b] = parishes.features.filter((f: any) => f.properties.population > 1000).slice(0, 2).map((f: any) => f.properties);
    const p = await open(`/?area=${a.code}`, 'parishes');
    try {
      await p.click('#area-panel [data-testid="add-compare"]');
      await p.waitForSelector('#area-panel [data-testid="add-compare"][data-status="added"]');
      expect(new URL(p.url()).searchParams.get('compare')).toBe(`parishes/${a.code}`);
      await p.click('#tab-btn-table');
      await p.click(`#area-table tbody tr[data-code="${b.code}"] th button`);
      await p.waitForSelector(`#area-panel h2:has-text("${b.name}")`);
      await p.click('#area-panel [data-testid="add-compare"]');
      await p.waitForSelector('#area-panel [data-testid="add-compare"][data-status="added"]');
      await p.click('#area-panel [data-testid="add-compare"]');
      await p.waitForSelector('#compare-table');
      expect(new URL(p.url()).searchParams.get('compare')).toBe(`parishes/${a.code},parishes/${b.code}`);
      const heads = await p.locator('#compare-table thead th[scope="col"]').evaluateAll((ths) => ths.map((t) => t.getAttribute('data-code')));
      expect(heads).toEqual([a.code, b.code]);
      const row = (label: string) => p.locator('#compare-table tbody tr', { has: p.locator(`th[scope="row"]:text-is("${label}")`) }).locator('td').allTextContents();
      expect(await row('Population (Census 2021)')).toEqual([a.population.toLocaleString('en-GB'), b.population.toLocaleString('en-GB')]);
      for (const [i, code] of [a.code, b.code].entries()) {
        const services = await s.get(`/api/areas/${code}/services?layer=parishes`);
        const shown = await p.locator(`#compare-table tbody td:nth-child(${i + 2}) [data-service]`).evaluateAll((els) => els.map((e) => [e.getAttribute('data-service'), e.getAttribute('data-available')]));
        expect(shown).toEqual(services.services.map((x: any) => [x.id, String(x.available)]));
      }
      expect(await p.textContent('#compare-table')).toMatch(/95% interval/);
      await screenshot(p, 'i11-compare-1440');
      const result = await audit(p);
      recordFigure('i11-axe-compare', result.all);
      expect(result.serious).toEqual([]);

      await p.click(`#compare-table [data-remove="parishes/${b.code}"]`);
      await p.waitForFunction(() => document.querySelectorAll('#compare-table thead th[scope="col"]').length === 1);
      expect(new URL(p.url()).searchParams.get('compare')).toBe(`parishes/${a.code}`);
      await p.goBack();
      await p.waitForFunction(() => document.querySelectorAll('#compare-table thead th[scope="col"]').length === 2);
      expect(new URL(p.url()).searchParams.get('compare')).toBe(`parishes/${a.code},parishes/${b.code}`);
    } finally {
      await p.close();
    }
  }, 120_000);

  it('opens a shared link with areas of different layers, also on a phone', async () => {
    const ward = (await s.get('/api/layers/wards.geojson')).features[0].properties;
    const lsoa = (await s.get('/api/layers/lsoas.geojson')).features[0].properties;
    const parish = (await s.get('/api/layers/parishes.geojson')).features[3].properties;
    const p = await open(`/?tab=compare&compare=${parish.code},${ward.code},${lsoa.code}`, 'parishes', { width: 390, height: 844 });
    try {
      await p.waitForFunction(() => document.querySelectorAll('#compare-table thead th[scope="col"]').length === 3);
      expect(await p.textContent('#compare-table thead')).toContain(ward.name);
      const imd = await p.locator('#compare-table tbody tr', { has: p.locator('th:text-is("IMD 2025 decile")') }).locator('td').allTextContents();
      expect(imd[2]).toContain(String(lsoa.imd_decile));
      await p.$eval('#compare-table', (el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(p, 'i11-compare-390');
    } finally {
      await p.close();
    }
  }, 60_000);

  it('keeps a ward code apart in its 2013 and 2025 layers: added from the 2013 ward\'s panel, it stays the 2013 ward', async () => {
    const wards = (await s.get('/api/layers/wards.geojson')).features.map((f: any) => f.properties.code);
    const shared = (await s.get('/api/layers/wards-2013.geojson')).features.map((f: any) => f.properties).find((w: any) => wards.includes(w.code));
    expect(shared).toBeTruthy();
    const p = await open(`/?layer=wards-2013&area=${shared.code}`, 'wards-2013');
    try {
      await p.click('#area-panel [data-testid="add-compare"]');
      await p.waitForSelector('#area-panel [data-testid="add-compare"][data-status="added"]');
      expect(new URL(p.url()).searchParams.get('compare')).toBe(`wards-2013/${shared.code}`);
      // The same code in today's ward layer is another area: its panel still offers to add it.
      await p.goto(`${s.atlas.url}/?layer=wards&area=${shared.code}&compare=wards-2013/${shared.code}`);
      await waitForMap(p, 'wards');
      await p.waitForSelector('#area-panel [data-testid="add-compare"][data-status="open"]');
      await p.click('#area-panel [data-testid="add-compare"]');
      await p.waitForSelector('#area-panel [data-testid="add-compare"][data-status="added"]');
      expect(new URL(p.url()).searchParams.get('compare')).toBe(`wards-2013/${shared.code},wards/${shared.code}`);
      await p.click('#tab-btn-compare');
      await p.waitForFunction(() => document.querySelectorAll('#compare-table thead th[scope="col"]').length === 2);
      const layers = await p.locator('#compare-table thead th[scope="col"]').evaluateAll((ths) => ths.map((t) => [t.getAttribute('data-code'), t.getAttribute('data-layer')]));
      expect(layers).toEqual([[shared.code, 'wards-2013'], [shared.code, 'wards']]);
      const kind = await p.locator('#compare-table tbody tr', { has: p.locator('th:text-is("Kind of area")') }).locator('td').allTextContents();
      expect(kind[0]).toMatch(/^2013 ward in /);
      expect(kind[1]).toMatch(/^Ward in /);
      // An older link with the code alone still opens, as the area the API finds first (today's ward).
      await p.goto(`${s.atlas.url}/?tab=compare&compare=${shared.code}`);
      await p.waitForFunction(() => document.querySelectorAll('#compare-table thead th[scope="col"]').length === 1);
      expect(await p.getAttribute('#compare-table thead th[scope="col"]', 'data-layer')).toBe('wards');
    } finally {
      await p.close();
    }
  }, 90_000);
});
