// What every response honours: strong ETags and 304, gzip and brotli as Accept-Encoding asks, HEAD,
// CORS for reading, security headers, problem+json for 404/405/413/400, and 500s that reveal nothing.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { MIN_COMPRESSED_BYTES } from '../../server/http/representation.ts';
import { openAtlas, rawGet, useListeningAtlas } from '../support/atlas-app.ts';

const served = useListeningAtlas();

const get = (path: string) => request(served.atlas.app).get(path);
const kibworth = () => served.atlas.store.areas('parishes').find((a) => a.name === 'Kibworth Beauchamp')!.code;
const CACHED = () => ['/api/layers/parishes.geojson', '/api/layers/lsoas.csv', `/api/areas/${kibworth()}`, '/api/lookup?postcode=LE174QB', '/ogc/collections/wards/items?limit=5'];

describe('conditional requests', () => {
  it.each([0, 1, 2, 3, 4])('answers a matching If-None-Match with 304 and a changed one with 200 (#%i)', async (i) => {
    // One listening server, so the host in OGC links (part of the representation) stays the same.
    const path = CACHED()[i];
    const first = await request(served.server.url).get(path).expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^(W\/)?"[\w-]+"$/);
    const again = await request(served.server.url).get(path).set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);
    await request(served.server.url).get(path).set('If-None-Match', '"something-else"').expect(200);
  });

  it('gives the same layer the same strong ETag and different filters different ones', async () => {
    const a = await get('/api/layers/wards.geojson').expect(200);
    const b = await get('/api/layers/wards.geojson').expect(200);
    const c = await get('/api/layers/wards.geojson?service=nw').expect(200);
    expect(a.headers.etag).toBe(b.headers.etag);
    expect(a.headers.etag).not.toMatch(/^W\//);
    expect(c.headers.etag).not.toBe(a.headers.etag);
    expect(a.headers['cache-control']).toMatch(/no-cache/); // always revalidated: imports change counts
  });
});

describe('content encoding', () => {
  it.each(['/api/layers/lsoas.geojson', '/api/lookup?lon=-1.2&lat=52.77', '/ogc/collections/parishes/items?limit=20'])('sends %s as br, gzip or identity as asked, with the same bytes inside', async (path) => {
    const identity = await rawGet(served.server.url + path, { 'Accept-Encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    const br = await rawGet(served.server.url + path, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    // OGC answers also vary with Accept: a browser gets the HTML page.
    expect(br.headers.vary).toBe(path.startsWith('/ogc/') ? 'Accept-Encoding, Accept' : 'Accept-Encoding');
    const gz = await rawGet(served.server.url + path, { 'Accept-Encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    const text = (b: Buffer) => JSON.parse(b.toString()) as Record<string, unknown>;
    const strip = (o: Record<string, unknown>) => ({ ...o, timeStamp: undefined });
    expect(strip(text(brotliDecompressSync(br.body)))).toEqual(strip(text(identity.body)));
    expect(strip(text(gunzipSync(gz.body)))).toEqual(strip(text(identity.body)));
    if (path.includes('lsoas')) expect(br.body.length).toBeLessThan(identity.body.length / 4);
  });

  it(`sends answers under ${MIN_COMPRESSED_BYTES} bytes uncompressed, whatever the client accepts`, async () => {
    // Leicester city is not part of the county: its look-up answer is a few dozen bytes.
    const small = await rawGet(served.server.url + '/api/lookup?lon=-1.13&lat=52.63', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(small.body.length).toBeLessThan(MIN_COMPRESSED_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBe('Accept-Encoding');
    expect(JSON.parse(small.body.toString())).toMatchObject({ inside_county: false, areas: [] });
  });
});

describe('HEAD', () => {
  it.each(['/api/layers/parishes.geojson', '/api/search?q=kib', '/ogc', '/ogc/collections/lsoas/items'])('answers HEAD %s with the GET headers and no body', async (path) => {
    const getRes = await rawGet(served.server.url + path, { 'Accept-Encoding': 'gzip' });
    const head = await rawGet(served.server.url + path, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const h of ['content-type', 'content-encoding', 'cache-control', 'access-control-allow-origin']) expect(head.headers[h], h).toBe(getRes.headers[h]);
    if (!path.includes('/items')) expect(head.headers['content-length']).toBe(getRes.headers['content-length']);
  });

  it('answers HEAD of a missing resource with 404', async () => {
    expect((await rawGet(`${served.server.url}/api/areas/E04999999`, {}, 'HEAD')).status).toBe(404);
  });
});

describe('CORS and security headers', () => {
  it.each(['/api/layers', '/ogc/collections', '/api/areas/E04999999', '/ogc/collections/x/items'])('lets any origin read %s, and sets the security headers', async (path) => {
    const res = await get(path).set('Origin', 'https://example.org');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers a CORS preflight for reading only', async () => {
    const res = await request(served.atlas.app).options('/ogc/collections/wards/items').set('Origin', 'https://example.org').set('Access-Control-Request-Method', 'GET').expect(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
  });
});

describe('errors', () => {
  it('answers an unknown path under /api or /ogc with a 404 problem', async () => {
    for (const path of ['/api/nothing', '/ogc/nothing', '/api']) {
      const res = await get(path).expect(404).expect('Content-Type', /application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'about:blank', title: 'Not found', status: 404 });
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it.each(['post', 'put', 'delete', 'patch'] as const)('answers %s with a 405 problem and Allow', async (method) => {
    const res = await request(served.atlas.app)[method]('/ogc/collections').expect(405).expect('Content-Type', /application\/problem\+json/);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('limits request bodies (413) and refuses malformed JSON (400), as problems', async () => {
    const big = await request(served.atlas.app).post('/api/search').set('Content-Type', 'application/json').send(JSON.stringify({ q: 'x'.repeat(70_000) })).expect(413);
    expect(big.body).toMatchObject({ status: 413, title: 'Content too large' });
    const bad = await request(served.atlas.app).post('/api/search').set('Content-Type', 'application/json').send('{"q":').expect(400);
    expect(bad.body.detail).toContain('not valid JSON');
  });

  it('answers malformed percent-encoding and repeated parameters with 400 problems', async () => {
    expect((await get('/api/areas/%E0%A4%A').expect(400)).body.detail).toContain('percent-encoding');
    expect((await get('/api/search?q=a&q=b').expect(400)).body.detail).toContain('"q"');
  });

  it('turns an unexpected failure into a bare 500 problem: no stack, SQL or paths', async () => {
    const broken = openAtlas();
    broken.close(); // the database is gone, so the R-tree query throws inside the store
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // A postcode look-up reads SQLite (a point look-up no longer does: its index is in memory).
      const res = await request(broken.app).get('/api/lookup?postcode=LE17%204QB').expect(500).expect('Content-Type', /application\/problem\+json/);
      expect(res.body).toEqual({ type: 'about:blank', title: 'Internal server error', status: 500, detail: expect.any(String), instance: '/api/lookup?postcode=LE17%204QB' });
      expect(res.text).not.toMatch(/ at |\.ts|\/tmp|\/work|sqlite|SELECT|database connection/i);
      expect(logged).toHaveBeenCalled(); // the real error goes to the server log
    } finally {
      logged.mockRestore();
    }
  });
});
