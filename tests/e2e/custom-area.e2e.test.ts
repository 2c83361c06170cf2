// End-to-end, "Your own area" (issue 21) in real headless chromium against the real server: draw a
// polygon by clicking the map, see its figures (the API's, for the very ring the page put in the URL),
// reload the shared link and see them again, with the Appendix One designations behind them, open the
// printable profile, download GeoJSON; build one from an opened parish without a pointer, and keep the
// registers it counts in its link. Screenshots at 1440×900 and 390×844 in artifacts/e2e/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, waitForMap } from '../support/atlas-page.ts';
import { useSession, type Session } from '../support/e2e-session.ts';
import { pdfPages } from '../support/pdf.ts';

let s: Session;
useSession((session) => (s = session));

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function open(path: string, viewport = DESKTOP): Promise<Page> {
  const p = await s.newPage(viewport);
  await p.goto(`${s.atlas.url}${path}`);
  await waitForMap(p, 'parishes');
  return p;
}

/** What the API answers for the area the page's URL holds, asked the way the page asks (POST /api/profile). */
async function apiAnswerFor(url: string): Promise<any> {
  const { parseCustom, profileBody } = await import('../../client/custom/custom-spec.ts');
  const spec = parseCustom(new URL(url).searchParams.get('custom'));
  expect(spec).not.toBeNull();
  const res = await fetch(`${s.atlas.url}/api/profile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profileBody(spec!, null)) });
  expect(res.status).toBe(200);
  return res.json();
}

const panelFigures = (p: Page) =>
  p.evaluate(() => ({
    residents: document.querySelector('#custom-panel [data-testid="custom-residents"]')?.textContent ?? '',
    services: [...document.querySelectorAll('#custom-panel [data-testid="custom-services"] li')].map((li) => li.textContent ?? ''),
    groups: document.querySelector('#custom-panel [data-testid="custom-groups"]')?.textContent ?? '',
  }));

describe('your own area', () => {
  it('draws a polygon by clicking the map, shows its figures, reopens from the shared link, prints and downloads', async () => {
    const p = await open('/');
    try {
      expect(await p.evaluate(() => Boolean(document.createElement('canvas').getContext('webgl2')))).toBe(true);
      await p.click('[data-testid="custom-draw"]');
      // Four corners around Loughborough (in the county: Leicester city, which it does not cover, is further south).
      const box = (await p.locator('#map canvas').boundingBox())!;
      const centre = await p.evaluate(() => window.atlas!.maplibre()!.project([-1.2, 52.77]));
      const corners = [[-45, -35], [45, -35], [45, 35], [-45, 35]].map(([dx, dy]) => [box.x + centre.x + dx, box.y + centre.y + dy]);
      for (const [x, y] of corners) {
        await p.mouse.click(x, y);
        await p.waitForTimeout(350); // apart, so no two clicks make a double-click
      }
      expect(await p.textContent('[data-testid="custom-corners"]')).toContain('4 corners');
      // The clicks were corners, not choices of area.
      expect(new URL(p.url()).searchParams.get('area')).toBeNull();
      await p.click('[data-testid="custom-finish"]');
      await p.waitForSelector('#custom-panel [data-testid="custom-residents"]');
      const api = await apiAnswerFor(p.url());
      expect(api.population).toBeGreaterThan(0);
      const shown = await panelFigures(p);
      expect(shown.residents).toContain(`${api.population.toLocaleString('en-GB')} residents`);
      expect(shown.services).toEqual(api.services.map((x: { text: string }) => x.text));
      expect(shown.groups).toContain(`${api.groups.count} groups`);
      expect(await p.textContent('#custom-panel')).toContain('population-weighted centroid');
      // The Appendix One designations behind the figures, in the API's words.
      const designations = api.designations.map((d: { text: string }) => d.text);
      expect(designations.length).toBeGreaterThan(0);
      expect(await p.locator('#custom-panel [data-testid="custom-designations"] li').allTextContents()).toEqual(designations);
      await screenshot(p, 'custom-area-drawn-1440');
      await p.locator('#custom-panel [data-testid="custom-designations"]').scrollIntoViewIfNeeded();
      await screenshot(p, 'custom-area-designations-1440');

      // The shared link reopens the same area with the same figures.
      const link = p.url();
      await p.goto(link);
      await waitForMap(p, 'parishes');
      await p.waitForSelector('#custom-panel [data-testid="custom-residents"]');
      expect(await panelFigures(p)).toEqual(shown);

      // Downloads: the GeoJSON is the outline with the figures as flat properties.
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid="custom-geojson"]')]);
      const geojson = JSON.parse(readFileSync((await download.path())!, 'utf8'));
      expect(geojson.features[0].geometry.type).toBe('Polygon');
      expect(geojson.features[0].properties.population).toBe(api.population);
      expect(geojson.features[0].properties.designation_1_text).toBe(designations[0]);

      // The printable one-page profile.
      const printHref = await p.getAttribute('[data-testid="custom-print"]', 'href');
      const print = await s.newPage(DESKTOP);
      try {
        await print.goto(`${s.atlas.url}${printHref}`);
        await print.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
        expect(await print.textContent('[data-testid="custom-residents"]')).toContain(`${api.population.toLocaleString('en-GB')} residents`);
        expect(await print.locator('[data-testid="custom-services"] li').allTextContents()).toEqual(shown.services);
        expect(await print.locator('[data-testid="custom-designations"] li').allTextContents()).toEqual(designations);
        await screenshot(print, 'custom-area-profile-1440');
        await print.locator('[data-testid="custom-designations"]').scrollIntoViewIfNeeded();
        await screenshot(print, 'custom-area-profile-designations-1440');
      } finally {
        await print.close();
      }
      const printPhone = await s.newPage(PHONE);
      try {
        await printPhone.goto(`${s.atlas.url}${printHref}`);
        await printPhone.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
        await screenshot(printPhone, 'custom-area-profile-390');
        await printPhone.locator('[data-testid="custom-designations"]').scrollIntoViewIfNeeded();
        await screenshot(printPhone, 'custom-area-profile-designations-390');
      } finally {
        await printPhone.close();
      }

      const phone = await open(new URL(link).search ? `/${new URL(link).search}` : '/', PHONE);
      try {
        await phone.waitForSelector('#custom-panel [data-testid="custom-residents"]');
        expect(await panelFigures(phone)).toEqual(shown);
        await screenshot(phone, 'custom-area-drawn-390');
        await phone.locator('#custom-panel [data-testid="custom-services"]').scrollIntoViewIfNeeded();
        await screenshot(phone, 'custom-area-services-390');
        await phone.locator('#custom-panel [data-testid="custom-designations"]').scrollIntoViewIfNeeded();
        await screenshot(phone, 'custom-area-designations-390');
      } finally {
        await phone.close();
      }
    } finally {
      await p.close();
    }
  }, 180_000);

  it('builds an area from an opened parish with the keyboard, with that parish\'s figures', async () => {
    const parish = (await s.get('/api/search?q=Shepshed')).results.find((r: any) => r.layer === 'parishes');
    const detail = await s.get(`/api/areas/${parish.code}?layer=parishes`);
    const p = await open(`/?area=${parish.code}`);
    try {
      const add = p.locator('[data-testid="custom-add"]', { hasText: detail.properties.name });
      await add.focus();
      await p.keyboard.press('Enter');
      await p.locator('[data-testid="custom-build"]').focus();
      await p.keyboard.press('Enter');
      await p.waitForSelector('#custom-panel [data-testid="custom-residents"]');
      expect(await p.textContent('#custom-panel [data-testid="custom-residents"]')).toContain(`${detail.properties.population.toLocaleString('en-GB')} residents`);
      expect(new URL(p.url()).searchParams.get('custom')).toBe(`parishes/${parish.code}`);
      await screenshot(p, 'custom-area-from-parish-1440');
    } finally {
      await p.close();
    }
  }, 120_000);

  it('keeps the chosen registers in the link of an area built from areas: reloaded, the same figures from the same registers', async () => {
    const registers = (await s.get('/api/registers')).registers.map((r: { name: string }) => r.name) as string[];
    expect(registers.length).toBeGreaterThan(1);
    const chosen = registers[0];
    const parish = (await s.get('/api/search?q=Shepshed')).results.find((r: any) => r.layer === 'parishes');
    const p = await open(`/?view=density&area=${parish.code}`);
    try {
      // Built from the parish while every register counts, then the sidebar's choice narrowed to one.
      await p.locator('[data-testid="custom-add"]').click();
      await p.locator('[data-testid="custom-build"]').click();
      await p.waitForSelector('#custom-panel [data-testid="custom-groups"]');
      expect(await p.textContent('#custom-panel [data-testid="custom-groups"]')).toContain(`Registers counted: ${registers.join(', ')}.`);
      for (const name of registers.slice(1)) await p.locator(`input[name="register"][value="${name}"]`).uncheck();
      const link = new URL(p.url());
      expect(link.searchParams.get('custom')).toBe(`parishes/${parish.code}`);
      expect(link.searchParams.get('registers')).toBe(chosen);
      // The panel follows the link: its figures are those of the registers the link names.
      await p.waitForFunction((text) => document.querySelector('#custom-panel [data-testid="custom-groups"]')?.textContent?.includes(text), `Registers counted: ${chosen}.`, { timeout: 20_000 });
      const shown = await panelFigures(p);
      const api = await (await fetch(`${s.atlas.url}/api/profile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ areas: [`parishes/${parish.code}`], registers: [chosen] }) })).json();
      expect(shown.groups).toContain(`${api.groups.count} groups`);
      // The link alone (a new page, nothing else remembered) gives the same figures from the same register.
      const again = await open(`/${link.search}`);
      try {
        await again.waitForSelector('#custom-panel [data-testid="custom-groups"]');
        expect(await panelFigures(again)).toEqual(shown);
        expect(new URL(again.url()).searchParams.get('registers')).toBe(chosen);
      } finally {
        await again.close();
      }
    } finally {
      await p.close();
    }
  }, 120_000);
});

