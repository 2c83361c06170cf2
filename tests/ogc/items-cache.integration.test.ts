// OGC items pages are cached with their compressed forms: a repeat request is the same bytes (the
// page's timeStamp is when it was made), while another page, host or parameter is another entry.
import { describe, expect, it } from 'vitest';
import { rawGet, useListeningAtlas } from '../support/atlas-app.ts';

const served = useListeningAtlas();

describe('OGC items page cache', () => {
  it('answers a repeated page with the same compressed bytes, even a second later', async () => {
    const path = '/ogc/collections/lsoas/items?limit=50&offset=50';
    const first = await rawGet(served.server.url + path, { 'Accept-Encoding': 'gzip' });
    await new Promise((r) => setTimeout(r, 1100));
    const again = await rawGet(served.server.url + path, { 'Accept-Encoding': 'gzip' });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('keeps pages, hosts and parameters apart', async () => {
    const page = (path: string, host?: string) => rawGet(served.server.url + path, host ? { Host: host } : {}).then((r) => JSON.parse(r.body.toString()));
    const a = await page('/ogc/collections/lsoas/items?limit=10&offset=0');
    const b = await page('/ogc/collections/lsoas/items?limit=10&offset=10');
    expect(a.features.map((f: { id: string }) => f.id)).not.toEqual(b.features.map((f: { id: string }) => f.id));
    const elsewhere = await page('/ogc/collections/lsoas/items?limit=10&offset=0', 'atlas.example.org');
    expect(elsewhere.links[0].href).toContain('atlas.example.org');
    expect(a.links[0].href).not.toContain('atlas.example.org');
  });

  it('serialises a page feature by feature exactly as the whole flat layer file at 6 decimals does', async () => {
    const json = (path: string) => rawGet(served.server.url + path).then((r) => JSON.parse(r.body.toString()));
    const layer = await json('/api/layers/parishes.geojson?precision=6&format=flat');
    const byCode = new Map(layer.features.map((f: { id: string }) => [f.id, f]));
    for (const offset of [0, 100, 230]) {
      const page = await json(`/ogc/collections/parishes/items?limit=20&offset=${offset}`);
      expect(page.numberMatched).toBe(layer.features.length);
      for (const f of page.features) expect(JSON.stringify(f)).toBe(JSON.stringify(byCode.get(f.id)));
    }
  });
});
