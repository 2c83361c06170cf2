// Issue 11, the charts follow the view: /api/analysis takes the district and the same filters as
// /api/layers and OGC items, and ranks by the map view's value. Every expectation is worked out here
// from the layer's own GeoJSON (the numbers the map and table show), never hard-coded.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useAtlas } from '../support/atlas-app.ts';

const test = useAtlas();
const get = test.get;
type Props = Record<string, any>;
const layer = async (path: string): Promise<Props[]> => (await get(path).expect(200)).body.features.map((f: { properties: Props }) => f.properties);
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const HARBOROUGH = 'E07000131';
/** Share of an area's residents who can access the service, as the layer says it: 1 wholly, the share in part, 0 not. */
const coverage = (p: Props, s: string) => (p.service_extent[s] === 'whole' ? 1 : p.service_extent[s] === 'part' ? p.service_share[s] : 0);

describe('density and reach by IMD decile follow the district and the filters', () => {
  it('pools only the LSOAs the same query keeps on /api/layers, in JSON and CSV alike', async () => {
    const filter = `district=harborough&service_absent=nw&registers=libraries`;
    const kept = await layer(`/api/layers/lsoas.geojson?${filter}`);
    const all = await layer('/api/layers/lsoas.geojson?registers=libraries');
    // The filter does keep fewer LSOAs, all in Harborough without Neighbourhood Workers.
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    expect(kept.every((p) => p.district_code === HARBOROUGH && !p.services.nw)).toBe(true);

    const res = await get(`/api/analysis/density-by-imd?${filter}`).expect(200);
    const rows = res.body.rows as Props[];
    for (const d of DECILES) {
      const inD = kept.filter((p) => p.imd_decile === d);
      const groups = inD.reduce((s, p) => s + p.groups, 0);
      const population = inD.reduce((s, p) => s + p.population, 0);
      expect(rows.find((r) => r.imd_decile === d)).toMatchObject({ lsoas: inD.length, groups, population, per_1000: population ? round3((groups / population) * 1000) : null });
    }
    // The numbers differ from the whole county's.
    const county = (await get('/api/analysis/density-by-imd?registers=libraries').expect(200)).body.rows as Props[];
    expect(county.reduce((s, r) => s + r.lsoas, 0)).toBe(all.length);
    expect(rows.reduce((s, r) => s + r.lsoas, 0)).toBe(kept.length);

    const csv = await get(`/api/analysis/density-by-imd.csv?${filter}`).expect(200);
    const csvRows = parse(csv.text, { columns: true }) as Props[];
    expect(csvRows.map((r) => [Number(r.lsoas), Number(r.groups), r.per_1000 === '' ? null : Number(r.per_1000)])).toEqual(rows.map((r) => [r.lsoas, r.groups, r.per_1000]));
    expect(csv.headers['content-disposition']).toContain('density-by-imd-e07000131-no-nw-registers-libraries.csv');
  });

  it('reach by decile counts the residents of the LSOAs kept by a category and IMD filter', async () => {
    const filter = 'category=general,none&imd_decile_min=4';
    const kept = await layer(`/api/layers/lsoas.geojson?${filter}`);
    expect(kept.length).toBeGreaterThan(0);
    const rows = (await get(`/api/analysis/reach-by-imd?${filter}`).expect(200)).body.rows as Props[];
    for (const d of DECILES) {
      const inD = kept.filter((p) => p.imd_decile === d);
      const population = inD.reduce((s, p) => s + p.population, 0);
      for (const service of ['nw', 'local_voice']) {
        const row = rows.find((r) => r.imd_decile === d && r.service === service)!;
        expect(row.lsoas).toBe(inD.length);
        expect(row.population).toBe(population);
        const reached = inD.filter((p) => p.services[service]).reduce((s, p) => s + p.population, 0);
        if (population) expect(row.share_whole_or_part).toBeCloseTo(reached / population, 3);
        else expect(row.share_whole_or_part).toBeNull();
      }
    }
    expect(rows.filter((r) => r.imd_decile < 4).every((r) => r.lsoas === 0)).toBe(true);
  });

  it('a density filter counts the registers asked for', async () => {
    const kept = await layer('/api/layers/lsoas.geojson?registers=libraries&density_min=0.1');
    expect(kept.length).toBeGreaterThan(0);
    const rows = (await get('/api/analysis/density-by-imd?registers=libraries&density_min=0.1').expect(200)).body.rows as Props[];
    expect(rows.reduce((s, r) => s + r.lsoas, 0)).toBe(kept.length);
    expect(rows.reduce((s, r) => s + r.groups, 0)).toBe(kept.reduce((s, p) => s + p.groups, 0));
    const reach = (await get('/api/analysis/reach-by-imd?registers=libraries&density_min=0.1').expect(200)).body.rows as Props[];
    expect(reach.filter((r) => r.service === 'nw').reduce((s, r) => s + r.lsoas, 0)).toBe(kept.length);
  });

  it('refuses what /api/layers refuses, naming the parameter', async () => {
    expect((await get('/api/analysis/density-by-imd?imd_decile_min=5&imd_decile_max=2').expect(400)).text).toContain('imd_decile_min');
    expect((await get('/api/analysis/reach-by-imd?district=atlantis').expect(400)).text).toContain('unknown district');
    expect((await get('/api/analysis/ranked?layer=parishes&cni_max=3').expect(400)).text).toContain('lsoas layer only');
    expect((await get('/api/analysis/ranked?layer=parishes&by=imd').expect(400)).body.detail).toMatch(/^parameter "by".*lsoas layer only/);
    expect((await get('/api/analysis/ranked?by=height').expect(400)).text).toContain('by');
    await get('/api/analysis/reach-by-imd?colour=red').expect(400);
  });

  it('lists the parameters of every analysis', async () => {
    const list = (await get('/api/analysis').expect(200)).body.analyses as Props[];
    for (const a of list) for (const p of ['district', 'category', 'service', 'service_absent', 'imd_decile_min', 'density_max', 'registers']) expect(a.parameters).toHaveProperty(p);
    expect(list.find((a) => a.id === 'ranked')!.parameters.by).toContain('coverage_nw');
  });
});