describe('the printed profile of your own area', () => {
  it('fits one A4 page for a whole district of parishes, the longest list of designations an area built from areas has', async () => {
    const { writeCustom } = await import('../../client/custom/custom-spec.ts');
    const parishes = (await s.get('/api/layers/parishes.geojson')).features as { id: string; properties: { district_code: string } }[];
    // The district whose parishes together bring the most designations, as the API answers them.
    let longest: { areas: { layer: 'parishes'; code: string }[]; designations: number } | null = null;
    for (const district of new Set(parishes.map((f) => f.properties.district_code))) {
      const areas = parishes.filter((f) => f.properties.district_code === district).map((f) => ({ layer: 'parishes' as const, code: f.id }));
      const res = await fetch(`${s.atlas.url}/api/profile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ areas: areas.map((a) => `${a.layer}/${a.code}`) }) });
      const answer = (await res.json()) as { designations: unknown[] };
      if (!longest || answer.designations.length > longest.designations) longest = { areas, designations: answer.designations.length };
    }
    expect(longest!.designations).toBeGreaterThan(3);
    const print = await s.newPage({ width: 1024, height: 900 });
    try {
      await print.goto(`${s.atlas.url}/area/custom?custom=${encodeURIComponent(writeCustom({ kind: 'areas', areas: longest!.areas }))}`);
      await print.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
      const pages = await pdfPages(new Uint8Array(await print.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })));
      expect(pages).toHaveLength(1);
      // Paper keeps three designations and says how many more the atlas lists.
      expect(pages[0]).toContain(`and ${longest!.designations - 3} more Appendix One rows`);
      await print.emulateMedia({ media: 'print' });
      await screenshot(print, 'custom-area-profile-district-print');
    } finally {
      await print.close();
    }
  }, 180_000);
});
