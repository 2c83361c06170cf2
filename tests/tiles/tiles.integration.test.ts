// Vector tiles over real HTTP: the TileJSON 3.0 documents, tiles decoded with @mapbox/vector-tile and
// checked against the GeoJSON layer (every area's code, category and label point), stored gzip bytes
// with the right headers, ETag revalidation, 204 for empty tiles, problems for bad addresses, and
// the district outlines built from the data.
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/registry/layers.ts';
import { latToTileY, lonToTileX, tilesCovering } from '../../server/geo/tile-math.ts';
import { TileStore } from '../../server/store/tile-store.ts';
import { TILESET_IDS } from '../../server/registry/tilesets.ts';
import { rawGet, useListeningAtlas } from '../support/atlas-app.ts';

const served = useListeningAtlas();
const get = (path: string) => request(served.atlas.app).get(path);
/** The bytes as sent (supertest would unpack gzip itself and hide what went over the wire). */
const raw = (path: string, headers: Record<string, string> = { 'Accept-Encoding': 'gzip' }) => rawGet(served.server.url + path, headers);

const decode = (body: Buffer, gzipped: boolean) => new VectorTile(new PbfReader(gzipped ? gunzipSync(body) : body));

type Props = Record<string, string | number | boolean>;
/** Every feature of one source layer over all tiles of zoom z covering the bounds. */
async function featuresAt(tileset: string, z: number, sourceLayer: string): Promise<{ props: Props; type: number; inside: boolean }[]> {
  const doc = (await get(`/api/tiles/${tileset}.json`).expect(200)).body;
  const out: { props: Props; type: number; inside: boolean }[] = [];
  for (const { x, y } of tilesCovering(doc.bounds, z)) {
    const res = await raw(`/api/tiles/${tileset}/${z}/${x}/${y}.mvt`);
    if (res.status === 204) continue;
    expect(res.status).toBe(200);
    const layer = decode(res.body, true).layers[sourceLayer];
    for (let i = 0; layer && i < layer.length; i++) {
      const f = layer.feature(i);
      // Tiles repeat what lies in their buffer; a point belongs to the one tile it is inside.
      const [p] = f.loadGeometry()[0];
      out.push({ props: f.properties, type: f.type, inside: p.x >= 0 && p.y >= 0 && p.x < layer.extent && p.y < layer.extent });
    }
  }
  return out;
}

