// The register API over HTTP on the real app: imports as text/csv, GeoJSON and multipart with the
// admin token; the token rules; the size limit; rejected files as problem+json; and the layer and
// area responses whose groups, groups_per_1000 and registers_counted follow the registers chosen.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupRegisters } from '../../server/registers/group-registers.ts';
import { REGISTER_UPLOAD_LIMIT } from '../../server/http/registers/upload.ts';
import type { AtlasStore } from '../../server/store/atlas-store.ts';
import { csv, insidePoint, openStore, testApp } from './support.ts';

const TOKEN = 'test-admin-token';
let store: AtlasStore;
let app: ReturnType<typeof testApp>['app'];
let groups: GroupRegisters;
let parish: { code: string; population: number; point: [number, number] };
let pointParish: string;

beforeAll(() => {
  store = openStore();
  ({ app, groups } = testApp(store, TOKEN));
  const area = store.areas('parishes').find((a) => a.geometry.type !== 'Point' && (a.population ?? 0) > 1000)!;
  parish = { code: area.code, population: area.population!, point: insidePoint(store, 'parishes', area.code) };
  pointParish = store.areas('parishes').find((a) => a.geometry.type === 'Point')!.code;
});
afterAll(() => {
  groups.close();
  store.close();
});

const post = (query = '') => request(app).post(`/api/registers${query}`).set('Authorization', `Bearer ${TOKEN}`);

describe('POST /api/registers', () => {
  it('imports a CSV body and answers 201 with the report, then 200 when it replaces the register', async () => {
    const body = csv(['name', 'category', 'lon', 'lat'], [['A', 'sport', ...parish.point], ['B', 'arts', ...parish.point], ['C', 'arts', ...parish.point]]);
    const res = await post('?register=densities&source=Test%20directory').set('Content-Type', 'text/csv').send(body);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/registers/densities');
    expect(res.body).toMatchObject({ status: 'imported', imported: 3, source: 'Test directory', categories: { arts: 2, sport: 1 } });
    const again = await post('?register=densities').set('Content-Type', 'text/csv').send(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replaced_previous: true, source: 'Test directory' });
  });

  it('imports a GeoJSON body (geo+json or json) and a multipart upload', async () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: parish.point }, properties: { name: 'G', category: 'x' } }] };
    const geo = await post('?register=geo').set('Content-Type', 'application/geo+json').send(JSON.stringify(fc));
    expect(geo.status).toBe(201);
    expect(geo.body).toMatchObject({ format: 'geojson', imported: 1 });
    const json = await post('?register=json').set('Content-Type', 'application/json').send(JSON.stringify(fc));
    expect(json.status).toBe(201);
    const empty = await post('?register=json').set('Content-Type', 'application/json').send('{}');
    expect(empty.status).toBe(422);
    expect(empty.body.report.rejections[0].reason).toContain('FeatureCollection');
    const form = await post().field('register', 'form').field('source', 'Form upload').attach('file', Buffer.from(csv(['name', 'category', 'area_code'], [['Hall', 'x', pointParish]])), 'directory.csv');
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({ register: 'form', file_name: 'directory.csv', source: 'Form upload', located_by: { area_code: 1 } });
  });

  it('answers a file with bad rows with 422 problem+json listing every line, and changes nothing', async () => {
    const before = (await request(app).get('/api/registers')).body;
    const body = csv(['name', 'category', 'postcode'], [['A', 'x', 'LE99 9ZZ'], ['', 'x', 'LE99 9ZZ']]);
    const res = await post('?register=densities').set('Content-Type', 'text/csv').send(body);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toContain('register "densities" is unchanged');
    expect(res.body.report.rejections).toEqual([
      { line: 2, field: 'postcode', kind: 'unknown_postcode', reason: 'unknown postcode "LE99 9ZZ"' },
      { line: 3, field: 'name', kind: 'empty_field', reason: 'required field "name" is empty' },
    ]);
    expect((await request(app).get('/api/registers')).body).toEqual(before);
  });

  it('refuses an upload over the size limit with 413', async () => {
    const big = 'name,category,postcode\n' + 'x,y,LE17 4ED\n'.repeat(Math.ceil(REGISTER_UPLOAD_LIMIT / 13) + 10);
    const res = await post('?register=big').set('Content-Type', 'text/csv').send(big);
    expect(res.status).toBe(413);
    expect(res.body.detail).toContain('at most 5 MB');
  });

  it('refuses other media types with 415 and a missing register name with 400', async () => {
    expect((await post('?register=x').set('Content-Type', 'application/xml').send('<x/>')).status).toBe(415);
    const res = await post().set('Content-Type', 'text/csv').send('name,category,postcode\n');
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('register name is required');
  });
});

