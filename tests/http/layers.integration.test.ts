// /api/layers and each layer as GeoJSON and CSV: RFC 7946, the filters (district, category, service,
// precision, properties), attribution, and 400/404 problems for unknown values.
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { EXPECTED_FEATURES } from '../support/paths.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';
import { rfc7946Problems } from '../support/rfc7946.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const get = (path: string) => request(atlas.app).get(path);
const ids = (fc: { features: { id: string }[] }) => fc.features.map((f) => f.id);

describe('GET /api/layers', () => {
  it('lists every registry layer with its count, vintage, attribution and fields', async () => {
    const res = await get('/api/layers').expect(200).expect('Content-Type', /^application\/json/);
    expect(res.body.layers.map((l: { id: string }) => l.id)).toEqual(LAYERS.map((l) => l.id));
    for (const [i, l] of res.body.layers.entries()) {
      expect(l.feature_count).toBe(EXPECTED_FEATURES[LAYERS[i].id]);
      expect(l.vintage).toBeTruthy();
      expect(l.attribution).toContain('Office for National Statistics');
      expect(l.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['code', 'name', 'category', 'services', 'groups_per_1000']));
    }
    expect(res.body.layers.find((l: { id: string }) => l.id === 'lsoas').fields.map((f: { name: string }) => f.name)).toContain('imd_decile');
  });
});

describe('GET /api/layers/{id}.geojson', () => {
  it.each(LAYERS.map((l) => [l.id, EXPECTED_FEATURES[l.id]] as const))('serves %s as RFC 7946 with %i features, id = GSS code', async (id, count) => {
    const res = await get(`/api/layers/${id}.geojson`).expect(200).expect('Content-Type', 'application/geo+json');
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features).toHaveLength(count);
    expect(rfc7946Problems(res.body, 5)).toEqual([]);
    expect(res.body.attribution).toContain('Office for National Statistics');
    expect(res.body.licence).toBeTruthy();
    const props = res.body.features[0].properties;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(['code', 'name', 'layer', 'district_code', 'district_name', 'category', 'designations', 'services', 'population', 'groups', 'groups_per_1000']));
    expect(Object.keys(props.services).sort()).toEqual([...SERVICE_IDS].sort());
    expect(props.layer).toBe(id);
    if (id === 'lsoas') expect(props).toHaveProperty('imd_decile');
    else expect(props).not.toHaveProperty('imd_decile');
  });

  it('keeps RFC 7946 at every precision, including coarse ones that collapse small rings', async () => {
    for (const precision of [1, 2, 3, 4, 6, 7]) {
      const res = await get(`/api/layers/parishes.geojson?precision=${precision}`).expect(200);
      expect(rfc7946Problems(res.body, Math.min(precision, 6)).filter((p) => !p.includes('decimals')), `precision ${precision}`).toEqual([]);
    }
    const p2 = (await get('/api/layers/wards.geojson?precision=2').expect(200)).body;
    expect(p2.precision).toBe(2);
    expect(JSON.stringify(p2.features[0].geometry)).not.toMatch(/\d\.\d{7,}/);
  });

  it('service=nw returns exactly the areas where NW is available', async () => {
    const res = await get('/api/layers/parishes.geojson?service=nw').expect(200);
    const expected = atlas.store.areas('parishes').filter((a) => a.services.nw !== null).map((a) => a.code);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(res.body)).toEqual(expected);
    expect(res.body.features.every((f: { properties: { services: { nw: boolean } } }) => f.properties.services.nw)).toBe(true);
  });

  it('combines district (code or name), category and service filters', async () => {
    const harborough = atlas.store.districts.find((d) => d.name === 'Harborough')!;
    const expected = atlas.store.areas('parishes').filter((a) => a.districtCode === harborough.code && a.category === 'general' && a.services.pc !== null).map((a) => a.code);
    const byName = await get('/api/layers/parishes.geojson?district=harborough&category=general&service=pc').expect(200);
    const byCode = await get(`/api/layers/parishes.geojson?district=${harborough.code}&category=general&service=pc`).expect(200);
    expect(ids(byName.body)).toEqual(expected);
    expect(ids(byCode.body)).toEqual(expected);
    const none = await get('/api/layers/parishes.geojson?category=none').expect(200);
    expect(ids(none.body)).toEqual(atlas.store.areas('parishes').filter((a) => a.category === null).map((a) => a.code));
  });

  it('properties= keeps only the named properties', async () => {
    const res = await get('/api/layers/lsoas.geojson?properties=name,imd_decile').expect(200);
    expect(Object.keys(res.body.features[0].properties)).toEqual(['name', 'imd_decile']);
  });

  it.each([
    ['service=taxi', 'service'],
    ['category=urban', 'category'],
    ['district=Rutland', 'district'],
    ['properties=colour', 'properties'],
    ['precision=0', 'precision'],
    ['precision=8', 'precision'],
    ['precision=5.5', 'precision'],
    ['registers=nope', 'registers'],
    ['bbox=1,2,3,4', 'bbox'],
  ])('answers %s with a 400 problem naming %s', async (query, name) => {
    const res = await get(`/api/layers/parishes.geojson?${query}`).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad request' });
    expect(res.body.detail).toContain(`"${name}"`);
  });

  it('answers an unknown layer with a 404 problem listing the layers', async () => {
    const res = await get('/api/layers/counties.geojson').expect(404).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain('counties');
    for (const l of LAYERS) expect(res.body.detail).toContain(l.id);
    await get('/api/layers/counties.csv').expect(404);
    await get('/api/layers/parishes.kml').expect(404);
  });
});

describe('GET /api/layers/{id}.csv', () => {
  it('serves the same rows without geometry, with centroids, services and attribution', async () => {
    const res = await get('/api/layers/wards.csv?service=nw').expect(200).expect('Content-Type', 'text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="wards-with-nw.csv"');
    const rows = parse(res.text, { columns: true, bom: true }) as Record<string, string>[];
    const expected = atlas.store.areas('wards').filter((a) => a.services.nw !== null);
    expect(rows.map((r) => r.code)).toEqual(expected.map((a) => a.code));
    expect(rows.every((r) => r.svc_nw === 'TRUE')).toBe(true);
    expect(Number(rows[0].centroid_lon)).toBeCloseTo(expected[0].centroid[0], 6);
    expect(rows[0].attribution).toContain('Office for National Statistics');
    expect(Object.keys(rows[0])).not.toContain('geometry');
  });

  it('refuses GeoJSON-only parameters', async () => {
    await get('/api/layers/wards.csv?precision=3').expect(400);
  });
});
