// One area: /api/areas/{code} (feature with every property), /api/areas/{code}/services (the plain
// answer with reasons, for every layer) and /api/parishes/services?name= (by name, seed spellings too).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules, loadServices } from '../../server/pipeline/curated.ts';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';
import { CURATED_DIR } from '../support/paths.ts';
import { rfc7946Problems } from '../support/rfc7946.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const get = (path: string) => request(atlas.app).get(path);
const { rules } = loadRules(CURATED_DIR);
const parish = (name: string) => atlas.store.areas('parishes').find((a) => a.name === name)!;

/** What rules.csv says an area with these designations can access, worked out here from the curated file. */
const servicesFromRules = (designations: { table: 'parish' | 'urban'; category: 'laa_target' | 'social_capital' | 'general' }[]) =>
  SERVICE_IDS.filter((s) => designations.some((d) => rules[d.table][d.category].has(s)));

describe('GET /api/areas/{code}', () => {
  it('returns the feature with all properties, attribution and links', async () => {
    const area = parish('Kibworth Beauchamp');
    const res = await get(`/api/areas/${area.code}`).expect(200).expect('Content-Type', 'application/geo+json');
    expect(rfc7946Problems(res.body)).toEqual([]);
    expect(res.body).toMatchObject({ type: 'Feature', id: area.code, properties: { code: area.code, name: 'Kibworth Beauchamp', layer: 'parishes', category: 'general', district_name: 'Harborough' } });
    expect(res.body.attribution).toContain('Office for National Statistics');
    expect(res.body.links.services).toBe(`/api/areas/${area.code}/services?layer=parishes`);
  });

  it('picks the layer a shared ward code belongs to when ?layer= is given', async () => {
    const shared = atlas.store.areas('wards').find((w) => atlas.store.area(w.code, 'wards-2013'))!;
    expect(shared).toBeDefined();
    const current = await get(`/api/areas/${shared.code}`).expect(200);
    expect(current.body.properties.layer).toBe('wards');
    expect(current.body.also_in).toEqual(['wards-2013']);
    const historical = await get(`/api/areas/${shared.code}?layer=wards-2013`).expect(200);
    expect(historical.body.properties.layer).toBe('wards-2013');
  });

  it('answers an unknown code, a malformed code or a code of another layer with a 404 problem', async () => {
    const lsoa = atlas.store.areas('lsoas')[0].code;
    for (const path of ['/api/areas/E04999999', "/api/areas/'%3B%20DROP%20TABLE%20areas%3B--", `/api/areas/${lsoa}?layer=parishes`]) {
      const res = await get(path).expect(404).expect('Content-Type', /application\/problem\+json/);
      expect(res.body.status).toBe(404);
    }
    await get('/api/areas/E04005341?layer=counties').expect(400);
  });
});

describe('GET /api/areas/{code}/services', () => {
  it('answers Kibworth Beauchamp: general, five services, with the Appendix One row as the reason', async () => {
    const area = parish('Kibworth Beauchamp');
    const res = await get(`/api/areas/${area.code}/services`).expect(200);
    const available = res.body.services.filter((s: { available: boolean }) => s.available).map((s: { id: string }) => s.id);
    expect(available).toEqual(servicesFromRules([{ table: 'parish', category: 'general' }]));
    expect(available).toEqual(['rcc_cdo', 'pc', 'faith', 'local_voice', 'scat']); // as the issue states
    const pc = res.body.services.find((s: { id: string }) => s.id === 'pc');
    expect(pc.reason).toContain('General');
    expect(pc.reasons[0]).toMatchObject({ listed_as: 'Kibworth Beauchamp', table: 'parish', category: 'general' });
    expect(res.body.services.find((s: { id: string }) => s.id === 'nw').reason).toMatch(/^Not available/);
    expect(res.body.summary).toContain('Kibworth Beauchamp');
    expect(res.body.services.map((s: { description: string }) => s.description)).toEqual(loadServices(CURATED_DIR).map((s) => s.description));
  });

  it.each(LAYERS.map((l) => [l.id] as const))('works for every area of the %s layer, agreeing with rules.csv', async (layer) => {
    // Every area of the layer would be slow over HTTP; take a spread that includes designated and undesignated areas.
    const areas = atlas.store.areas(layer);
    const sample = [...areas.filter((a) => a.category).slice(0, 6), ...areas.filter((a) => !a.category).slice(0, 2)];
    for (const area of sample) {
      const res = await get(`/api/areas/${area.code}/services?layer=${layer}`).expect(200);
      const available = res.body.services.filter((s: { available: boolean }) => s.available).map((s: { id: string }) => s.id);
      // The rows' ticks plus the provision inferred from the strategy text, less a tick that reaches only residents without a parish council.
      const fromRules = servicesFromRules(area.designations);
      const inferred = new Set(area.provisions.flatMap((p) => p.services));
      const expected = SERVICE_IDS.filter((s) => (fromRules.includes(s) || inferred.has(s)) && !(area.services[s] === null && area.serviceCover[s].withheldUnparished));
      expect(available, area.name).toEqual(expected);
      expect(available, `${area.name}: SCAT is countywide`).toContain('scat');
      expect(res.body.area).toMatchObject({ code: area.code, layer });
    }
  });
});

describe('GET /api/parishes/services?name=', () => {
  it.each([
    ['Scraftoft', 'Scraptoft'],
    ['Allextion', 'Allexton'],
    ['kibworth beauchamp', 'Kibworth Beauchamp'],
    ['Bagworth and Thornton', 'Bagworth & Thornton'],
  ])('finds %s as %s and answers with its services', async (query, name) => {
    const res = await get(`/api/parishes/services?name=${encodeURIComponent(query)}`).expect(200);
    expect(res.body.area.name).toBe(name);
    const area = parish(name);
    const available = res.body.services.filter((s: { available: boolean }) => s.available).map((s: { id: string }) => s.id);
    expect(available).toEqual(servicesFromRules(area.designations));
  });

  it('names the seed spelling it matched', async () => {
    const res = await get('/api/parishes/services?name=Scraftoft').expect(200);
    expect(res.body.matched).toMatchObject({ query: 'Scraftoft', by: 'listed', listed_as: 'Scraftoft' });
  });

  it('answers a name that matches nothing with a 404 problem, and a missing name with a 400', async () => {
    const res = await get('/api/parishes/services?name=Atlantis').expect(404).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain('Atlantis');
    expect((await get('/api/parishes/services').expect(400)).body.detail).toContain('"name"');
    await get(`/api/parishes/services?name=${'x'.repeat(101)}`).expect(400);
  });
});
