// deploy/nginx.conf run by a real nginx over a real static export: exported answers come from disk,
// byte-for-byte what the app sends, pre-compressed, with the app's headers; dynamic routes and
// anything the export has no file for reach the app; odd query strings never become file names.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type RunningNginx } from '../../deploy/nginx-runner.ts';
import { exportName, exportStatic } from '../../server/export/static-export.ts';
import { listen, openAtlas, rawGet, type Listening, type TestAtlas } from '../support/atlas-app.ts';
import { tempDir } from '../support/variant-dirs.ts';

let atlas: TestAtlas;
let app: Listening;
let nginx: RunningNginx;
const root = join(tempDir('export'), 'static');

// A slice of the surface keeps the test quick: one layer with its variants, two areas, parish OGC pages.
const SLICE = /^\/api\/(layers|services|config|coverage|districts\.geojson)|^\/api\/tiles\/parishes[./]|^\/api\/layers\/parishes\.|^\/api\/areas\/(E04005341|E05005460)|^\/ogc(\/collections(\/parishes(\/(items|schema).*)?)?)?$|^\/ogc\/(api|conformance)$|^\/ogc\/collections\/parishes\/items/;

beforeAll(async () => {
  atlas = openAtlas();
  await exportStatic(atlas.app, atlas.store, root, {
    origin: 'http://atlas.example.org',
    clientDir: null,
    include: (p) => SLICE.test(p) && !/^\/api\/layers\/(?!parishes)/.test(p),
  });
  app = await listen(atlas.app);
  nginx = await startNginx({ root, appHost: new URL(app.url).host });
}, 120_000);
afterAll(async () => {
  await nginx?.stop();
  await app?.close();
  atlas?.close();
});

const SECURITY = ['x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy', 'permissions-policy', 'content-security-policy', 'access-control-allow-origin'];
const asked = () => app.requests.map((r) => r.url);

describe('static export behind deploy/nginx.conf', () => {
  it.each([
    '/api/layers/parishes.geojson',
    '/api/layers/parishes.geojson?district=E07000129',
    '/api/layers/parishes.csv?category=laa_target',
    '/api/areas/E04005341',
    '/api/areas/E04005341/services?layer=parishes',
    '/api/config',
    '/ogc/collections/parishes',
    '/ogc/collections/parishes/items?limit=100&offset=100',
  ])('serves %s from disk, the same bytes and type as the app, pre-compressed', async (path) => {
    expect(existsSync(join(root, exportName(path)))).toBe(true);
    const before = asked().length;
    const fromApp = await rawGet(app.url + path, { Host: 'atlas.example.org' });
    const plain = await rawGet(nginx.url + path);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe(fromApp.headers['content-type']);
    for (const h of SECURITY) expect(plain.headers[h], h).toBe(fromApp.headers[h]);
    expect(plain.headers['cache-control']).toBe('public, no-cache');
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const strip = (b: Buffer) => (path.includes('/items') ? b.toString().replace(/"timeStamp":"[^"]+"/, '') : b.toString());
    expect(strip(plain.body)).toBe(strip(fromApp.body));
    const gz = await rawGet(nginx.url + path, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    if (nginx.brotli) {
      const br = await rawGet(nginx.url + path, { 'Accept-Encoding': 'br, gzip' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    }
    // Only the comparison request above reached the app: nginx answered the three from disk.
    expect(asked().slice(before)).toEqual([path]);
  });

  it('serves vector tiles from disk as the app does: MVT, gzip, immutable under the build tag', async () => {
    const doc = JSON.parse((await rawGet(nginx.url + '/api/tiles/parishes.json')).body.toString());
    const path = new URL(doc.tiles[0].replace('{z}', '9').replace('{x}', '254').replace('{y}', '167')).pathname + '?v=' + new URL(doc.tiles[0]).searchParams.get('v');
    expect(existsSync(join(root, exportName(path)))).toBe(true);
    const before = asked().length;
    const fromApp = await rawGet(app.url + path, { 'Accept-Encoding': 'gzip' });
    const fromDisk = await rawGet(nginx.url + path, { 'Accept-Encoding': 'gzip' });
    expect(fromDisk.status).toBe(200);
    expect(fromDisk.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(fromDisk.headers['content-encoding']).toBe('gzip');
    expect(fromDisk.headers['cache-control']).toBe(fromApp.headers['cache-control']);
    expect(gunzipSync(fromDisk.body).equals(gunzipSync(fromApp.body))).toBe(true);
    expect(asked().slice(before)).toEqual([path]);
    expect((await rawGet(nginx.url + '/api/districts.geojson')).headers['content-type']).toBe('application/geo+json');
  });

  it.each([
    ['/api/lookup?lon=-1.2&lat=52.77', 200],
    ['/api/search?q=Kegworth', 200],
    ['/api/health', 200],
    ['/api/layers/parishes.geojson?precision=3', 200],
    ['/api/layers/parishes.geojson?district=E07000129&category=general', 200],
    ['/api/areas/E04005341?x=/../../../../etc/passwd', 400],
    ['/api/areas/E04005341?layer=..%2F..%2Fetc', 400],
    ['/ogc/collections/parishes/items?limit=5', 200],
  ])('passes %s to the app, with its own status and each header once', async (path, status) => {
    const before = asked().length;
    const res = await rawGet(nginx.url + path);
    expect(res.status).toBe(status);
    expect(asked().slice(before)).toEqual([path]);
    for (const h of SECURITY) expect(typeof res.headers[h], h).toBe('string'); // one value, not a list joined twice
    expect(String(res.headers['x-content-type-options'])).toBe('nosniff');
    if (path === '/api/health') expect(res.headers['cache-control']).toBe('no-store');
  });

  it('ETags revalidate from disk', async () => {
    const first = await rawGet(nginx.url + '/api/areas/E04005341');
    const again = await rawGet(nginx.url + '/api/areas/E04005341', { 'If-None-Match': String(first.headers.etag) });
    expect(again.status).toBe(304);
  });
});
