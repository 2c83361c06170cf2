// Answers officers can trust, round two: one test per defect an independent reading of Appendix One
// found (Oadby and Wigston in part, bounded inferences, "listed" only where Appendix One names the area,
// Parish Councils per council, headline counts, lower bounds, the county population, and no "seed").
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_IDS, type LayerId } from '../../server/registry/layers.ts';
import type { AreaRecord } from '../../server/store/records.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const OADBY_AND_WIGSTON = 'E07000135';
const areas = (layer: LayerId) => atlas.store.areas(layer);
const named = (layer: LayerId, name: string) => areas(layer).find((a) => a.name === name)!;
const answer = async (a: AreaRecord) => (await request(atlas.app).get(`/api/areas/${a.code}/services`).query({ layer: a.layer }).expect(200)).body;

describe('1. Oadby and Wigston are listed only in part', () => {
  it('gives Neighbourhood Workers wholly to no Oadby and Wigston ward but South Wigston, on both ward layers', () => {
    for (const layer of ['wards', 'wards-2013'] as const) {
      const whole = areas(layer).filter((a) => a.districtCode === OADBY_AND_WIGSTON && a.serviceCover.nw.extent === 'whole');
      expect(whole.map((a) => a.name), layer).toEqual(['South Wigston']);
    }
  });

  it('stores the urban-table Oadby, Wigston and Loughborough Hastings as part, with the parish table\'s words', () => {
    for (const name of ['Oadby', 'Wigston', 'Loughborough Hastings']) {
      const urban = atlas.store.entries.find((e) => e.table === 'urban' && e.listedAs === name)!;
      expect(urban.extent, name).toBe('part');
      expect(urban.note).toContain('Parts of the following');
    }
  });

  it('gives the Oadby and Wigston unparished area NW only in part, at least South Wigston\'s share', () => {
    const cover = named('parishes', 'Oadby and Wigston, unparished area').serviceCover.nw;
    expect(cover.extent).toBe('part');
    const southWigston = named('wards-2013', 'South Wigston').population!;
    const borough = named('parishes', 'Oadby and Wigston, unparished area').population!;
    expect(cover.share).toBeCloseTo(southWigston / borough, 3);
  });

  it('no longer shows NW wholly in the Oadby and Wigston LSOAs of IMD deciles 9 and 10 outside South Wigston', () => {
    const rich = areas('lsoas').filter((a) => a.districtCode === OADBY_AND_WIGSTON && (a.imd?.decile ?? 0) >= 9);
    expect(rich.length).toBeGreaterThan(0);
    for (const a of rich) expect(a.serviceCover.nw.extent, a.name).not.toBe('whole');
  });
});

describe('2. the later-ward reading of Loughborough East claims no whole area', () => {
  it('says Loughborough Hastings (2013) is designated only for an unspecified part', async () => {
    const body = await answer(named('wards-2013', 'Loughborough Hastings'));
    expect(body.area).toMatchObject({ category: 'laa_target', category_extent: 'part', category_share: null });
    expect(body.summary).not.toContain('for the whole');
    expect(body.summary).toContain('for an unspecified part of the 2013 ward');
  });
});

describe('3. an inference reaches only the residents it is about', () => {
  it('keeps Stonebow Village\'s inherited listing out of Shepshed East, on both ward layers', async () => {
    for (const [layer, name] of [['wards-2013', 'Shepshed East'], ['wards', 'Shepshed East']] as const) {
      const ward = named(layer, name);
      expect(ward.designations.filter((d) => d.method === 'successor_parish'), `${layer} ${name}`).toEqual([]);
      expect(ward.category).toBe('general');
      expect((await answer(ward)).summary).not.toContain('by inference');
    }
  });

  it('never says "this parish" about an area that is not a parish', async () => {
    for (const layer of LAYER_IDS.filter((l) => l !== 'parishes'))
      for (const a of areas(layer).filter((x) => x.designations.some((d) => d.method === 'successor_parish'))) {
        const body = await answer(a);
        expect(JSON.stringify(body), `${layer} ${a.name}`).not.toContain('this parish');
      }
  });
});

