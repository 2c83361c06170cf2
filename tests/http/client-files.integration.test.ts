// The web client is served from memory, compressed, with year-long caching only for hashed assets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, openAtlas, rawGet } from '../support/atlas-app.ts';
import { tempDir } from '../support/variant-dirs.ts';

const clientDir = tempDir('client');
const script = `console.log(${JSON.stringify('atlas '.repeat(400))});\n`;
mkdirSync(join(clientDir, 'assets'));
writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Coverage Atlas</title><script type="module" src="/assets/app-1a2b3c.js"></script>');
writeFileSync(join(clientDir, 'assets', 'app-1a2b3c.js'), script);
// A glyph range as the client build writes it, in a folder named by the fontstack (with a space).
const glyphs = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i % 97 < 60 ? 0 : i % 251)));
mkdirSync(join(clientDir, 'glyphs', 'Open Sans Bold'), { recursive: true });
writeFileSync(join(clientDir, 'glyphs', 'Open Sans Bold', '0-255.pbf'), glyphs);
const atlas = openAtlas({ clientDir });
afterAll(() => atlas.close());

describe('client files', () => {
  it('serves index.html at / and revalidates it on every load', async () => {
    const res = await request(atlas.app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<title>Coverage Atlas</title>');
  });

  it('sends hashed assets brotli-compressed and immutable for a year', async () => {
    const server = await listen(atlas.app);
    try {
      const res = await rawGet(`${server.url}/assets/app-1a2b3c.js`, { 'Accept-Encoding': 'gzip, br' });
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.body.length).toBeLessThan(script.length / 4);
      expect(brotliDecompressSync(res.body).toString()).toBe(script);
    } finally {
      await server.close();
    }
  });

  it('sends the label glyphs compressed (they went raw: 88 kB of every first map), an hour cached', async () => {
    const server = await listen(atlas.app);
    try {
      const res = await rawGet(`${server.url}/glyphs/Open%20Sans%20Bold/0-255.pbf`, { 'Accept-Encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      expect(res.body.length).toBeLessThan(glyphs.length / 2);
      expect(gunzipSync(res.body).equals(glyphs)).toBe(true);
      // Without compression asked for, the same bytes as stored.
      const plain = await rawGet(`${server.url}/glyphs/Open%20Sans%20Bold/0-255.pbf`, { 'Accept-Encoding': 'identity' });
      expect(plain.body.equals(glyphs)).toBe(true);
      expect((await rawGet(`${server.url}/glyphs/Open%20Sans%20Bold/%E0%A4%A.pbf`, {})).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await request(atlas.app).get('/assets/app-1a2b3c.js');
    const again = await request(atlas.app).get('/assets/app-1a2b3c.js').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('answers an unknown page with a 404 problem, not the app', async () => {
    const res = await request(atlas.app).get('/nope.html');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
