// /api/lookup (by point and by postcode: the area of every layer containing it, from the R-tree and an
// exact test) and /api/search (ranked names and postcodes), including hostile and out-of-range input.
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS, type LayerId } from '../../server/registry/layers.ts';
import { EXPECTED_FEATURES } from '../support/paths.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const get = (path: string) => request(atlas.app).get(path);

/** Brute force, independent of the R-tree: every polygon area of the layer containing the point. */
const bruteForce = (layer: LayerId, lon: number, lat: number) =>
  atlas.store.areas(layer).filter((a) => a.geometry.type !== 'Point' && turf.booleanPointInPolygon([lon, lat], a.geometry as Polygon | MultiPolygon)).map((a) => a.code);

describe('GET /api/lookup', () => {
  it('finds a Leicestershire postcode in exactly one area of every layer, with its services', async () => {
    const res = await get('/api/lookup?postcode=le17%204qb').expect(200);
    expect(res.body.query.postcode).toBe('LE17 4QB');
    expect(res.body.inside_county).toBe(true);
    expect(res.body.areas.map((a: { layer: string }) => a.layer).sort()).toEqual(LAYERS.map((l) => l.id).sort());
    const { lon, lat } = res.body.query;
    for (const a of res.body.areas) {
      expect([a.code]).toEqual(bruteForce(a.layer, lon, lat));
      const area = atlas.store.area(a.code, a.layer)!;
      expect(a.services.nw).toBe(area.services.nw !== null);
      expect(a.links.services).toBe(`/api/areas/${a.code}/services?layer=${a.layer}`);
    }
  });

  it('agrees with a brute-force point-in-polygon test for postcodes across the county', async () => {
    // Postcodes of every district's outward codes: LE, CV, DE, NG and PE areas all reach into the county.
    const postcodes = ['LE', 'CV', 'DE', 'NG', 'PE'].flatMap((area) => atlas.store.postcodesStartingWith(area, 400).filter((_, i) => i % 40 === 0));
    expect(postcodes.length).toBeGreaterThan(20);
    for (const p of postcodes) {
      const res = await get(`/api/lookup?lon=${p.lon}&lat=${p.lat}`).expect(200);
      for (const spec of LAYERS) {
        const found = res.body.areas.filter((a: { layer: string }) => a.layer === spec.id).map((a: { code: string }) => a.code);
        const expected = bruteForce(spec.id, p.lon, p.lat);
        expect(found, `${p.postcode} ${spec.id}`).toEqual(expected.length > 1 ? [found[0]] : expected);
        if (expected.length > 1) expect(expected).toContain(found[0]);
      }
    }
  });

  it('gives one area per layer even on a shared boundary, naming the neighbour it touches', async () => {
    // turf places some label points on a vertex two neighbouring parishes share (Birstall's touches Wanlip).
    const onEdge = atlas.store.areas('parishes').find((a) => a.geometry.type !== 'Point' && bruteForce('parishes', ...a.label).length > 1)!;
    expect(onEdge).toBeDefined();
    const [lon, lat] = onEdge.label;
    const touching = bruteForce('parishes', lon, lat);
    const res = await get(`/api/lookup?lon=${lon}&lat=${lat}`).expect(200);
    const parishes = res.body.areas.filter((a: { layer: string }) => a.layer === 'parishes');
    expect(parishes).toHaveLength(1);
    expect(touching).toContain(parishes[0].code);
    expect(parishes[0].on_boundary_with.map((b: { code: string }) => b.code).sort()).toEqual(touching.filter((c) => c !== parishes[0].code).sort());
    expect(res.body.areas.map((a: { layer: string }) => a.layer)).toEqual(LAYERS.map((l) => l.id));
  });

  it('answers a point outside the county with no areas', async () => {
    const res = await get('/api/lookup?lon=-0.1276&lat=51.5072').expect(200);
    expect(res.body).toMatchObject({ inside_county: false, areas: [] });
  });

  it.each([
    ['lon=181&lat=52.6', 'lon'],
    ['lon=-1.1&lat=-91', 'lat'],
    ['lon=-1.1&lat=90.5', 'lat'],
    ['lon=&lat=52.6', 'lon'],
    ['lon=0x10&lat=52.6', 'lon'],
    ['lon=Infinity&lat=52.6', 'lon'],
    ['lon=abc&lat=52.6', 'lon'],
    ['lon=-1.1', 'lat'],
    ['lat=52.6', 'lon'],
    ['postcode=NOT-A-POSTCODE', 'postcode'],
    ['postcode=LE17&lon=-1.1&lat=52.6', 'postcode'],
    ['lon=-1.1&lat=52.6&lon=-1.2', 'lon'],
    ['radius=5&lon=-1.1&lat=52.6', 'radius'],
  ])('answers %s with a 400 problem naming %s', async (query, name) => {
    const res = await get(`/api/lookup?${query}`).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain(`"${name}"`);
  });

  it('answers a well-formed postcode that does not exist with a 404 problem', async () => {
    const res = await get('/api/lookup?postcode=LE99%209ZZ').expect(404).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain('LE99 9ZZ');
  });
});