describe('5. "listed" only for an area Appendix One names', () => {
  it('never says "is listed" of a ward or LSOA', async () => {
    for (const layer of ['wards', 'lsoas'] as const)
      for (const a of areas(layer).filter((x) => x.category)) expect((await answer(a)).summary, `${layer} ${a.name}`).not.toContain(' is listed in Appendix One');
  });

  it('says a derived area is designated through the areas Appendix One names (Ambien, Blaby 002A)', async () => {
    const ambien = await answer(named('wards', 'Ambien'));
    expect(ambien.summary).toMatch(/^Ambien \(ward in Hinckley and Bosworth\) is designated through .+ \(this ward is not itself named\)/);
  });

  it('says Grimston is listed: Appendix One names it under its own name, besides Saxelbye merged into it', async () => {
    expect((await answer(named('parishes', 'Grimston'))).summary).toContain('Grimston (parish in Melton) is listed in Appendix One');
  });
});

describe('7. Parish Councils go to the parish council, and headlines keep all residents apart from some', () => {
  it('gives every parish that a listing reaches with Parish Councils the service wholly', () => {
    const parishes = areas('parishes').filter((a) => a.code.startsWith('E04') && a.designations.length > 0);
    expect(parishes.filter((a) => a.serviceCover.pc.extent === 'part').map((a) => a.name)).toEqual([]);
    for (const name of ['Bottesford', 'Syston', 'Hugglescote and Donington le Heath']) expect(named('parishes', name).serviceCover.pc.extent, name).toBe('whole');
  });

  it('does not tell Hugglescote that all its residents have all seven services', async () => {
    const body = await answer(named('parishes', 'Hugglescote and Donington le Heath'));
    expect(body.summary).not.toContain('7 of the 7');
    expect(body.summary).toMatch(/All its residents can access \d of the 7 services: .*\. Some of its residents can also access \d more: Neighbourhood Workers \(6% of residents\)/);
  });
});

describe('8. smaller truths', () => {
  it('never reports inferred provision as part with a share of 1', () => {
    for (const layer of LAYER_IDS) for (const a of areas(layer)) for (const p of a.provisions) if (p.extent === 'part') expect(p.share ?? 0, `${layer} ${a.name} ${p.id}`).toBeLessThan(0.999);
  });

  it('says "at least" where the share is a lower bound', async () => {
    const bounded = LAYER_IDS.flatMap((l) => areas(l)).filter((a) => Object.values(a.serviceCover).some((c) => c.shareAtLeast));
    expect(bounded.length).toBeGreaterThan(0);
    const body = await answer(bounded[0]);
    const service = body.services.find((s: { share_at_least: boolean }) => s.share_at_least);
    expect(service.reason).toContain(`at least ${Math.round(service.share * 100)}% of residents`);
    expect(body.summary).toContain(`${service.name} (at least ${Math.round(service.share * 100)}% of residents)`);
  });

  it('divides the county density on the parish layer by every resident (712,355)', async () => {
    const body = (await request(atlas.app).get('/api/layers/parishes.geojson').expect(200)).body;
    const county = body.density.county;
    expect(county.population).toBe(712355);
  });

  it('states the best-fit assignment of a label-point parish that holds residents (Beeby)', () => {
    const beeby = named('parishes', 'Beeby');
    expect(beeby.populationNote).toContain(`assigns this parish ${beeby.population} residents (its own Census 2021 Output Area)`);
    expect(beeby.populationNote!.length).toBeLessThanOrEqual(254); // it must fit a Shapefile text field
  });

  it('cites documents by title, never as "seed", in every answer, reference list and layer text', async () => {
    const texts: string[] = [];
    for (const path of ['/api/services', '/api/sources', '/api/layers', '/api/analysis', '/api/registers', '/api/reconciliation', '/api/layers/parishes.geojson?registers=libraries'])
      texts.push(JSON.stringify((await request(atlas.app).get(path)).body));
    for (const layer of LAYER_IDS) for (const a of areas(layer).slice(0, 40)) texts.push(JSON.stringify(await answer(a)));
    for (const t of texts) expect(t).not.toMatch(/\bseed\b/i);
  });
});
