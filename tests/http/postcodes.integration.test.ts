// Postcodes at the finest area known (GET /api/postcodes/:postcode, POST /api/postcodes), checked
// against each containing area's own answer over real county postcodes from the shared postcode file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';
import { GEODATA_DIR } from '../support/paths.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

interface Service {
  id: string;
  available: boolean;
  extent: 'whole' | 'part' | null;
  decided_by: string | null;
  share: number | null;
  share_of: string | null;
  at_least: boolean;
  contradicted_by?: string[];
}
interface Result {
  query: string;
  postcode: string | null;
  found: boolean;
  lon: number | null;
  lat: number | null;
  areas: Record<string, { code: string; name: string }>;
  services: Service[];
}
interface LookupArea {
  layer: string;
  code: string;
  service_extent: Record<string, 'whole' | 'part' | null>;
}

/** Every 120th postcode of the shared file: about 220 spread over the whole county. */
function countyPostcodes(): string[] {
  const rows = readFileSync(join(GEODATA_DIR, 'postcodes', 'postcodes-leicestershire.csv'), 'utf8').trim().split('\n').slice(1);
  return rows.filter((_, i) => i % 120 === 0).map((r) => r.split(',')[0]);
}

const post = (body: unknown) => request(atlas.app).post('/api/postcodes').set('content-type', 'application/json').send(JSON.stringify(body));

describe('postcodes at the finest area known', () => {
  it('answers LE67 3WA with NW wholly, settled by its LSOA though its unparished area is only part', async () => {
    const res = await request(atlas.app).get('/api/postcodes/le67%203wa').expect(200);
    const r = res.body as Result;
    const nw = r.services.find((s) => s.id === 'nw')!;
    expect(nw.extent).toBe('whole');
    expect(nw.decided_by).toBe(`lsoas/${r.areas.lsoas.code}`);
    expect(atlas.store.area(r.areas.parishes.code, 'parishes')!.serviceCover.nw.extent).toBe('part');
  });

  it('answers LE11 3AA with no RCC CDO, though its parish-layer area has it in part', async () => {
    const r = (await request(atlas.app).get('/api/postcodes/LE113AA').expect(200)).body as Result;
    const rcc = r.services.find((s) => s.id === 'rcc_cdo')!;
    expect(rcc.available).toBe(false);
    expect(rcc.decided_by).toMatch(/^(lsoas|wards|wards-2013)\//);
    expect(atlas.store.area(r.areas.parishes.code, 'parishes')!.serviceCover.rcc_cdo.extent).toBe('part');
  });

  it('agrees with every containing area’s own answer for 200+ county postcodes, and is sharper than the parish for some', async () => {
    const postcodes = countyPostcodes();
    expect(postcodes.length).toBeGreaterThanOrEqual(100);
    const { body } = await post({ postcodes }).expect(200);
    expect(body.results.map((r: Result) => r.query)).toEqual(postcodes);
    let sharper = 0;
    let checked = 0;
    for (const r of body.results as Result[]) {
      if (!r.found || Object.keys(r.areas).length === 0) continue;
      checked++;
      const look = (await request(atlas.app).get(`/api/lookup?postcode=${encodeURIComponent(r.postcode!)}`).expect(200)).body as { areas: LookupArea[] };
      expect(Object.fromEntries(look.areas.map((a) => [a.layer, a.code])), r.postcode!).toEqual(Object.fromEntries(Object.entries(r.areas).map(([l, a]) => [l, a.code])));
      const own = new Map(look.areas.map((a) => [`${a.layer}/${a.code}`, a.service_extent]));
      for (const id of SERVICE_IDS) {
        const s = r.services.find((x) => x.id === id)!;
        const extents = [...own.values()].map((e) => e[id]);
        if (s.extent === 'part') {
          // Stays part only when no containing area settles it.
          expect(extents.every((e) => e === 'part'), `${r.postcode} ${id}`).toBe(true);
          expect(s.decided_by).toBeNull();
          if (s.share_of) {
            const [layer, code] = s.share_of.split('/');
            expect(s.share).toBe(atlas.store.area(code, layer as never)!.serviceCover[id].share);
          }
        } else {
          // Settled by a containing area whose own answer is exactly that.
          expect(own.get(s.decided_by!)?.[id], `${r.postcode} ${id}`).toBe(s.extent);
          expect(extents).toContain(s.extent);
          for (const other of s.contradicted_by ?? []) expect(own.get(other)?.[id]).toBe(s.extent === 'whole' ? null : 'whole');
        }
        const parish = own.get(`parishes/${r.areas.parishes?.code}`)?.[id];
        if (parish === 'part' && s.extent !== 'part') sharper++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(100);
    expect(sharper).toBeGreaterThan(0);
  });

  it('gives the same answer for one postcode as in a list', async () => {
    type Worded = Service & { reason: string; name: string; short_name: string };
    const one = (await request(atlas.app).get('/api/postcodes/LE17%204QB').expect(200)).body as Omit<Result, 'services'> & { summary: string; services: Worded[] };
    const { body } = await post({ postcodes: ['le174qb'] }).expect(200);
    const { summary, services, ...rest } = one;
    expect(summary).toMatch(/^Postcode LE17 4QB is in /);
    expect({ ...body.results[0], query: rest.query }).toEqual({ ...rest, services: services.map(({ reason: _reason, name: _name, short_name: _short, ...s }) => s) });
    // Each sentence names the area that settles it.
    for (const s of services) if (s.decided_by) expect(s.reason).toContain(Object.values(one.areas).find((a) => s.decided_by!.endsWith(a.code))!.name);
  });

  it('answers unknown and badly formed postcodes as not found, in the order asked', async () => {
    const { body } = await post({ postcodes: ['ZZ99 9ZZ', 'not a postcode', 'LE17 4QB', 'LE17 4QB'] }).expect(200);
    expect(body.results.map((r: Result) => [r.query, r.found])).toEqual([
      ['ZZ99 9ZZ', false],
      ['not a postcode', false],
      ['LE17 4QB', true],
      ['LE17 4QB', true],
    ]);
    expect(body.results[0]).toMatchObject({ postcode: 'ZZ99 9ZZ', lon: null, lat: null, services: [] });
  });

  it('refuses more than 10,000 postcodes with a problem stating the limit', async () => {
    const res = await post({ postcodes: Array.from({ length: 10_001 }, () => 'LE174QB') }).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toContain('10,000');
    expect(res.body.limit).toBe(10_000);
  });

  it('names the field when the body is wrong, never a stack', async () => {
    const noList = await post({ postcode: 'LE17 4QB' }).expect(400);
    expect(noList.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(noList.body.detail).toMatch(/"post(codes|code)"/);
    const notText = await post({ postcodes: [12] }).expect(400);
    expect(notText.body.detail).toContain('postcodes');
    const notJson = await request(atlas.app).post('/api/postcodes').set('content-type', 'application/json').send('{"postcodes": [').expect(400);
    expect(notJson.body.detail).toMatch(/not valid JSON/);
    await request(atlas.app).get('/api/postcodes/NOTAPOSTCODE').expect(400);
    await request(atlas.app).get('/api/postcodes/ZZ999ZZ').expect(404);
  });
});
