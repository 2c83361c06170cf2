// Issue 11 over real HTTP and the real store: honest density (count, exact interval, flags, district
// and county rates, the reference that fits), /api/analysis JSON and CSV, and combined filters.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { poissonInterval } from '../../server/domain/density.ts';
import type { GroupRegisters } from '../../server/registers/group-registers.ts';
import { useAtlas } from '../support/atlas-app.ts';

const test = useAtlas();
const get = test.get;
type Props = Record<string, any>;
const props = (fc: { features: { properties: Props }[] }) => fc.features.map((f) => f.properties);

describe('honest density on the layers', () => {
  it('reproduces the issue: built-ins give 67 groups, 0.094 per 1,000 for the county, and Cotesbach ranks first', async () => {
    const res = await get('/api/layers/parishes.geojson').expect(200);
    expect(res.body.density.county).toMatchObject({ groups: 67, per_1000: 0.094 });
    const ranked = await get('/api/analysis/ranked?layer=parishes').expect(200);
    expect(ranked.body.rows[0]).toMatchObject({ name: 'Cotesbach', groups: 1, population: 241, flags: ['few_groups', 'few_residents'] });
  });

  it('gives every rate its count, exact 95% interval and flags (Cotesbach: 1 group among 241 residents)', async () => {
    const res = await get('/api/layers/parishes.geojson').expect(200);
    const cotesbach = props(res.body).find((p) => p.name === 'Cotesbach')!;
    expect(cotesbach).toMatchObject({ groups: 1, population: 241 });
    const ci = poissonInterval(1);
    expect(cotesbach.groups_per_1000_lower).toBeCloseTo((ci.lower / 241) * 1000, 3);
    expect(cotesbach.groups_per_1000_upper).toBeCloseTo((ci.upper / 241) * 1000, 3);
    expect(cotesbach.density_flags).toEqual(['few_groups', 'few_residents']);
    // The district and county beside it, from the same layer and registers.
    const district = res.body.density.districts.find((d: Props) => d.code === cotesbach.district_code);
    expect(cotesbach.district_groups_per_1000).toBe(district.per_1000);
    expect(cotesbach.county_groups_per_1000).toBe(0.094);
    const sum = res.body.density.districts.reduce((s: number, d: Props) => s + d.groups, 0);
    expect(sum).toBe(res.body.density.county.groups);
  });

  it('says plainly that the built-in registers support no comparison with a published figure', async () => {
    const res = await get('/api/layers/lsoas.geojson').expect(200);
    expect(res.body.density.reference.comparison).toBe('none');
    expect(res.body.density.reference.references).toEqual([]);
    expect(res.body.density.reference.statement).toMatch(/^No comparison/);
  });

  it('puts the interval, flags and district and county rates in the CSV too', async () => {
    const res = await get('/api/layers/parishes.csv').expect(200);
    const rows = parse(res.text, { columns: true, bom: true }) as Props[];
    const cotesbach = rows.find((r) => r.name === 'Cotesbach')!;
    expect(cotesbach.flags).toBe('few_groups;few_residents');
    expect(Number(cotesbach.grp_1000hi)).toBeGreaterThan(Number(cotesbach.grp_1000));
    expect(cotesbach.cnty_1000).toBe('0.094');
  });
});

describe('the reference that fits each register', () => {
  it('compares a charity register with England 1.8, and a mix with the built-ins with nothing', async () => {
    const postcodes = test.atlas.store.postcodesStartingWith('LE17', 3).map((p) => p.postcode);
    const csv = 'name,category,postcode\n' + postcodes.map((p, i) => `Charity ${i},charity,${p}`).join('\n') + '\n';
    (test.atlas.ctx.groups as GroupRegisters).import({ register: 'charities-test', format: 'csv', content: csv, fileName: 'charities.csv', comparison: 'registered_charities' });
    const only = await get('/api/layers/lsoas.geojson?registers=charities-test').expect(200);
    expect(only.body.density.reference.comparison).toBe('registered_charities');
    expect(only.body.density.reference.statement).toContain('registered charities, England 1.8');
    expect(only.body.density.reference.references.map((r: Props) => r.value)).toEqual([1.8, 5.5, 0.7]);
    const mixed = await get('/api/layers/lsoas.geojson?registers=charities-test,libraries').expect(200);
    expect(mixed.body.density.reference.references).toEqual([]);
    const listed = await get('/api/layers').expect(200);
    expect(listed.body.registers.find((r: Props) => r.name === 'charities-test').comparison).toBe('registered_charities');
    expect(listed.body.registers.find((r: Props) => r.name === 'libraries').comparison).toBe('none');
  });
});

