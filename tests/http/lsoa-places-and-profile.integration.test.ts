// The small server pieces of issue 10: the places each LSOA covers (from the Output Areas), district
// downloads named after the district, and /area/{code} answered with the profile page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { createContext } from '../../server/http/context.ts';
import { openAtlas } from '../support/atlas-app.ts';
import { tempDir } from '../support/variant-dirs.ts';

const clientDir = tempDir('client');
mkdirSync(clientDir, { recursive: true });
writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Coverage Atlas</title>');
writeFileSync(join(clientDir, 'profile.html'), '<!doctype html><title>Area profile</title>');
const atlas = openAtlas({ clientDir });
afterAll(() => atlas.close());

describe('LSOA places', () => {
  it('names, for every LSOA, the parishes and wards its residents live in, with shares that add up', async () => {
    const res = await request(atlas.app).get('/api/layers/lsoas/places');
    expect(res.status).toBe(200);
    const places = res.body.places as Record<string, { layer: string; code: string; name: string; share: number }[]>;
    const lsoas = atlas.store.areas('lsoas');
    expect(Object.keys(places).sort()).toEqual(lsoas.map((a) => a.code).sort());
    for (const a of lsoas) {
      const list = places[a.code];
      for (const layer of ['parishes', 'wards']) {
        const shares = list.filter((p) => p.layer === layer).map((p) => p.share);
        expect(shares.length, `${a.code} ${layer}`).toBeGreaterThan(0);
        // Places under 5% are left out, so the listed shares add up to at most 1.
        expect(shares.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(1.005);
      }
      for (const p of list) expect(atlas.store.area(p.code, p.layer as 'parishes' | 'wards')?.name).toBe(p.name);
    }
    // The LSOA's own label point lies in one of the wards named for it.
    const sample = lsoas[0];
    const ward = atlas.store.placeInLayers(sample.label[0], sample.label[1]).find((p) => p.area.layer === 'wards')!.area.code;
    expect(places[sample.code].some((p) => p.code === ward)).toBe(true);
  });

  it('answers from the built database, so the source files are not read (or needed) at run time', async () => {
    // A server whose geodata folder is empty: the places were tallied by the build, not on the first request.
    const app = createApp(createContext(atlas.store, atlas.ctx.groups, { ...atlas.ctx.config, geodataDir: tempDir('no-geodata') } as typeof atlas.ctx.config));
    const res = await request(app).get('/api/layers/lsoas/places');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.places)).toHaveLength(atlas.store.areas('lsoas').length);
  });
});

describe('download names and the profile page', () => {
  it('names a district extract after the district, and the whole layer after the layer', async () => {
    const csv = await request(atlas.app).get('/api/layers/parishes.csv?district=Harborough');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="parishes-harborough.csv"');
    const geo = await request(atlas.app).get('/api/layers/wards.geojson?district=E07000134');
    expect(geo.headers['content-disposition']).toBe('inline; filename="wards-north-west-leicestershire.geojson"');
    const all = await request(atlas.app).get('/api/layers/lsoas.csv');
    expect(all.headers['content-disposition']).toBe('attachment; filename="lsoas.csv"');
  });

  it('answers /area/{code} with the profile page, and nothing else under /area', async () => {
    const res = await request(atlas.app).get('/area/E04013143?layer=parishes');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>Area profile</title>');
    expect((await request(atlas.app).get('/area/E04013143/extra')).status).toBe(404);
  });
});