describe('GET /api/tiles/{tileset}.json', () => {
  it.each(TILESET_IDS.map((id) => [id]))('describes %s as TileJSON 3.0 with its bounds, zooms, fields and licence', async (id) => {
    const res = await get(`/api/tiles/${id}.json`).expect(200).expect('Content-Type', /^application\/json/);
    const doc = res.body;
    expect(doc.tilejson).toBe('3.0.0');
    expect(doc.tiles).toHaveLength(1);
    expect(doc.tiles[0]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/api/tiles/${id}/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=[\\w-]+$`));
    expect([doc.minzoom, doc.maxzoom]).toEqual([6, 11]);
    const layer = served.atlas.store.layers.find((l) => l.id === (id === 'districts' ? 'lsoas' : id))!;
    expect(doc.bounds).toEqual(layer.bbox);
    const [w, s, e, n] = doc.bounds;
    expect(doc.center[0]).toBeGreaterThan(w);
    expect(doc.center[0]).toBeLessThan(e);
    expect(doc.center[1]).toBeGreaterThan(s);
    expect(doc.center[1]).toBeLessThan(n);
    expect(doc.attribution).toContain('Office for National Statistics');
    expect(doc.licence).toContain('Open Government Licence');
    const layers = Object.fromEntries(doc.vector_layers.map((l: { id: string; fields: Props }) => [l.id, l.fields]));
    if (id === 'districts') expect(Object.keys(layers)).toEqual(['districts']);
    else {
      expect(Object.keys(layers)).toEqual(['areas', 'labels']);
      expect(doc.vector_layers.map((l: { minzoom: number }) => l.minzoom)).toEqual([6, 10]);
      expect(layers.areas).toMatchObject({ code: 'String', name: 'String', district_code: 'String', category: 'String' });
    }
  });

  it('refuses an unknown tileset with a problem naming the tilesets', async () => {
    const res = await get('/api/tiles/counties.json').expect(404).expect('Content-Type', /problem\+json/);
    expect(res.body.detail).toContain('parishes, wards, lsoas, wards-2013, districts');
  });
});

describe('GET /api/tiles/{tileset}/{z}/{x}/{y}.mvt', () => {
  it.each(LAYERS.map((l) => [l.id]))('%s: every area is in the z9 and z11 tiles with its code and category, and one label point each', async (id) => {
    const geojson = (await get(`/api/layers/${id}.geojson`).expect(200)).body;
    const category = new Map<string, string | null>(geojson.features.map((f: { id: string; properties: { category: string | null } }) => [f.id, f.properties.category]));
    for (const z of [9, 11]) {
      const areas = await featuresAt(id, z, 'areas');
      expect(new Set(areas.map((f) => f.props.code)), `z${z}`).toEqual(new Set(category.keys()));
      for (const f of areas) expect(f.props.category ?? null).toBe(category.get(String(f.props.code)));
      // Polygons, and points only for the parishes that are ONS label points.
      const points = new Set(areas.filter((f) => f.type === 1).map((f) => f.props.code));
      expect(points).toEqual(new Set(geojson.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'Point').map((f: { id: string }) => f.id)));
    }
    // Label points start at z10, where the map starts writing names.
    expect(await featuresAt(id, 9, 'labels')).toEqual([]);
    const labels = await featuresAt(id, 11, 'labels');
    expect(labels.filter((f) => f.inside).length).toBe(category.size);
    expect(new Set(labels.map((f) => f.props.code))).toEqual(new Set(category.keys()));
  });

  it.each(LAYERS.map((l) => [l.id]))('%s: each polygon carries the fields its TileJSON names, with the values the map classes on', async (id) => {
    const fields = Object.keys((await get(`/api/tiles/${id}.json`).expect(200)).body.vector_layers.find((l: { id: string }) => l.id === 'areas').fields);
    // What the map reads from a polygon: no population (label order is on the label points) and no CNI score (joined by code).
    expect(fields.sort()).toEqual(['category', 'category_extent', 'category_share', 'code', 'district_code', 'name', ...(id === 'lsoas' ? ['imd_decile'] : [])].sort());
    const geojson = (await get(`/api/layers/${id}.geojson?geometry=none`).expect(200)).body;
    const byCode = new Map<string, Record<string, unknown>>(geojson.features.map((f: { id: string; properties: Record<string, unknown> }) => [f.id, f.properties]));
    const areas = await featuresAt(id, 9, 'areas');
    expect(areas.length).toBeGreaterThanOrEqual(byCode.size);
    for (const f of areas) {
      for (const key of Object.keys(f.props)) expect(fields, `${f.props.code} ${key}`).toContain(key);
      const p = byCode.get(String(f.props.code))!;
      // Nulls are left out of the tile; every other value is the API's own.
      for (const key of ['name', 'district_code', 'category', 'category_extent', 'category_share', ...(id === 'lsoas' ? ['imd_decile'] : [])]) {
        expect(f.props[key] ?? null, `${f.props.code} ${key}`).toEqual(p[key] ?? null);
      }
    }
  });

  it('sends the stored gzip bytes as a Mapbox Vector Tile with a build ETag and long cache headers', async () => {
    const doc = (await get('/api/tiles/lsoas.json')).body;
    const [x, y] = [lonToTileX(doc.center[0], 9), latToTileY(doc.center[1], 9)];
    const url = new URL(doc.tiles[0].replace('{z}', '9').replace('{x}', String(x)).replace('{y}', String(y)));
    const res = await raw(url.pathname + url.search);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    // The very bytes the build stored, not recompressed per request.
    const stored = new TileStore(served.atlas.store.path);
    expect(res.body.equals(stored.tile('lsoas', 9, x, y)!)).toBe(true);
    stored.close();
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.etag).toMatch(/^W\/"[\w-]+-lsoas\/9\//);
    expect(decode(res.body, true).layers.areas.length).toBeGreaterThan(0);
    // Without the build tag the tile is cached for an hour and revalidated.
    const bare = await raw(url.pathname);
    expect(bare.headers['cache-control']).toBe('public, max-age=3600, must-revalidate');
    expect(bare.body.equals(res.body)).toBe(true);
    await get(url.pathname).set('If-None-Match', String(res.headers.etag)).expect(304);
    // A client that refuses gzip gets the same tile unpacked.
    const plain = await raw(url.pathname, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(gunzipSync(res.body))).toBe(true);
  });

  it('answers 204 with no body for a tile no area reaches', async () => {
    const res = await raw('/api/tiles/parishes/9/0/0.mvt');
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
  });

  it.each([
    ['/api/tiles/lsoas/9/512/0.mvt', 400, 'tile x must be below 512 at zoom 9'],
    ['/api/tiles/lsoas/9/0/600.mvt', 400, 'tile y must be below 512 at zoom 9'],
    ['/api/tiles/lsoas/nine/0/0.mvt', 400, 'tile z'],
    ['/api/tiles/lsoas/9/-1/0.mvt', 400, 'tile x'],
    ['/api/tiles/lsoas/12/0/0.mvt', 404, 'zoom 6 to 11'],
    ['/api/tiles/lsoas/5/0/0.mvt', 404, 'zoom 6 to 11'],
    ['/api/tiles/counties/9/0/0.mvt', 404, 'no tileset "counties"'],
    ['/api/tiles/lsoas/9/0/0.mvt?x=1', 400, 'parameter "x" is not known'],
  ])('%s is a %i problem', async (path, status, words) => {
    const res = await get(path).expect(status).expect('Content-Type', /^application\/problem\+json/);
    expect(res.body.detail).toContain(words);
  });
});

describe('district outlines from the data', () => {
  it('are served as GeoJSON, one MultiLineString per district, and as tiles', async () => {
    const res = await get('/api/districts.geojson').expect(200).expect('Content-Type', 'application/geo+json');
    expect(res.body.features.map((f: { id: string }) => f.id).sort()).toEqual(served.atlas.store.districts.map((d) => d.code).sort());
    for (const f of res.body.features) {
      expect(f.geometry.type).toBe('MultiLineString');
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
    }
    expect(res.body.attribution).toContain('Office for National Statistics');
    const tiled = await featuresAt('districts', 9, 'districts');
    expect(new Set(tiled.map((f) => f.props.code))).toEqual(new Set(served.atlas.store.districts.map((d) => d.code)));
    expect(tiled.every((f) => f.type === 2)).toBe(true);
  });

  it('run along LSOA edges: every outline vertex is a vertex of an LSOA of that district', async () => {
    const outlines = (await get('/api/districts.geojson')).body;
    const lsoas = (await get('/api/layers/lsoas.geojson?precision=6')).body;
    const vertices = new Map<string, Set<string>>();
    for (const f of lsoas.features) {
      const set = vertices.get(f.properties.district_code) ?? new Set<string>();
      for (const ring of f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()) for (const p of ring) set.add(p.join(','));
      vertices.set(f.properties.district_code, set);
    }
    for (const f of outlines.features) for (const line of f.geometry.coordinates) for (const p of line) expect(vertices.get(f.id)!.has(p.join(','))).toBe(true);
  });
});

describe('GET /api/layers/{id}.geojson?geometry=none (the attributes a tiled map joins by code)', () => {
  it('gives every feature with null geometry, its bbox and the asked properties, and refuses other values', async () => {
    const full = (await get('/api/layers/wards.geojson').expect(200)).body;
    const lean = (await get('/api/layers/wards.geojson?geometry=none&properties=code,category').expect(200)).body;
    expect(lean.features.map((f: { id: string }) => f.id)).toEqual(full.features.map((f: { id: string }) => f.id));
    for (const [i, f] of lean.features.entries()) {
      expect(f.geometry).toBeNull();
      expect(f.bbox).toEqual(full.features[i].bbox);
      expect(f.properties).toEqual({ code: full.features[i].properties.code, category: full.features[i].properties.category });
    }
    expect((await get('/api/layers/wards.geojson?geometry=simple').expect(400)).body.detail).toContain('"geometry"');
  });
});
