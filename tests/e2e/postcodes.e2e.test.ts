// End-to-end, postcodes at the finest area known: the checker and search answer LE67 3WA and
// LE11 3AA with the area that settles each service and a pin where the postcode is, and many postcodes
// at once come back as a table and a CSV keeping the input's columns; at desktop and phone sizes.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeAudit, screenshot, waitForMap } from '../support/atlas-page.ts';
import { useSession, type Session } from '../support/e2e-session.ts';

let s: Session;
useSession((session) => (s = session));

const SIZES = [
  { width: 1440, height: 900, name: '1440' },
  { width: 390, height: 844, name: '390' },
];

async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const p = await s.newPage(viewport);
  await p.goto(`${s.atlas.url}${path}`);
  await waitForMap(p, 'parishes');
  expect(await p.evaluate(() => Boolean(document.createElement('canvas').getContext('webgl2')))).toBe(true);
  return p;
}

/** The pin's place on screen is inside the map's box (it is drawn where the postcode is). */
async function pinOnMap(p: Page): Promise<boolean> {
  return p.evaluate(() => {
    const pin = document.querySelector('[data-testid="postcode-pin"]')?.getBoundingClientRect();
    const map = document.getElementById('map')!.getBoundingClientRect();
    return Boolean(pin && pin.width > 0 && pin.left >= map.left && pin.right <= map.right && pin.top >= map.top && pin.bottom <= map.bottom);
  });
}

describe('postcodes at the finest area known, in the page', () => {
  for (const size of SIZES)
    it(`the checker answers LE67 3WA with NW settled by its LSOA, and pins it (${size.name} px)`, async () => {
      const api = await s.get('/api/postcodes/LE67%203WA');
      const nw = api.services.find((x: { id: string }) => x.id === 'nw');
      expect(nw.extent).toBe('whole');
      const p = await open('/?tab=checker', size);
      try {
        await p.fill('#checker-name', 'LE67 3WA');
        await p.press('#checker-name', 'Enter');
        await p.waitForSelector('[data-testid="postcode-answer"]');
        expect(await p.textContent('[data-testid="postcode-summary"]')).toBe(api.summary);
        const li = p.locator('[data-testid="postcode-answer"] li[data-service="nw"]');
        expect(await li.getAttribute('data-extent')).toBe('whole');
        expect(await li.getAttribute('data-decided-by')).toBe(nw.decided_by);
        expect(await li.textContent()).toContain(api.areas.lsoas.name);
        expect(await p.locator('[data-testid="postcode-pin"]').count()).toBe(1);
        await screenshot(p, `postcodes-checker-${size.name}`);
        expect(await axeAudit(p)).toEqual([]);
        // "Show on map" for the LSOA opens it there, with the pin still where the postcode is.
        await p.click(`[data-testid="postcode-answer"] button:has-text("${api.areas.lsoas.name}")`);
        await waitForMap(p, 'lsoas');
        await p.waitForFunction(() => !window.atlas!.maplibre()!.isMoving());
        expect(await pinOnMap(p)).toBe(true);
        // On a phone the panel opens as a sheet below the map; the picture shows the map and its pin.
        await p.evaluate(() => window.scrollTo(0, document.getElementById('map')!.getBoundingClientRect().top + window.scrollY - 8));
        await screenshot(p, `postcodes-checker-map-${size.name}`);
      } finally {
        await p.close();
      }
    }, 120_000);

  it('search answers LE11 3AA beside a pin: RCC CDO not available, settled by an area finer than the unparished area', async () => {
    const api = await s.get('/api/postcodes/LE11%203AA');
    const rcc = api.services.find((x: { id: string }) => x.id === 'rcc_cdo');
    expect(rcc.extent).toBeNull();
    const p = await open('/', { width: 1440, height: 900 });
    try {
      await p.fill('#search-input', 'LE11 3AA');
      await p.waitForSelector('#search-results li:has-text("LE11 3AA")');
      await p.press('#search-input', 'Enter');
      await p.waitForSelector('[data-testid="postcode-note"]');
      expect(await p.textContent('[data-testid="postcode-note"] p')).toBe(api.summary);
      expect(await p.textContent('#status')).toBe(api.summary);
      await p.waitForFunction(() => !window.atlas!.maplibre()!.isMoving());
      expect(await pinOnMap(p)).toBe(true);
      await screenshot(p, 'postcodes-search-pin-1440');
      expect(await axeAudit(p)).toEqual([]);
      await p.click('[data-testid="postcode-note"] button');
      await p.waitForSelector('[data-testid="postcode-answer"] li[data-service="rcc_cdo"]');
      expect(await p.getAttribute('[data-testid="postcode-answer"] li[data-service="rcc_cdo"]', 'data-decided-by')).toBe(rcc.decided_by);
    } finally {
      await p.close();
    }
  }, 120_000);

  for (const size of SIZES)
    it(`answers many postcodes from a CSV as a table and a CSV keeping its columns (${size.name} px)`, async () => {
      const p = await open('/?tab=checker', size);
      try {
        await p.click('#bulk-postcodes summary');
        const csv = 'site,postcode,notes\r\nHall,LE67 3WA,"first, floor"\r\nChapel,le11 3aa,\r\nNowhere,ZZ99 9ZZ,none\r\n';
        await p.setInputFiles('#bulk-file', { name: 'sites.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await p.click('#bulk-form button[type="submit"]');
        await p.waitForSelector('[data-testid="bulk-table"] tbody tr');
        expect(await p.locator('[data-testid="bulk-table"] tbody tr').count()).toBe(3);
        expect(await p.textContent('[data-testid="bulk-summary"]')).toContain('3 postcodes: 2 found in the county, 1 not found');
        const row = (i: number) => p.locator('[data-testid="bulk-table"] tbody tr').nth(i);
        expect(await row(0).locator('th').textContent()).toBe('LE67 3WA');
        expect(await row(2).textContent()).toContain('Not found');
        const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid="bulk-download"]')]);
        expect(download.suggestedFilename()).toBe('sites-services.csv');
        const chunks: Buffer[] = [];
        for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
        const downloaded = Buffer.concat(chunks).toString('utf8');
        const lines = downloaded.trim().split('\r\n');
        expect(lines).toHaveLength(4);
        expect(lines[0].startsWith('site,postcode,notes,found,matched_postcode')).toBe(true);
        expect(lines[1].startsWith('Hall,LE67 3WA,"first, floor",yes,LE67 3WA')).toBe(true);
        expect(lines[1]).toContain('lsoas/E01025930');
        expect(lines[3].startsWith('Nowhere,ZZ99 9ZZ,none,no,')).toBe(true);
        await p.evaluate(() => document.querySelector('[data-testid="bulk-summary"]')!.scrollIntoView({ block: 'start' }));
        await screenshot(p, `postcodes-bulk-${size.name}`);
        expect(await axeAudit(p)).toEqual([]);
        // The table can be reached and scrolled by keyboard.
        await p.focus('.bulk-table-wrap');
        expect(await p.evaluate(() => document.activeElement?.classList.contains('bulk-table-wrap'))).toBe(true);
      } finally {
        await p.close();
      }
    }, 120_000);
});
