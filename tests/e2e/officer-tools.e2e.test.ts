// End-to-end, the officer's and researcher's tools: search by name and postcode with the services
// panel, the table view, downloads and the service checker, in real headless chromium against the
// real server. Expectations come from the API and from Appendix One's own table.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseAppendixOne } from '../support/appendix-one.ts';
import { legend, screenshot, servicesShown, waitForMap } from '../support/atlas-page.ts';
import { useSession, type Session } from '../support/e2e-session.ts';
import { APPENDIX_SEED } from '../support/paths.ts';

let s: Session;
useSession((session) => (s = session));

describe('finding areas, the table, downloads and the service checker', () => {
  it('finds "Kibworth Beauchamp" by search and shows the services Appendix One gives it', async () => {
    await s.page.fill('#search-input', 'Kibworth Beauchamp');
    await s.page.waitForSelector('#search-results li[role="option"]');
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#area-panel h2:has-text("Kibworth Beauchamp")');
    await s.page.waitForFunction(() => new URL(location.href).searchParams.get('area') === 'E04013143');
    // The seed's own table: the rows listing Kibworth Beauchamp and the services they tick.
    const rows = parseAppendixOne(readFileSync(APPENDIX_SEED, 'utf8')).filter((r) => r.places.includes('Kibworth Beauchamp'));
    expect(rows.length).toBeGreaterThan(0);
    const ticked = new Set(rows.flatMap((r) => r.ticks));
    const shown = await servicesShown(s.page, '#area-panel');
    expect(Object.keys(shown)).toHaveLength(7);
    for (const [service, available] of Object.entries(shown)) expect(available, service).toBe(ticked.has(service as never));
    expect(Object.entries(shown).filter(([, v]) => v).map(([k]) => k).sort()).toEqual(['faith', 'local_voice', 'pc', 'rcc_cdo', 'scat']);
    const answer = await s.get('/api/areas/E04013143/services?layer=parishes');
    expect(await s.page.textContent('[data-testid="summary"]')).toBe(answer.summary);
    expect(await s.page.getAttribute('#area-panel a[download]', 'href')).toBe('/api/areas/E04013143?layer=parishes');
    // The map zooms once the area's box arrives (a tiled layer asks the API for it), so wait for the
    // camera to reach the area and settle rather than for a stillness that may come before the move.
    await s.page.waitForFunction(() => window.atlas!.maplibre()!.getZoom() > 10 && !window.atlas!.maplibre()!.isMoving());
    expect(await s.page.evaluate(() => window.atlas!.maplibre()!.getZoom())).toBeGreaterThan(10);
    await screenshot(s.page, '06-search-kibworth-panel');
  });

  it('finds a postcode and opens the parish that contains it', async () => {
    const postcode = (await s.get('/api/search?q=LE8%200')).results.find((r: any) => r.type === 'postcode');
    const lookup = await s.get(`/api/lookup?postcode=${encodeURIComponent(postcode.name)}`);
    const parish = lookup.areas.find((a: any) => a.layer === 'parishes');
    await s.page.fill('#search-input', postcode.name);
    await s.page.waitForSelector(`#search-results li:has-text("${postcode.name}")`);
    await s.page.press('#search-input', 'Enter');
    await s.page.waitForSelector(`#area-panel h2:has-text("${parish.name}")`);
    expect(await s.page.textContent('#status')).toContain(`Postcode ${postcode.name} is in ${parish.name}`);
  });

  it('shows the same areas as a table, sortable by mouse and keyboard and filterable', async () => {
    await s.page.click('#tab-btn-table');
    await s.page.waitForSelector('#area-table tbody tr');
    const total = (await legend(s.page)).total;
    expect(await s.page.locator('#area-table tbody tr').count()).toBe(total);
    const populations = async () =>
      (await s.page.$$eval('#area-table tbody tr', (trs) => trs.map((tr) => tr.querySelector('td[data-col="population"]')?.textContent ?? ''))).filter(Boolean).map((t) => Number(t.replace(/,/g, '')));
    await s.page.click('#area-table th button[data-sort="population"]');
    expect(await s.page.getAttribute('#area-table th:has(button[data-sort="population"])', 'aria-sort')).toBe('ascending');
    const up = await populations();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await s.page.focus('#area-table th button[data-sort="population"]');
    await s.page.keyboard.press('Enter');
    expect(await s.page.getAttribute('#area-table th:has(button[data-sort="population"])', 'aria-sort')).toBe('descending');
    const down = await populations();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await screenshot(s.page, '08-table-sorted');
    await s.page.fill('#table-filter', 'kibworth');
    const names = await s.page.$$eval('#area-table tbody th', (ths) => ths.map((th) => th.textContent));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n?.toLowerCase()).toContain('kibworth');
    await s.page.fill('#table-filter', '');
  });

  it('downloads the current layer with the district filter as GeoJSON and CSV, with attribution', async () => {
    // On this width the open area panel stands in the key's column; closing it brings the key back.
    if (await s.page.isVisible('.panel-close')) await s.page.click('.panel-close');
    await s.page.selectOption('#district-select', { label: 'Harborough' });
    const harborough = (await s.get('/api/layers/parishes.geojson')).features.filter((f: any) => f.properties.district_name === 'Harborough');
    const [geo] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#downloads a[data-format="geojson"]')]);
    const fc = JSON.parse(readFileSync((await geo.path())!, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(harborough.length);
    // The page's GeoJSON download is the flat form GIS software saves (docs/gis.md).
    expect(new Set(fc.features.map((f: any) => f.properties.dist_name))).toEqual(new Set(['Harborough']));
    for (const f of fc.features) for (const v of Object.values(f.properties)) expect(v === null || typeof v !== 'object').toBe(true);
    expect(fc.attribution).toContain('Office for National Statistics');
    expect(fc.licence).toContain('Open Government Licence');
    const [csv] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#downloads a[data-format="csv"]')]);
    const rows = parse(readFileSync((await csv.path())!, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(harborough.length);
    expect(rows.every((r) => r.dist_name === 'Harborough' && r.attribution.includes('Open Government Licence'))).toBe(true);
    expect((await legend(s.page)).total).toBe(harborough.length);
  });

  it('opens with Enter the first result the list shows, whatever the map\'s layer (Shepshed on the Wards layer)', async () => {
    const page = await s.newPage();
    await page.goto(`${s.atlas.url}/?layer=wards`);
    await waitForMap(page, 'wards');
    await page.fill('#search-input', 'Shepshed');
    await page.waitForSelector('#search-results li[role="option"]');
    const first = await page.textContent('#search-results li[role="option"] .option-name');
    const api = await s.get('/api/search?q=Shepshed');
    expect(first).toBe(api.results[0].name);
    expect(api.results[0]).toMatchObject({ layer: 'parishes', name: 'Shepshed' });
    await page.press('#search-input', 'Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('area') !== null);
    const code = await page.evaluate(() => new URL(location.href).searchParams.get('area'));
    expect(code).toBe(api.results[0].code);
    await page.waitForSelector('#area-panel h2:has-text("Shepshed")');
    expect(await page.textContent('#area-panel h2')).not.toContain('East');
    await page.close();
  });

  it('says a name is not found rather than open a namesake (Loughborough West), and offers the closest names', async () => {
    const page = await s.newPage();
    await page.goto(s.atlas.url);
    await waitForMap(page, 'parishes');
    await page.fill('#search-input', 'Loughborough West');
    await page.waitForSelector('#search-message:not([hidden])');
    expect(await page.textContent('#search-message')).toContain('Appendix One lists “Loughborough West”, but no parish, ward or LSOA has that name');
    await page.press('#search-input', 'Enter');
    // Nothing opens: no area in the URL, no panel for Loughborough East.
    expect(await page.evaluate(() => new URL(location.href).searchParams.get('area'))).toBeNull();
    expect(await page.isVisible('#area-panel h2:has-text("Loughborough East")')).toBe(false);
    await screenshot(page, '09b-search-not-found');
    await page.close();
  });

  it('answers "which services can this parish access" without the map, accepting seed spellings', async () => {
    await s.page.click('#tab-btn-checker');
    await s.page.fill('#checker-name', 'Scraftoft');
    await s.page.click('#checker-form button[type="submit"]');
    const answer = await s.get('/api/parishes/services?name=Scraftoft');
    await s.page.waitForSelector('[data-testid="checker-summary"]');
    expect(await s.page.textContent('[data-testid="checker-summary"]')).toBe(answer.summary);
    const shown = await servicesShown(s.page, '#checker-result');
    expect(shown).toEqual(Object.fromEntries(answer.services.map((s: any) => [s.id, s.available])));
    await screenshot(s.page, '09-service-checker');
  });

  it('tells the officer in plain words when the checker finds no such name', async () => {
    await s.page.click('#tab-btn-checker');
    await s.page.fill('#checker-name', 'Narnia');
    await s.page.click('#checker-form button[type="submit"]');
    await s.page.waitForSelector('#checker-result [role="alert"]');
    expect(await s.page.textContent('#checker-result [role="alert"]')).toBe('No parish, ward or LSOA is named “Narnia”. Check the spelling, or try a full postcode such as LE8 0JH.');
    // The 404 behind the answer is the browser's own console line, not a page error.
    expect(s.errors.every((e) => e.includes('404'))).toBe(true);
    s.errors.length = 0;
  });
});