describe('GET /api/search', () => {
  const RANK = ['listed', 'exact', 'prefix', 'word_prefix', 'fuzzy'];

  it('ranks names Appendix One gives, then exact matches, before prefix and fuzzy ones', async () => {
    const res = await get('/api/search?q=Kegworth').expect(200);
    const kinds: string[] = res.body.results.map((r: { matched: string }) => r.matched);
    expect(kinds).toContain('listed');
    expect(kinds).toContain('exact');
    expect(kinds).toContain('fuzzy');
    expect(kinds.map((k) => RANK.indexOf(k))).toEqual([...kinds.map((k) => RANK.indexOf(k))].sort((a, b) => a - b));
    expect(res.body.results[0]).toMatchObject({ type: 'area', layer: 'parishes', name: 'Kegworth', matched: 'listed' });
    const scores = res.body.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds Appendix One spellings and misspellings', async () => {
    expect((await get('/api/search?q=Scraftoft').expect(200)).body.results[0]).toMatchObject({ name: 'Scraptoft', matched: 'listed' });
    expect((await get('/api/search?q=Kibwerth%20Beauchamp').expect(200)).body.results[0]).toMatchObject({ name: 'Kibworth Beauchamp', matched: 'fuzzy' });
  });

  it('finds postcodes by prefix, full postcodes first', async () => {
    const res = await get('/api/search?q=LE17%204QB').expect(200);
    expect(res.body.results[0]).toMatchObject({ type: 'postcode', name: 'LE17 4QB', matched: 'exact' });
    const prefix = await get('/api/search?q=le17%204').expect(200);
    expect(prefix.body.results.filter((r: { type: string }) => r.type === 'postcode').every((r: { name: string }) => r.name.startsWith('LE17 4'))).toBe(true);
  });

  it('returns at most 20 results, or fewer with limit', async () => {
    expect((await get('/api/search?q=a').expect(200)).body.results).toHaveLength(20);
    expect((await get('/api/search?q=a&limit=3').expect(200)).body.results).toHaveLength(3);
    await get('/api/search?q=a&limit=21').expect(400);
  });

  it.each(["'; DROP TABLE areas;--", '<script>alert(1)</script>', '%', '_', '" OR ""="', '../../etc/passwd', 'Robert\'); DELETE FROM postcodes; --'])(
    'treats %s as plain text: a JSON answer, and the data is intact',
    async (q) => {
      const res = await get(`/api/search?q=${encodeURIComponent(q)}`).expect(200).expect('Content-Type', /^application\/json/);
      expect(res.body.query).toBe(q.trim());
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const health = await get('/api/health').expect(200);
      expect(health.body.areas).toBe(LAYERS.reduce((n, l) => n + EXPECTED_FEATURES[l.id], 0));
      expect((await get('/api/lookup?postcode=LE174QB').expect(200)).body.areas).toHaveLength(LAYERS.length);
    },
  );

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    ['q=%20%20', 'q'],
    [`q=${'a'.repeat(101)}`, 'q'],
    ['q=kib&layer=counties', 'layer'],
    ['q=kib&sort=name', 'sort'],
  ])('answers "%s" with a 400 problem naming %s', async (query, name) => {
    const res = await get(`/api/search?${query}`).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain(`"${name}"`);
  });
});
