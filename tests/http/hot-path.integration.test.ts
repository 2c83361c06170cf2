// The hot path (server/http/hot-path.ts, the routes flagged hot in the route tables) answers the hottest GETs before Express: it must send
// exactly what the Express routes send (body, status, every header but Date), and leave every
// unhappy path (bad parameters, unknown codes, other methods) to Express's problem renderer.
import { describe, expect, it } from 'vitest';
import { rawGet, useListeningAtlas } from '../support/atlas-app.ts';

const served = useListeningAtlas();

const withoutDate = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'date'));

describe('lean read path', () => {
  // Express matches routes case-insensitively while the lean path matches exact paths only, so the
  // upper-cased path is the same resource answered through Express's router and middleware.
  it.each([
    '/api/lookup?lon=-1.2&lat=52.77',
    '/api/lookup?postcode=LE17%204QB',
    '/api/lookup?lon=-1.13&lat=52.63',
    '/api/areas/E04005341',
    '/api/areas/E04005341?layer=parishes',
    '/api/areas/E04005341/services',
    '/api/layers/wards.geojson?district=E07000129&precision=4',
  ])('answers %s exactly as the Express route does', async (path) => {
    const viaExpress = path.replace('/api/', '/API/');
    for (const encoding of ['identity', 'gzip, br']) {
      const lean = await rawGet(served.server.url + path, { 'Accept-Encoding': encoding });
      const express = await rawGet(served.server.url + viaExpress, { 'Accept-Encoding': encoding });
      expect(lean.status).toBe(200);
      expect(withoutDate(lean.headers)).toEqual(withoutDate(express.headers));
      expect(lean.body.equals(express.body)).toBe(true);
      expect(lean.headers['content-security-policy']).toContain("default-src 'self'");
      expect(lean.headers['access-control-allow-origin']).toBe('*');
    }
  });

  // The OGC router is not case-insensitive about its mount point's links, so Express is reached with
  // a trailing slash instead (the router is not strict); pages differ only in their timeStamp.
  it('answers an OGC items page exactly as the Express route does, but for its timeStamp', async () => {
    const path = '/ogc/collections/lsoas/items?limit=3&offset=3';
    const lean = await rawGet(served.server.url + path);
    const express = await rawGet(served.server.url + path.replace('/items?', '/items/?'));
    expect(lean.status).toBe(200);
    expect(withoutDate(lean.headers)).toEqual(withoutDate(express.headers));
    const page = (b: Buffer) => ({ ...JSON.parse(b.toString()), timeStamp: null });
    expect(page(lean.body)).toEqual(page(express.body));
    expect(page(lean.body).links[0].href).toBe(`${served.server.url}${path}`);
    const gzip = await rawGet(served.server.url + path, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe(gzip.body.length >= 1500 ? 'gzip' : undefined);
  });

  // The hand-checked look-up parameters are only a shortcut: what they do not take (a padded value)
  // goes through zod, and the same point gets the same answer and ETag either way.
  it('gives a point the same answer through the hand-checked and the zod parameter paths', async () => {
    const plain = await rawGet(served.server.url + '/api/lookup?lat=52.77&lon=-1.2');
    const padded = await rawGet(served.server.url + '/api/lookup?lon=%20-1.2&lat=52.77%20');
    expect(padded.status).toBe(200);
    expect(padded.body.equals(plain.body)).toBe(true);
    expect(padded.headers.etag).toBe(plain.headers.etag);
    expect(JSON.parse(plain.body.toString()).query).toEqual({ lon: -1.2, lat: 52.77 });
  });

  it('answers a matching ETag with 304, and HEAD with headers only', async () => {
    const first = await rawGet(served.server.url + '/api/lookup?lon=-1.2&lat=52.77');
    expect(first.headers.etag).toMatch(/^W\/"[\w-]+-/);
    const again = await rawGet(served.server.url + '/api/lookup?lon=-1.2&lat=52.77', { 'If-None-Match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    const other = await rawGet(served.server.url + '/api/lookup?lon=-1.21&lat=52.77');
    expect(other.headers.etag).not.toBe(first.headers.etag);
    const head = await rawGet(served.server.url + '/api/areas/E04005341', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it.each([
    ['/api/lookup?lon=500&lat=52.7', 400, '"lon"'],
    ['/api/lookup?lon=-1.2&lat=52.77&lat=52.8', 400, '"lat"'],
    ['/api/lookup?postcode=LE99%209ZZ', 404, 'LE99 9ZZ'],
    ['/api/areas/E04999999', 404, 'E04999999'],
    ['/api/areas/E04005341?layer=counties', 400, '"layer"'],
    ['/api/areas/E04005341/services?radius=1', 400, '"radius"'],
    ['/api/layers/counties.geojson', 404, 'counties'],
    ['/api/lookup?lon=-1.2&lat=52.77&radius=5', 400, '"radius"'],
    ['/api/lookup?lon=-1.2', 400, '"lat"'],
    ['/ogc/collections/lsoas/items?limit=abc', 400, '"limit"'],
    ['/ogc/collections/counties/items', 404, 'counties'],
  ])('leaves %s to Express, which answers %i with a problem', async (path, status, named) => {
    const res = await rawGet(served.server.url + path);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(res.body.toString()).detail).toContain(named);
  });

  it('leaves writes to Express (a read-only resource refuses them)', async () => {
    const res = await rawGet(served.server.url + '/api/lookup?lon=-1.2&lat=52.77', {}, 'POST');
    expect(res.status).toBe(405);
  });
});
