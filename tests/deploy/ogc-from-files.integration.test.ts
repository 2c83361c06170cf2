// OGC API clients against the static export behind deploy/nginx.conf: GDAL's OAPIF driver pages
// through a collection with limit=10 and each "next" link (what GDAL 3.6 sends), and
// every one of those pages must come from the exported files, not from the app.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type RunningNginx } from '../../deploy/nginx-runner.ts';
import { exportStatic } from '../../server/export/static-export.ts';
import { listen, openAtlas, type Listening, type TestAtlas } from '../support/atlas-app.ts';
import { tempDir } from '../support/variant-dirs.ts';

let atlas: TestAtlas;
let app: Listening;
let nginx: RunningNginx;
const root = join(tempDir('export'), 'static');

beforeAll(async () => {
  atlas = openAtlas();
  app = await listen(atlas.app);
  // nginx first: the exported OGC links are absolute and must name it.
  nginx = await startNginx({ root, appHost: new URL(app.url).host });
  await exportStatic(atlas.app, atlas.store, root, { origin: nginx.url, clientDir: null, include: (p) => /^\/ogc(\/(api|conformance|collections(\/parishes(\/(items|schema).*)?)?))?(\?|$)/.test(p) });
}, 120_000);
afterAll(async () => {
  await nginx?.stop();
  await app?.close();
  atlas?.close();
});

describe('OGC API from files', () => {
  it('GDAL reads every parish from the exported pages; the app is never asked for one', () => {
    const before = app.requests.length;
    const out = join(tempDir('gdal'), 'parishes.geojson');
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', out, `OAPIF:${nginx.url}/ogc`, 'parishes'], { encoding: 'utf8' });
    const codes = (JSON.parse(readFileSync(out, 'utf8')).features as { properties: { code: string } }[]).map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(atlas.store.areas('parishes').length);
    expect(codes.length).toBe(atlas.store.areas('parishes').length);
    expect(app.requests.slice(before).map((r) => r.url)).toEqual([]);
  });

  it.each(['/ogc/collections/parishes/items?limit=10', '/ogc/collections/parishes/items?limit=10&offset=230', '/ogc/collections/parishes/items?limit=1000'])('%s is a file', async (path) => {
    const before = app.requests.length;
    const res = await fetch(nginx.url + path);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { features: unknown[] }).features.length).toBeGreaterThan(0);
    expect(app.requests.length).toBe(before);
  });
});
