// End-to-end, the printable area profile and the automated WCAG audit: the profile rendered to PDF
// by chromium must be one A4 page carrying the key facts, and axe-core must find no serious or
// critical violation in the main states of the atlas. Real chromium, real server, figures from the API.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeAudit, recordFigure, screenshot, waitForMap, type AxeResult } from '../support/atlas-page.ts';
import { useSession, type Session } from '../support/e2e-session.ts';
import { pdfPages } from '../support/pdf.ts';

let s: Session;
useSession((session) => (s = session));

async function openProfile(code: string, layer: string, viewport = { width: 1024, height: 900 }): Promise<Page> {
  const p = await s.newPage(viewport);
  await p.goto(`${s.atlas.url}/area/${code}?layer=${layer}`);
  await p.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  return p;
}

describe('the printable area profile', () => {
  for (const [code, layer] of [['E04013143', 'parishes'], ['E01025611', 'lsoas']] as const) {
    it(`prints ${layer === 'lsoas' ? 'an LSOA' : 'a parish'} (${code}) on one A4 page with the key facts`, async () => {
      const [detail, answer] = await Promise.all([s.get(`/api/areas/${code}?layer=${layer}`), s.get(`/api/areas/${code}/services?layer=${layer}`)]);
      const p = await openProfile(code, layer);
      try {
        expect(await p.textContent('h1')).toBe(detail.properties.name);
        expect(await p.isVisible('button:has-text("Print / save as PDF")')).toBe(true);
        // The map drew the area: WebGL pixels were kept for printing.
        const drawn = await p.evaluate(() => {
          const c = document.querySelector<HTMLCanvasElement>('[data-testid="profile-map"] canvas')!;
          const gl = c.getContext('webgl2')!;
          const px = new Uint8Array(4);
          gl.readPixels(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
          return [...px];
        });
        expect(drawn[3]).toBe(255);
        await screenshot(p, `30-profile-${layer}-screen`);
        const pdf = await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        const pages = await pdfPages(new Uint8Array(pdf));
        expect(pages).toHaveLength(1);
        const text = pages[0];
        expect(text).toContain(detail.properties.name);
        expect(text).toContain(detail.properties.population.toLocaleString('en-GB'));
        for (const svc of answer.services) expect(text).toContain(svc.short_name);
        expect(text).toContain('Open Government Licence');
        expect(text).toMatch(/per 1,000/);
        expect(text).toContain(`${detail.properties.district_name} district`);
        if (layer === 'lsoas') {
          expect(text).toContain(`IMD 2025 decile`);
          const places = (await s.get('/api/layers/lsoas/places')).places[code];
          expect(text).toContain(places[0].name);
        }
        await p.emulateMedia({ media: 'print' });
        await screenshot(p, `31-profile-${layer}-print`);
      } finally {
        await p.close();
      }
    }, 90_000);
  }

  // The longest answers are the ones that spill: the area of each layer whose designations take the most
  // words (Grimston's once took two pages), as the API gives them today.
  for (const layer of ['parishes', 'wards', 'wards-2013'] as const)
    it(`prints the ${layer} area with the longest designations on one A4 page`, async () => {
      const features = (await s.get(`/api/layers/${layer}.geojson`)).features as { id: string; properties: { name: string; designations: unknown[] } }[];
      const longest = features.reduce((a, b) => (JSON.stringify(b.properties.designations).length > JSON.stringify(a.properties.designations).length ? b : a));
      const p = await openProfile(longest.id, layer);
      try {
        const pdf = await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        const pages = await pdfPages(new Uint8Array(pdf));
        expect(pages, `${longest.properties.name} (${longest.id}) printed on ${pages.length} pages`).toHaveLength(1);
        expect(pages[0]).toContain('Open Government Licence');
        await p.emulateMedia({ media: 'print' });
        await screenshot(p, `32-profile-longest-${layer}-print`);
      } finally {
        await p.close();
      }
    }, 90_000);

  it('says plainly when no area has the code', async () => {
    const p = await s.newPage();
    try {
      await p.goto(`${s.atlas.url}/area/E04999999`);
      await p.waitForFunction(() => document.body.dataset.ready === 'error');
      expect(await p.textContent('h1')).toBe('No profile for this area');
      s.errors.length = 0; // the 404 from the API is the expected answer here
    } finally {
      await p.close();
    }
  });

  it('counts the registers chosen in the atlas, exactly as the area panel does, and the panel links to it keeping them', async () => {
    const registers = (await s.get('/api/config')).registers.map((r: { name: string }) => r.name as string);
    expect(registers.length).toBeGreaterThan(1);
    const chosen = registers[registers.length - 1];
    const [all, one] = await Promise.all([s.get('/api/areas/E04013143?layer=parishes'), s.get(`/api/areas/E04013143?layer=parishes&registers=${chosen}`)]);
    // Only a test if the choice changes the figures.
    expect(one.properties.district_groups_per_1000).not.toBe(all.properties.district_groups_per_1000);
    const p = await s.newPage({ width: 1024, height: 900 });
    const dd = (term: string) => p.evaluate((t) => [...document.querySelectorAll('dt')].find((d) => d.textContent === t)?.nextElementSibling?.textContent ?? null, term);
    try {
      await p.goto(`${s.atlas.url}/?area=E04013143&registers=${chosen}`);
      await waitForMap(p, 'parishes');
      await p.waitForSelector('#area-panel .facts');
      const panelGroups = await dd('Community groups');
      const districtName = one.properties.district_name as string;
      const panelDistrict = await p.evaluate((n) => [...document.querySelectorAll('#area-panel .facts li')].map((li) => li.textContent!).find((t) => t.startsWith(`${n}: `)), districtName);
      const href = await p.getAttribute('#area-panel [data-testid="profile-link"]', 'href');
      expect(new URL(href!, s.atlas.url).searchParams.get('registers')).toBe(chosen);
      await p.click('#area-panel [data-testid="profile-link"]');
      await p.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
      expect(await dd('Community groups')).toBe(panelGroups);
      expect(await dd(`${districtName} district`)).toBe(panelDistrict!.slice(districtName.length + 2));
      expect(await p.textContent('.profile-sources')).toContain(`Registers counted: ${one.registers_counted.join(', ')}.`);
      // The document is cited by the title the server gives (one home), as the services answer cites it.
      const appendixOne = (await s.get('/api/config')).appendix_one as string;
      expect(await p.textContent('.profile-sources')).toContain(`Services and designations: ${appendixOne}.`);
      expect(new URL(await p.getAttribute('#back-to-atlas', 'href') ?? '', s.atlas.url).searchParams.get('registers')).toBe(chosen);
    } finally {
      await p.close();
    }
  }, 90_000);

  it('is linked from the area panel', async () => {
    await s.page.goto(`${s.atlas.url}/?area=E04013143`);
    await waitForMap(s.page, 'parishes');
    await s.page.waitForSelector('#area-panel [data-testid="profile-link"]');
    // The link carries the atlas's view (layer, registers, colour view, district, filters, map position), so the profile's way back returns to it.
    const href = new URL((await s.page.getAttribute('#area-panel [data-testid="profile-link"]', 'href'))!, s.atlas.url);
    expect(href.pathname).toBe('/area/E04013143');
    expect(href.searchParams.get('layer') ?? 'parishes').toBe('parishes');
    expect(href.searchParams.has('area')).toBe(false);
  });
});

describe('automated WCAG audit (axe-core)', () => {
  it('finds no serious or critical violation on the main page, table, open panel, checker and profile', async () => {
    const counts: Record<string, { total: number; serious: number; critical: number; rules: AxeResult[] }> = {};
    const audit = async (state: string, p: Page) => {
      const v = await axeAudit(p);
      counts[state] = { total: v.length, serious: v.filter((x) => x.impact === 'serious').length, critical: v.filter((x) => x.impact === 'critical').length, rules: v };
    };
    const p = await s.newPage({ width: 1440, height: 900 });
    try {
      await p.goto(s.atlas.url);
      await waitForMap(p, 'parishes');
      await audit('initial page', p);
      await p.click('#tab-btn-table');
      await p.waitForSelector('#area-table tbody tr');
      await audit('table', p);
      await p.click('#area-table tbody tr th button');
      await p.waitForSelector('#area-panel .services-list');
      await audit('panel open', p);
      await p.click('#tab-btn-checker');
      await p.fill('#checker-name', 'Scraftoft');
      await p.click('#checker-form button[type="submit"]');
      await p.waitForSelector('[data-testid="checker-summary"]');
      await audit('checker', p);
      await p.goto(`${s.atlas.url}/area/E04013143?layer=parishes`);
      await p.waitForFunction(() => document.body.dataset.ready === 'true');
      await audit('profile', p);
    } finally {
      await p.close();
    }
    recordFigure('axe-counts', counts);
    console.log(Object.entries(counts).map(([k, c]) => `${k}: ${c.total} violations (${c.serious} serious, ${c.critical} critical)${c.rules.length ? ` [${c.rules.map((r) => `${r.id}:${r.impact}`).join(', ')}]` : ''}`).join('\n'));
    for (const [state, c] of Object.entries(counts)) expect(c.rules.filter((r) => r.impact === 'serious' || r.impact === 'critical'), state).toEqual([]);
    // The attribution links are told apart by more than colour (underlined).
    expect(Object.values(counts).flatMap((c) => c.rules).some((r) => r.id === 'link-in-text-block')).toBe(false);
  }, 120_000);
});