describe('/api/analysis', () => {
  it('lists the analyses with their parameters and links', async () => {
    const res = await get('/api/analysis').expect(200);
    expect(res.body.analyses.map((a: Props) => a.id)).toEqual(['density-by-imd', 'reach-by-imd', 'ranked']);
    expect(res.body.analyses[2].parameters).toHaveProperty('layer');
  });

  it('density by IMD decile pools every LSOA once, with intervals', async () => {
    const res = await get('/api/analysis/density-by-imd?registers=libraries,case-studies').expect(200);
    const rows = res.body.rows as Props[];
    expect(rows.map((r) => r.imd_decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows.reduce((s, r) => s + r.lsoas, 0)).toBe(408);
    const lsoas = props((await get('/api/layers/lsoas.geojson?registers=libraries,case-studies').expect(200)).body);
    expect(rows.reduce((s, r) => s + r.groups, 0)).toBe(lsoas.reduce((s, p) => s + p.groups, 0));
    expect(rows.reduce((s, r) => s + r.population, 0)).toBe(lsoas.reduce((s, p) => s + p.population, 0));
    for (const r of rows.filter((x) => x.population)) expect(r.lower).toBeLessThanOrEqual(r.per_1000);
    const csv = parse((await get('/api/analysis/density-by-imd.csv?registers=libraries').expect(200).expect('Content-Type', /text\/csv/)).text, { columns: true }) as Props[];
    expect(csv).toHaveLength(10);
    expect(csv[0]).toHaveProperty('upper');
  });

  it('reach by IMD decile: shares of residents per service, wholly or in part, agree with the LSOA layer', async () => {
    const res = await get('/api/analysis/reach-by-imd').expect(200);
    const lsoas = props((await get('/api/layers/lsoas.geojson').expect(200)).body);
    const d1 = lsoas.filter((p) => p.imd_decile === 1);
    const row = (res.body.rows as Props[]).find((r) => r.imd_decile === 1 && r.service === 'nw')!;
    const pop = d1.reduce((s, p) => s + p.population, 0);
    const reached = d1.filter((p) => p.services.nw).reduce((s, p) => s + p.population, 0);
    expect(row.population).toBe(pop);
    expect(row.share_whole_or_part).toBeCloseTo(reached / pop, 3);
    expect(row.share_certainly_reached).toBeLessThanOrEqual(row.share_whole_or_part);
  });

  it('ranks areas by density, and refuses unknown analyses and parameters with problem+json', async () => {
    const res = await get('/api/analysis/ranked?layer=parishes&district=harborough').expect(200);
    const rows = res.body.rows as Props[];
    expect(rows.every((r) => r.district_name === 'Harborough')).toBe(true);
    for (let i = 1; i < rows.length; i++) expect((rows[i - 1].per_1000 ?? -1) >= (rows[i].per_1000 ?? -1)).toBe(true);
    await get('/api/analysis/nope').expect(404).expect('Content-Type', /problem\+json/);
    const bad = await get('/api/analysis/ranked?layer=counties').expect(400);
    expect(bad.text).toContain('layer');
  });
});

describe('combined filters', () => {
  it('IMD decile 1–3 and no Neighbourhood Workers, on GeoJSON, CSV and OGC items alike, with a file name that says so', async () => {
    const q = 'imd_decile_min=1&imd_decile_max=3&service_absent=nw';
    const geo = await get(`/api/layers/lsoas.geojson?${q}`).expect(200);
    const kept = props(geo.body);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((p) => p.imd_decile <= 3 && !p.services.nw)).toBe(true);
    const all = props((await get('/api/layers/lsoas.geojson').expect(200)).body);
    expect(kept).toHaveLength(all.filter((p) => p.imd_decile <= 3 && !p.services.nw).length);
    expect(geo.headers['content-disposition']).toContain('lsoas-no-nw-imd1-3.geojson');
    const csv = await get(`/api/layers/lsoas.csv?${q}`).expect(200);
    expect((parse(csv.text, { columns: true, bom: true }) as Props[]).map((r) => r.code)).toEqual(kept.map((p) => p.code));
    expect(csv.headers['content-disposition']).toContain('lsoas-no-nw-imd1-3.csv');
    const ogc = await get(`/ogc/collections/lsoas/items?${q}&limit=1000`).expect(200);
    expect(ogc.body.numberMatched).toBe(kept.length);
  });

  it('filters by CNI score and density range', async () => {
    const all = props((await get('/api/layers/lsoas.geojson').expect(200)).body);
    const cni = props((await get('/api/layers/lsoas.geojson?cni_min=30&cni_max=60').expect(200)).body);
    expect(cni.map((p) => p.code)).toEqual(all.filter((p) => p.cni_score >= 30 && p.cni_score <= 60).map((p) => p.code));
    const dense = props((await get('/api/layers/parishes.geojson?density_min=0.5').expect(200)).body);
    const parishes = props((await get('/api/layers/parishes.geojson').expect(200)).body);
    expect(dense.map((p) => p.code)).toEqual(parishes.filter((p) => p.groups_per_1000 !== null && p.groups_per_1000 >= 0.5).map((p) => p.code));
  });

  it('refuses reversed ranges and IMD filters on layers without IMD, naming the parameter', async () => {
    const r = await get('/api/layers/lsoas.geojson?imd_decile_min=5&imd_decile_max=2').expect(400);
    expect(r.text).toContain('imd_decile_min');
    const p = await get('/api/layers/parishes.csv?imd_decile_max=3').expect(400);
    expect(p.text).toContain('lsoas layer only');
    await get('/api/layers/lsoas.geojson?imd_decile_min=11').expect(400);
  });

  it('refuses a bound written so large it is not a finite number (cni_min=1e999), naming it', async () => {
    const r = await get('/api/layers/lsoas.geojson?cni_min=1e999').expect(400);
    expect(r.body.detail).toContain('cni_min');
    expect(r.body.detail).toContain('finite');
    await get('/api/lookup?lon=-1e999&lat=52.6').expect(400);
  });
});
