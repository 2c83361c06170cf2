// OGC API – Features beyond Core: the limit rule, CQL2 text filters over the flat properties, sortby,
// properties and skipGeometry, HTML pages for people and Link headers; checked over HTTP and with the
// real clients (GDAL's -where, OWSLib from Debian).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { LIMIT_MAX } from '../../server/ogc/params.ts';
import { useListeningAtlas } from '../support/atlas-app.ts';
import { EXPECTED_FEATURES } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

const run = promisify(execFile);
const served = useListeningAtlas();
const out = tempDir('ogc-filters');
const get = (path: string) => request(served.atlas.app).get(path);
type Page = { numberMatched: number; numberReturned: number; features: { id: string; geometry: unknown; bbox?: unknown; properties: Record<string, unknown> }[] };
const items = async (query: string) => (await get(`/ogc/collections/lsoas/items?${query}`).expect(200)).body as Page;
const lsoas = () => served.atlas.store.areas('lsoas');

describe('limit', () => {
  it('a limit above the maximum is cut to it, not refused (Part 1 /req/core/fc-limit-response-1)', async () => {
    const page = await items(`limit=${LIMIT_MAX + 1}`);
    expect(page.numberReturned).toBe(Math.min(LIMIT_MAX, EXPECTED_FEATURES.lsoas));
    const big = await get(`/ogc/collections/parishes/items?limit=999999`).expect(200);
    expect(big.body.links.find((l: { rel: string }) => l.rel === 'self').href).toContain(`limit=${LIMIT_MAX}`);
  });
});

describe('CQL2 text filters over the queryables', () => {
  it.each([
    ['imd_decile <= 2 AND svc_nw = true', (a: ReturnType<typeof lsoas>[number]) => (a.imd?.decile ?? 99) <= 2 && a.services.nw !== null],
    ["category = 'general'", (a: ReturnType<typeof lsoas>[number]) => a.category === 'general'],
    ["category <> 'general' OR category IS NULL", (a: ReturnType<typeof lsoas>[number]) => a.category !== 'general'],
    ['NOT (population >= 1500)', (a: ReturnType<typeof lsoas>[number]) => !((a.population ?? -1) >= 1500) && a.population !== null],
    ["name LIKE 'Charnwood%' AND ext_scat = 'whole'", (a: ReturnType<typeof lsoas>[number]) => a.name.startsWith('Charnwood') && a.services.scat === 'whole'],
  ])('%s keeps exactly the areas it describes', async (filter, keep) => {
    const expected = lsoas().filter(keep).map((a) => a.code).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(EXPECTED_FEATURES.lsoas);
    const page = await items(`limit=${LIMIT_MAX}&filter=${encodeURIComponent(filter)}&filter-lang=cql2-text`);
    expect(page.numberMatched).toBe(expected.length);
    expect(page.features.map((f) => f.id).sort()).toEqual(expected);
  });

  it('refuses a property that is not a queryable, naming the filter and the property', async () => {
    const res = await get(`/ogc/collections/lsoas/items?filter=${encodeURIComponent('imd_decile_min >= 2')}`).expect(400);
    expect(res.body.detail).toContain('"filter"');
    expect(res.body.detail).toContain('imd_decile_min');
  });
});

describe('sortby, properties and skipGeometry', () => {
  it('sortby=-population,+code orders every match, pages included', async () => {
    const expected = [...lsoas()].sort((a, b) => (b.population ?? -1) - (a.population ?? -1) || (a.code < b.code ? -1 : 1)).map((a) => a.code);
    const first = await items('sortby=-population,%2Bcode&limit=7');
    const second = await items('sortby=-population,%2Bcode&limit=7&offset=7');
    expect([...first.features, ...second.features].map((f) => f.id)).toEqual(expected.slice(0, 14));
  });

  it('properties keeps only the named ones; skipGeometry drops geometry and bbox', async () => {
    const page = await items('limit=3&properties=name,svc_nw&skipGeometry=true');
    for (const f of page.features) {
      expect(Object.keys(f.properties)).toEqual(['name', 'svc_nw']);
      expect(f.geometry).toBeNull();
      expect(f).not.toHaveProperty('bbox');
    }
  });
});

