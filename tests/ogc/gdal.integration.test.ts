// GDAL as an independent OGC API – Features client: ogrinfo must list every collection of the
// layer registry and ogr2ogr must copy every feature, paging through our next links.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/registry/layers.ts';
import { filterAreas } from '../../server/store/area-query.ts';
import { EXPECTED_FEATURES } from '../support/paths.ts';
import { listen, openAtlas, type Listening, type TestAtlas } from '../support/atlas-app.ts';
import { tempDir } from '../support/variant-dirs.ts';

const run = promisify(execFile);

/** GDAL is a required test tool (`.ci/run` installs gdal-bin): its absence is a failure, not a skip. */
async function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[]) {
  try {
    return await run(tool, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GDAL_HTTP_TIMEOUT: '60' } });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is not installed: the OGC API test needs GDAL (apt-get install gdal-bin; .ci/run does this)`);
    throw err;
  }
}

let atlas: TestAtlas;
let server: Listening;
let source: string;
const out = tempDir('gdal');

beforeAll(async () => {
  atlas = openAtlas();
  server = await listen(atlas.app);
  source = `OAPIF:${server.url}/ogc`;
});

afterAll(async () => {
  await server?.close();
  atlas?.close();
});

describe('GDAL against /ogc', () => {
  it('ogrinfo lists every collection of the layer registry, with its title', async () => {
    const { stdout } = await gdal('ogrinfo', ['-ro', '-q', source]);
    const listed = [...stdout.matchAll(/^\d+: (\S+) \(title: ([^)]*\)?)\)/gm)].map((m) => [m[1], m[2]]);
    expect(listed.map(([id]) => id)).toEqual(LAYERS.map((l) => l.id));
    for (const spec of LAYERS) expect(stdout).toContain(`${spec.id} (title: ${spec.title})`);
  });

  it('ogrinfo reports each layer\'s feature count and takes field types from the JSON Schema', async () => {
    const { stdout } = await gdal('ogrinfo', ['-ro', '-so', source, 'lsoas']);
    expect(stdout).toContain(`Feature Count: ${EXPECTED_FEATURES.lsoas}`);
    expect(stdout).toMatch(/^grp_1000: Real/m); // from the schema; the first page alone would suggest Integer
    expect(stdout).toMatch(/^imd_decile: Integer/m);
  });

  it.each(LAYERS.map((l) => [l.id, EXPECTED_FEATURES[l.id]] as const))('ogr2ogr copies every feature of %s (%i) to GeoJSON, page by page', async (id, expected) => {
    const before = server.requests.length;
    const file = join(out, `${id}.geojson`);
    await gdal('ogr2ogr', ['-f', 'GeoJSON', file, source, id]);
    const copied = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { id: string; code: string; layer: string; groups: number } }[] };
    expect(copied.features).toHaveLength(expected);
    const codes = copied.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(expected);
    expect(codes.sort()).toEqual(atlas.store.areas(id).map((a) => a.code).sort());
    // Properties survive the trip: the id, and the group counts from the registers.
    const counts = atlas.ctx.groups.counts(id, null);
    expect([...counts.values()].some((n) => n > 0)).toBe(true); // the built-in registers place groups in every layer
    for (const f of copied.features) {
      expect(f.properties.id).toBe(f.properties.code);
      expect(f.properties.groups, f.properties.code).toBe(counts.get(f.properties.code) ?? 0);
    }

    // GDAL followed our next links: consecutive offsets, one page size, ending at the last page.
    const pages = server.requests.slice(before).map((r) => new URL(r.url, server.url)).filter((u) => u.pathname === `/ogc/collections/${id}/items`);
    const offsets = [...new Set(pages.map((u) => Number(u.searchParams.get('offset') ?? 0)))];
    const limit = Number(pages[0].searchParams.get('limit'));
    expect(offsets).toEqual(Array.from({ length: Math.ceil(expected / limit) }, (_, i) => i * limit));
  });

  it('ogr2ogr sends an equality on category to the server, as the OpenAPI document offers it', async () => {
    const before = server.requests.length;
    const file = join(out, 'general.geojson');
    await gdal('ogr2ogr', ['-f', 'GeoJSON', file, source, 'parishes', '-where', "category = 'general'"]);
    const copied = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { code: string; category: string } }[] };
    const expected = atlas.store.areas('parishes').filter((a) => a.category === 'general').map((a) => a.code);
    expect(copied.features.map((f) => f.properties.code).sort()).toEqual(expected.sort());
    // After one unfiltered page to learn the schema, every page GDAL asks for carries the filter.
    const pages = server.requests.slice(before).map((r) => new URL(r.url, server.url)).filter((u) => u.pathname === '/ogc/collections/parishes/items');
    const filtered = pages.filter((u) => u.searchParams.get('category') === 'general');
    expect(filtered.length).toBeGreaterThan(0);
    expect(pages.filter((u) => u.searchParams.has('offset')).every((u) => filtered.includes(u))).toBe(true);
  });

  it('ogrinfo opened on a filtered collection URL counts and reads only the areas the filters keep', async () => {
    const filters = 'imd_decile_max=3&service_absent=nw';
    const before = server.requests.length;
    const url = `OAPIF:${server.url}/ogc/collections/lsoas?${filters}`;
    const expected = filterAreas(atlas.store, 'lsoas', { imdDecile: [1, 3], absentServices: ['nw'] }).map((a) => a.code);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(EXPECTED_FEATURES.lsoas);
    const { stdout } = await gdal('ogrinfo', ['-ro', '-so', '-oo', 'PAGE_SIZE=1000', url, 'lsoas']);
    expect(stdout).toContain(`Feature Count: ${expected.length}`);
    const file = join(out, 'deprived-without-nw.geojson');
    await gdal('ogr2ogr', ['-f', 'GeoJSON', '-oo', 'PAGE_SIZE=1000', file, url, 'lsoas']);
    const copied = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { code: string; imd_decile: number } }[] };
    expect(copied.features.map((f) => f.properties.code).sort()).toEqual(expected.sort());
    // GDAL repeats the connection's query on every request; the items answered with the filters applied.
    const items = server.requests.slice(before).map((r) => new URL(r.url, server.url)).filter((u) => u.pathname === '/ogc/collections/lsoas/items');
    expect(items.length).toBeGreaterThan(0);
    for (const u of items) expect(u.searchParams.get('imd_decile_max')).toBe('3');
  });

  it('ogr2ogr copies all four collections into one GeoPackage with the right counts', async () => {
    const file = join(out, 'atlas.gpkg');
    await gdal('ogr2ogr', ['-f', 'GPKG', file, source, '-oo', 'PAGE_SIZE=150']);
    const db = new Database(file, { readonly: true });
    try {
      for (const spec of LAYERS) {
        const { n } = db.prepare(`SELECT count(*) AS n FROM "${spec.id}"`).get() as { n: number };
        expect(n, spec.id).toBe(EXPECTED_FEATURES[spec.id]);
      }
    } finally {
      db.close();
    }
  });
});
