// GET /api/layers/{id}/summary: what a map drawing the layer from vector tiles needs before any area's
// attributes (legend counts of the views the tiles carry, per layer and per district, each district's
// extent and label point, the registers counted), checked against the layer's own GeoJSON; zod-checked
// parameters with problem+json errors; an answer that names no area (it grows with districts only).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryClass, imdClass } from '../../server/domain/area-class.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const get = (path: string) => request(atlas.app).get(path);

type Props = { code: string; district_code: string; district_name: string; category: any; category_extent: any; imd_decile?: number | null };
type Feature = { id: string; bbox: number[]; properties: Props };

const tally = (features: Feature[], classOf: (p: Props) => string) => {
  const out: Record<string, number> = {};
  for (const f of features) out[classOf(f.properties)] = (out[classOf(f.properties)] ?? 0) + 1;
  return out;
};
const category = (p: Props) => categoryClass(p.category, p.category_extent);
const imd = (p: Props) => imdClass(p.imd_decile);

describe('GET /api/layers/{id}/summary', () => {
  it.each(LAYERS.map((l) => l.id))('%s: legend counts, districts and extents as the layer itself gives them', async (layer) => {
    const features: Feature[] = (await get(`/api/layers/${layer}.geojson?geometry=none`).expect(200)).body.features;
    const res = await get(`/api/layers/${layer}/summary`).expect(200).expect('Content-Type', /^application\/json/);
    const s = res.body;
    expect(s.layer).toBe(layer);
    expect(s.total).toBe(features.length);
    expect(s.views.c_category).toEqual(tally(features, category));
    if (layer === 'lsoas') expect(s.views.c_imd).toEqual(tally(features, imd));
    else expect(s.views).not.toHaveProperty('c_imd');
    expect(s.attribution).toContain('Office for National Statistics');

    const byDistrict = new Map<string, Feature[]>();
    for (const f of features) byDistrict.set(f.properties.district_code, [...(byDistrict.get(f.properties.district_code) ?? []), f]);
    expect(s.districts.map((d: any) => d.code).sort()).toEqual([...byDistrict.keys()].sort());
    // Larger districts first (their names win label collisions).
    expect(s.districts.map((d: any) => d.areas)).toEqual([...s.districts.map((d: any) => d.areas)].sort((a: number, b: number) => b - a));
    for (const d of s.districts) {
      const own = byDistrict.get(d.code)!;
      expect(d.name).toBe(own[0].properties.district_name);
      expect(d.areas).toBe(own.length);
      expect(d.views.c_category).toEqual(tally(own, category));
      // The union of the areas' boxes, and the label at the mean of their centres.
      expect(d.bbox).toEqual([0, 1, 2, 3].map((i) => (i < 2 ? Math.min : Math.max)(...own.map((f) => f.bbox[i]))));
      const mean = (i: number) => own.reduce((sum, f) => sum + (f.bbox[i] + f.bbox[i + 2]) / 2, 0) / own.length;
      expect(d.label[0]).toBeCloseTo(mean(0), 4);
      expect(d.label[1]).toBeCloseTo(mean(1), 4);
    }
    // Nothing per area: the answer grows with districts, not with the layer.
    const text = res.text;
    expect(features.filter((f) => text.includes(f.id))).toEqual([]);
  });

  it('counts the registers asked for, or every register', async () => {
    const registers: string[] = (await get('/api/layers').expect(200)).body.registers.map((r: { name: string }) => r.name);
    expect((await get('/api/layers/parishes/summary').expect(200)).body.registers_counted).toEqual(registers);
    expect(registers.length).toBeGreaterThan(0);
    expect((await get(`/api/layers/parishes/summary?registers=${registers[0]}`).expect(200)).body.registers_counted).toEqual([registers[0]]);
  });

  it('is cached and revalidated like the layers (ETag, 304)', async () => {
    const first = await get('/api/layers/wards/summary').expect(200);
    expect(first.headers.etag).toBeTruthy();
    await get('/api/layers/wards/summary').set('If-None-Match', first.headers.etag).expect(304);
  });

  it.each([
    ['registers=nope', 'registers'],
    ['district=E07000129', 'district'],
    ['view=density', 'view'],
  ])('answers %s with a 400 problem naming %s', async (query, name) => {
    const res = await get(`/api/layers/parishes/summary?${query}`).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad request' });
    expect(res.body.detail).toContain(`"${name}"`);
  });

  it('answers an unknown layer with a 404 problem', async () => {
    const res = await get('/api/layers/counties/summary').expect(404).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain('counties');
  });
});