describe('HTML pages and Link headers', () => {
  it.each(['/ogc', '/ogc/collections', '/ogc/collections/wards', '/ogc/collections/wards/items?limit=5', `/ogc/collections/wards/items/${'%CODE%'}`])(
    '%s answers a browser with an HTML page, and f=html alike',
    async (path) => {
      const url = path.replace('%CODE%', served.atlas.store.areas('wards')[0].code);
      const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
      const res = await get(url).set('Accept', browser).expect(200).expect('Content-Type', /^text\/html/);
      expect(res.text).toMatch(/^<!doctype html>/);
      expect(res.text).toContain('<h1>');
      expect(res.headers.vary).toContain('Accept');
      await get(url + (url.includes('?') ? '&' : '?') + 'f=html').expect(200).expect('Content-Type', /^text\/html/);
      // A GIS client's Accept still gets JSON, with its navigation links in a Link header.
      const json = await get(url).set('Accept', 'application/geo+json, application/json').expect(200).expect('Content-Type', /json/);
      expect(json.headers.link).toMatch(/rel="self"/);
      expect(json.headers.link).toMatch(/rel="alternate"; type="text\/html"/);
    },
  );

  it('an items page links the next page in its Link header', async () => {
    const res = await get('/ogc/collections/lsoas/items?limit=10').expect(200);
    expect(res.headers.link).toMatch(/<http:\/\/[^>]+offset=10[^>]*>; rel="next"/);
  });
});

describe('the OpenAPI document', () => {
  it('describes 304 and 405, the schema and queryables paths, and the Part 3 parameters', async () => {
    const doc = (await get('/ogc/api').expect(200)).body;
    const items = doc.paths['/collections/parishes/items'].get;
    expect(Object.keys(items.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '404', '405']));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/collections/parishes/schema', '/collections/parishes/queryables']));
    await request(served.atlas.app).post('/ogc/collections/parishes/items').expect(405);
    // One server, so the links (and the ETag) name one host and port.
    const url = `${served.server.url}/ogc/collections/parishes/items/${served.atlas.store.areas('parishes')[0].code}`;
    const etag = (await fetch(url)).headers.get('etag')!;
    expect((await fetch(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });
});

describe('real clients', () => {
  it("GDAL -where \"category = 'General'\" (as a user types it) returns the general parishes, not an error", async () => {
    const file = join(out, 'general.geojson');
    await run('ogr2ogr', ['-f', 'GeoJSON', file, `OAPIF:${served.server.url}/ogc`, 'parishes', '-where', "category = 'General'"], { timeout: 120_000 });
    const copied = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { code: string } }[] };
    const expected = served.atlas.store.areas('parishes').filter((a) => a.category === 'general').map((a) => a.code).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(copied.features.map((f) => f.properties.code).sort()).toEqual(expected);
  });

  it('GDAL -where on flat columns gives the right rows (GDAL 3.6 sends no CQL2 and filters the pages itself)', async () => {
    const file = join(out, 'deprived.geojson');
    await run('ogr2ogr', ['-f', 'GeoJSON', file, `OAPIF:${served.server.url}/ogc`, 'lsoas', '-where', 'imd_decile <= 2 AND svc_nw = 1', '-oo', 'PAGE_SIZE=1000'], { timeout: 120_000 });
    const copied = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { code: string } }[] };
    const expected = lsoas().filter((a) => (a.imd?.decile ?? 99) <= 2 && a.services.nw !== null).map((a) => a.code).sort();
    expect(copied.features.map((f) => f.properties.code).sort()).toEqual(expected);
  });

  it('OWSLib (Debian python3-owslib) lists collections, reads queryables as properties, filters with CQL2 and pages', async () => {
    const script = `
import json, sys
from owslib.ogcapi.features import Features
w = Features(sys.argv[1])
cols = [c['id'] for c in w.collections()['collections']]
q = w.collection_queryables('lsoas')
page = w.collection_items('lsoas', limit=20000, filter="imd_decile <= 2", **{'filter-lang': 'cql2-text'})
first = w.collection_items('wards', limit=3, sortby='-population')
print(json.dumps({'collections': cols, 'queryables': sorted(q['properties']), 'matched': page['numberMatched'], 'returned': page['numberReturned'], 'top': [f['properties']['population'] for f in first['features']]}))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script, `${served.server.url}/ogc`], { timeout: 120_000 });
    const got = JSON.parse(stdout);
    expect(got.collections).toEqual(served.atlas.store.layers.map((l) => l.id));
    expect(got.queryables).toContain('svc_nw');
    const deprived = lsoas().filter((a) => (a.imd?.decile ?? 99) <= 2).length;
    expect(got.matched).toBe(deprived);
    expect(got.returned).toBe(deprived);
    const wards = served.atlas.store.areas('wards').map((a) => a.population ?? -1).sort((a, b) => b - a);
    expect(got.top).toEqual(wards.slice(0, 3));
  });
});
