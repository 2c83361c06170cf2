// OGC API – Features Part 1 Core over HTTP: landing page, conformance, collections generated from
// the layer registry, items with paging, bbox and filters, single items, the OpenAPI document, and
// 400/404 problems for bad input.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/registry/layers.ts';
import { filterAreas } from '../../server/store/area-query.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const get = (path: string) => request(atlas.app).get(path);
const rels = (links: { rel: string }[]) => links.map((l) => l.rel);
const linkOf = (links: { rel: string; href: string }[], rel: string) => links.find((l) => l.rel === rel)?.href;
const pathOf = (href: string) => href.replace(/^http:\/\/[^/]+/, '');

describe('OGC API landing page, conformance and API definition', () => {
  it('links to the API definition, conformance and data with media types and titles', async () => {
    const res = await get('/ogc').expect(200).expect('Content-Type', /^application\/json/);
    expect(rels(res.body.links)).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    for (const l of res.body.links) expect(l).toMatchObject({ href: expect.stringMatching(/^http:\/\//), type: expect.any(String), title: expect.any(String) });
    expect(res.body.links.find((l: { rel: string }) => l.rel === 'service-desc').type).toBe('application/vnd.oai.openapi+json;version=3.0');
    await get('/ogc/?f=json').expect(200);
  });

  it('declares Core, GeoJSON and OpenAPI 3.0 conformance', async () => {
    const res = await get('/ogc/conformance').expect(200);
    expect(res.body.conformsTo).toEqual(expect.arrayContaining(['core', 'geojson', 'oas30'].map((c) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`)));
  });

  it('serves OpenAPI 3.0 with paths for every collection and the enforced limits', async () => {
    const res = await get('/ogc/api?f=json').expect(200).expect('Content-Type', 'application/vnd.oai.openapi+json;version=3.0');
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\.0\./);
    for (const spec of LAYERS)
      for (const p of ['', '/items', '/items/{featureId}']) expect(Object.keys(doc.paths)).toContain(`/collections/${spec.id}${p}`);
    expect(doc.components.parameters.limit.schema).toMatchObject({ minimum: 1, default: 100 });
    // Every $ref resolves within the document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(ref.split('/').reduce((node, key) => node?.[key], doc), ref).toBeDefined();
  });

  it('refuses an unknown format or parameter on metadata resources', async () => {
    const res = await get('/ogc/collections?f=xml').expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain('"f"');
    await get('/ogc/conformance?foo=bar').expect(400);
  });
});

describe('OGC API collections', () => {
  it('lists one collection per registry layer, with extent, CRS, attribution, licence and links', async () => {
    const res = await get('/ogc/collections').expect(200);
    expect(res.body.collections.map((c: { id: string }) => c.id)).toEqual(LAYERS.map((l) => l.id));
    for (const c of res.body.collections) {
      const layer = atlas.store.layers.find((l) => l.id === c.id)!;
      expect(c.title).toBe(layer.title);
      expect(c.extent.spatial.bbox).toEqual([layer.bbox]);
      expect(c.itemType).toBe('feature');
      expect(c.attribution).toContain(layer.source.attribution);
      expect(c.license).toContain(layer.source.licence);
      expect(rels(c.links)).toEqual(expect.arrayContaining(['self', 'items', 'license', 'describedBy']));
      expect(c.links.find((l: { rel: string }) => l.rel === 'items').type).toBe('application/geo+json');
    }
  });

  it('describes one collection, and answers an unknown one with a 404 problem', async () => {
    const res = await get('/ogc/collections/wards-2013').expect(200);
    expect(res.body.id).toBe('wards-2013');
    const missing = await get('/ogc/collections/counties').expect(404).expect('Content-Type', /application\/problem\+json/);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not found' });
    expect(missing.body.detail).toContain('counties');
  });

  it('publishes a JSON Schema of each collection\'s features', async () => {
    const res = await get('/ogc/collections/lsoas/schema').expect(200).expect('Content-Type', /application\/schema\+json/);
    expect(res.body.properties.properties.properties.imd_decile.type).toBe('integer');
    expect(res.body.properties.properties.properties.grp_1000.type).toBe('number');
    expect(res.body.properties.properties.properties.svc_nw.type).toBe('boolean');
  });
});

describe('OGC API queryables', () => {
  it('lists the flat feature properties as queryables, with JSON Schema types, and links them from the collection', async () => {
    const collection = await get('/ogc/collections/lsoas').expect(200);
    const href = linkOf(collection.body.links, 'http://www.opengis.net/def/rel/ogc/1.0/queryables')!;
    const res = await get(pathOf(href)).expect(200).expect('Content-Type', /^application\/schema\+json/);
    expect(res.body).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', additionalProperties: false });
    const props = res.body.properties;
    // Every queryable is a property of every feature (the query parameters imd_decile_min … are not).
    const page = await get('/ogc/collections/lsoas/items?limit=5').expect(200);
    for (const f of page.body.features) expect(Object.keys(f.properties)).toEqual(Object.keys(props));
    expect(props).not.toHaveProperty('imd_decile_min');
    expect(props.imd_decile).toMatchObject({ type: 'integer' });
    expect(props.svc_nw).toMatchObject({ type: 'boolean' });
    expect(props.grp_1000).toMatchObject({ type: 'number' });
    const parishes = await get('/ogc/collections/parishes/queryables').expect(200);
    expect(Object.keys(parishes.body.properties)).not.toContain('imd_decile');
    await get('/ogc/collections/parishes/items?imd_decile_min=2').expect(400);
  });

  it('the atlas query parameters are ones the items endpoint takes, and the OpenAPI document offers them', async () => {
    const sample: Record<string, string> = { district: atlas.store.districts[0].code, category: 'general', service: 'pc', service_absent: 'nw', imd_decile_min: '2', imd_decile_max: '4', cni_min: '0', cni_max: '500', density_min: '0', density_max: '50' };
    for (const [name, value] of Object.entries(sample)) await get(`/ogc/collections/lsoas/items?limit=1&${name}=${value}`).expect(200);
    await get('/ogc/collections/lsoas/items?imd_decile_min=zero').expect(400);
    const api = await get('/ogc/api').expect(200);
    const params = api.body.paths['/collections/lsoas/items'].get.parameters.map((p: { $ref: string }) => p.$ref.split('/').pop());
    expect(params).toEqual(expect.arrayContaining([...Object.keys(sample), 'filter', 'sortby', 'properties', 'skipGeometry']));
    expect(api.body.components.parameters.imd_decile_max.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
  });

  it('metadata resources take the item filters (GIS clients repeat them) but still refuse other parameters', async () => {
    await get('/ogc/collections/lsoas?imd_decile_max=3&service_absent=nw').expect(200);
    await get('/ogc/conformance?imd_decile_max=3').expect(200);
    await get('/ogc/collections/lsoas?imd_decile_max=eleven').expect(400);
    await get('/ogc/collections/lsoas?colour=red').expect(400);
  });
});

describe('OGC API items', () => {
  it('pages with limit and offset: default 100, numberMatched, numberReturned, timeStamp and links', async () => {
    const res = await get('/ogc/collections/lsoas/items').expect(200).expect('Content-Type', 'application/geo+json');
    expect(res.body).toMatchObject({ type: 'FeatureCollection', numberMatched: 408, numberReturned: 100 });
    expect(res.body.features).toHaveLength(100);
    expect(new Date(res.body.timeStamp).toISOString().slice(0, 19)).toBe(res.body.timeStamp.slice(0, 19));
    expect(res.body.attribution).toContain('Office for National Statistics');
    expect(res.body.license).toBeTruthy();
    expect(rels(res.body.links)).toEqual(['self', 'next', 'collection', 'alternate']);

    // Follow next links to the end: every LSOA once, in the store's order.
    const seen: string[] = [];
    let href: string | undefined = '/ogc/collections/lsoas/items?limit=150';
    let page;
    while (href) {
      page = (await get(pathOf(href)).expect(200)).body;
      seen.push(...page.features.map((f: { id: string }) => f.id));
      href = linkOf(page.links, 'next');
    }
    expect(seen).toEqual(atlas.store.areas('lsoas').map((a) => a.code));
    expect(page.numberReturned).toBe(408 - 300);
    expect(pathOf(linkOf(page.links, 'prev')!)).toBe('/ogc/collections/lsoas/items?limit=150&offset=150');
  });

  it('returns an empty last page past the end, with a prev link and no next', async () => {
    const res = await get('/ogc/collections/wards/items?offset=500').expect(200);
    expect(res.body).toMatchObject({ numberMatched: 140, numberReturned: 0, features: [] });
    expect(rels(res.body.links)).toEqual(['self', 'prev', 'collection', 'alternate']);
  });

  it('filters by bbox through the same store query as /api, keeping bbox in the paging links', async () => {
    const bbox = [-1.2, 52.6, -1.1, 52.7] as const;
    const expected = filterAreas(atlas.store, 'wards', { bbox: [...bbox] }).map((a) => a.code);
    expect(expected.length).toBeGreaterThan(2);
    const res = await get(`/ogc/collections/wards/items?bbox=${bbox.join(',')}&limit=2`).expect(200);
    expect(res.body.numberMatched).toBe(expected.length);
    expect(res.body.features.map((f: { id: string }) => f.id)).toEqual(expected.slice(0, 2));
    expect(decodeURIComponent(linkOf(res.body.links, 'next')!)).toContain(`bbox=${bbox.join(',')}`);
    for (const f of res.body.features) {
      const [w, s, e, n] = f.bbox;
      expect(w <= bbox[2] && e >= bbox[0] && s <= bbox[3] && n >= bbox[1]).toBe(true);
    }
  });

  it('accepts the atlas filters as extra parameters: service=nw gives only areas with NW', async () => {
    const res = await get('/ogc/collections/parishes/items?service=nw&limit=10000').expect(200);
    const expected = atlas.store.areas('parishes').filter((a) => a.services.nw !== null);
    expect(res.body.numberMatched).toBe(expected.length);
    expect(res.body.features.every((f: { properties: { svc_nw: boolean } }) => f.properties.svc_nw)).toBe(true);
  });

  it('accepts datetime (the layers have no time dimension) and f=json', async () => {
    const res = await get('/ogc/collections/wards/items?datetime=2024-01-01T00:00:00Z/..&f=json').expect(200);
    expect(res.body.numberMatched).toBe(140);
    await get('/ogc/collections/wards/items?datetime=yesterday').expect(400);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    ['bbox=-1,53,-2,52', 'bbox'], // minLon east of maxLon
    ['bbox=-2,53,-1,52', 'bbox'], // minLat north of maxLat
    ['bbox=-200,52,-1,53', 'bbox'],
    ['bbox=-1,-95,-1,53', 'bbox'],
    ['filter=nonesuch%3D%27x%27', 'filter'],
    ['sortby=-nonesuch', 'sortby'],
    ['properties=code,nonesuch', 'properties'],
    ['filter-lang=cql2-json', 'filter-lang'],
    ['resulttype=hits', 'resulttype'],
    ['f=xml', 'f'],
    ['service=taxi', 'service'],
  ])('answers %s with a 400 problem naming %s', async (query, name) => {
    const res = await get(`/ogc/collections/parishes/items?${query}`).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Bad request', status: 400 });
    expect(res.body.detail).toContain(`"${name}"`);
    expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(name);
  });

  it('answers items of an unknown collection with a 404 problem', async () => {
    await get('/ogc/collections/counties/items').expect(404).expect('Content-Type', /application\/problem\+json/);
  });
});

describe('OGC API single items', () => {
  it('returns one feature by GSS code with links and attribution', async () => {
    const area = atlas.store.areas('parishes').find((a) => a.name === 'Kibworth Beauchamp')!;
    const res = await get(`/ogc/collections/parishes/items/${area.code}`).expect(200).expect('Content-Type', 'application/geo+json');
    expect(res.body).toMatchObject({ type: 'Feature', id: area.code, properties: { name: 'Kibworth Beauchamp', category: area.category } });
    expect(rels(res.body.links)).toEqual(['self', 'collection', 'alternate']);
    expect(res.body.attribution).toContain('Office for National Statistics');
  });

  it('answers an unknown feature, or one from another collection, with a 404 problem', async () => {
    const lsoa = atlas.store.areas('lsoas')[0].code;
    for (const path of ['/ogc/collections/parishes/items/E04999999', `/ogc/collections/parishes/items/${lsoa}`, '/ogc/collections/parishes/items/%27%20OR%201%3D1'])
      expect((await get(path).expect(404).expect('Content-Type', /application\/problem\+json/)).body.status).toBe(404);
  });
});