describe('ranked areas follow the map view', () => {
  it('ranks by a service\'s coverage share, with county and district lines from every area of the layer', async () => {
    const wards = await layer('/api/layers/wards.geojson');
    const res = await get(`/api/analysis/ranked?layer=wards&by=coverage_local_voice&district=${HARBOROUGH}`).expect(200);
    const rows = res.body.rows as Props[];
    const inDistrict = wards.filter((p) => p.district_code === HARBOROUGH);
    expect(rows.map((r) => r.code).sort()).toEqual(inDistrict.map((p) => p.code).sort());
    const byCode = new Map(wards.map((p) => [p.code, p]));
    for (const r of rows) {
      const p = byCode.get(r.code)!;
      const unknown = p.service_extent.local_voice === 'part' && p.service_share.local_voice === null;
      expect(r.value).toBe(unknown ? null : coverage(p, 'local_voice'));
      // An unspecified part lies somewhere between none and all of the residents.
      expect([r.lower, r.upper]).toEqual(unknown ? [0, 1] : [r.value, r.value]);
    }
    // Highest share first; a part of unknown share after every known share above 0, before none.
    const order = rows.map((r) => r.value ?? Number.MIN_VALUE);
    expect(order).toEqual([...order].sort((a, b) => b - a));
    const pooled = (ps: Props[]) => {
      const pop = ps.reduce((s, p) => s + (p.population ?? 0), 0);
      return Math.round((ps.reduce((s, p) => s + (p.population ?? 0) * (coverage(p, 'local_voice') ?? 0), 0) / pop) * 10_000) / 10_000;
    };
    expect(res.body.lines.county).toBeCloseTo(pooled(wards), 4);
    expect(res.body.lines.districts.find((d: Props) => d.code === HARBOROUGH).value).toBeCloseTo(pooled(inDistrict), 4);
  });

  it('ranks LSOAs by IMD (most deprived first) and CNI (greatest need first), kept by the filters, without county lines', async () => {
    const lsoas = await layer('/api/layers/lsoas.geojson?service_absent=nw');
    const imd = (await get('/api/analysis/ranked?layer=lsoas&by=imd&service_absent=nw').expect(200)).body;
    const expected = [...lsoas].sort((a, b) => a.imd_decile - b.imd_decile || a.imd_rank - b.imd_rank).map((p) => p.code);
    expect(imd.rows.map((r: Props) => r.code)).toEqual(expected);
    expect(imd.rows.map((r: Props) => r.rank)).toEqual(expected.map((_, i) => i + 1));
    expect(imd.lines).toBeNull();
    const cni = (await get('/api/analysis/ranked?layer=lsoas&by=cni&service_absent=nw').expect(200)).body.rows as Props[];
    const scores = cni.map((r) => r.value);
    expect(scores).toEqual(lsoas.map((p) => p.cni_score).sort((a, b) => b - a));
  });

  it('ranks by Appendix One category, highest first, and density keeps its rates and lines', async () => {
    const parishes = await layer('/api/layers/parishes.geojson');
    const rows = (await get('/api/analysis/ranked?layer=parishes&by=category').expect(200)).body.rows as Props[];
    const order = (p: Props) => (p.category ? ['general', 'social_capital', 'laa_target'].indexOf(p.category) * 2 + (p.category_extent === 'part' ? 0 : 1) : -1);
    const byCode = new Map(parishes.map((p) => [p.code, p]));
    const orders = rows.map((r) => order(byCode.get(r.code)!));
    expect(orders).toEqual([...orders].sort((a, b) => b - a));
    expect(rows[0].value_text).toMatch(/^LAA target area/);
    const density = (await get('/api/analysis/ranked?layer=parishes').expect(200)).body;
    expect(density.by).toBe('density');
    expect(density.lines.county).toBe(density.density.county.per_1000);
    expect(density.rows[0]).toHaveProperty('per_1000');
  });
});