describe('the admin token', () => {
  const body = 'name,category,postcode\nA,x,LE17 4ED\n';

  it('is required: a missing token is 401 with WWW-Authenticate', async () => {
    const res = await request(app).post('/api/registers?register=nope').set('Content-Type', 'text/csv').send(body);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('must match: a wrong token is 403', async () => {
    const res = await request(app).post('/api/registers?register=nope').set('Authorization', 'Bearer not-the-token').set('Content-Type', 'text/csv').send(body);
    expect(res.status).toBe(403);
    expect(groups.registers().some((r) => r.name === 'nope')).toBe(false);
  });

  it('when none is configured, write endpoints are off for everyone', async () => {
    const off = testApp(store, null);
    const res = await request(off.app).post('/api/registers?register=nope').set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'text/csv').send(body);
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('no ATLAS_ADMIN_TOKEN configured');
    expect((await request(off.app).delete('/api/registers/libraries').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(403);
    expect((await request(off.app).get('/api/registers')).body.import.writable).toBe(false);
    off.groups.close();
  });
});

describe('counts in the layer and area responses', () => {
  it('gives groups and groups_per_1000 for the selected registers and names them', async () => {
    const res = await request(app).get(`/api/areas/${parish.code}?layer=parishes&registers=densities`);
    expect(res.status).toBe(200);
    expect(res.body.registers_counted).toEqual(['densities']);
    expect(res.body.properties.groups).toBe(3);
    expect(res.body.properties.groups_per_1000).toBeCloseTo((3 / parish.population) * 1000, 3);
  });

  it('gives a null density where the population is unknown (point-only parishes), with the group still counted', async () => {
    const res = await request(app).get(`/api/areas/${pointParish}?layer=parishes&registers=form`);
    expect(res.body.properties).toMatchObject({ population: null, groups: 1, groups_per_1000: null });
  });

  it('counts every register by default, in GeoJSON and CSV alike', async () => {
    const geo = await request(app).get('/api/layers/parishes.geojson?properties=code,groups');
    const names = groups.registers().map((r) => r.name);
    expect(geo.body.registers_counted).toEqual(names);
    const expected = [...groups.counts('parishes', null).values()].reduce((a, b) => a + b, 0);
    expect(geo.body.features.reduce((s: number, f: { properties: { groups: number } }) => s + f.properties.groups, 0)).toBe(expected);
    const one = await request(app).get('/api/layers/parishes.csv?registers=densities');
    expect(one.headers['x-registers-counted']).toBe('densities');
  });

  it('refuses an unknown register name with 400', async () => {
    const res = await request(app).get('/api/layers/parishes.geojson?registers=nonesuch');
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('unknown register "nonesuch"');
  });

  it('follows a re-import at once, though the layer responses are cached', async () => {
    const url = '/api/layers/parishes.geojson?registers=geo&properties=code,groups';
    const countIn = (body: { features: { id: string; properties: { groups: number } }[] }) => body.features.find((f) => f.id === parish.code)!.properties.groups;
    expect(countIn((await request(app).get(url)).body)).toBe(1);
    const twice = csv(['name', 'category', 'lon', 'lat'], [['G1', 'x', ...parish.point], ['G2', 'x', ...parish.point]]);
    expect((await post('?register=geo').set('Content-Type', 'text/csv').send(twice)).status).toBe(200);
    expect(countIn((await request(app).get(url)).body)).toBe(2);
  });
});

describe('GET /api/registers and /api/groups.geojson', () => {
  it('lists registers with rows, source, import time and categories', async () => {
    const res = await request(app).get('/api/registers');
    const densities = res.body.registers.find((r: { name: string }) => r.name === 'densities');
    expect(densities).toMatchObject({ kind: 'imported', rows: 3, source: 'Test directory', categories: { arts: 2, sport: 1 } });
    expect(Date.parse(densities.imported_at)).not.toBeNaN();
    expect(res.body.registers.slice(0, 2).map((r: { name: string }) => r.name)).toEqual(['libraries', 'case-studies']);
    const detail = await request(app).get('/api/registers/densities');
    expect(detail.body.import_report).toMatchObject({ imported: 3 });
    expect((await request(app).get('/api/registers/nonesuch')).status).toBe(404);
  });

  it('serves the groups of an area as points with their containing area codes', async () => {
    const res = await request(app).get(`/api/groups.geojson?register=densities&layer=parishes&code=${parish.code}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(res.body.features).toHaveLength(3);
    const f = res.body.features[0];
    expect(f.geometry).toEqual({ type: 'Point', coordinates: parish.point });
    expect(f.properties).toMatchObject({ register: 'densities', in_parishes: parish.code, counted: true, located_by: 'coordinates' });
    expect(res.body.attribution).toContain('Office for National Statistics');
  });

  it('lists county-wide groups with no point and not counted', async () => {
    const res = await request(app).get('/api/groups.geojson?register=case-studies');
    const county = res.body.features.filter((f: { properties: { located_by: string } }) => f.properties.located_by === 'county');
    expect(county.length).toBeGreaterThan(0);
    for (const f of county) expect(f).toMatchObject({ geometry: null, properties: { counted: false, in_parishes: null } });
  });

  it('answers 404 for an unknown area code and 400 for a bad parameter', async () => {
    expect((await request(app).get('/api/groups.geojson?code=E04999999')).status).toBe(404);
    expect((await request(app).get('/api/groups.geojson?layer=counties')).status).toBe(400);
  });

  it('deletes an imported register with the token, but never a built-in one', async () => {
    expect((await request(app).delete('/api/registers/form')).status).toBe(401);
    expect((await request(app).delete('/api/registers/form').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(204);
    expect((await request(app).delete('/api/registers/form').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(404);
    expect((await request(app).delete('/api/registers/libraries').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(409);
    expect(groups.registers().some((r) => r.name === 'form')).toBe(false);
  });
});
