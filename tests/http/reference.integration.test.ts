// Reference resources: the service key and rules (checked against geodata/ through the loader),
// county coverage per service (sums checked), sources, reconciliation, client config and health.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistricts, loadEntries, loadRules, loadServices, loadSources } from '../../server/pipeline/curated.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';
import { CURATED_DIR, EXPECTED_FEATURES } from '../support/paths.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const get = (path: string) => request(atlas.app).get(path);

describe('GET /api/services', () => {
  it('publishes the service key and the Appendix One ticks exactly as geodata/ holds them', async () => {
    const res = await get('/api/services').expect(200);
    expect(res.body.services.map((s: { id: string; name: string }) => [s.id, s.name])).toEqual(loadServices(CURATED_DIR).map((s) => [s.id, s.name]));
    expect(res.body.rules).toEqual(loadRules(CURATED_DIR).ruleRows.map((r) => ({ table: r.table, category: r.category, row_label: r.rowLabel, services: r.services })));
  });
});

describe('GET /api/coverage', () => {
  it.each(LAYERS.map((l) => [l.id] as const))('adds up for %s: whole + part + none = every area and the county population', async (layer) => {
    const res = await get(`/api/coverage?layer=${layer}`).expect(200);
    const { county_population: county, areas } = res.body;
    expect(areas).toBe(atlas.store.areas(layer).length);
    expect(county).toBe(atlas.store.countyPopulation);
    for (const s of res.body.services) {
      expect(s.whole.areas + s.part.areas + s.none.areas, s.id).toBe(areas);
      expect(s.whole.population + s.part.population + s.none.population, s.id).toBe(county);
      expect(s.whole.areas).toBe(atlas.store.areas(layer).filter((a) => a.services[s.id as 'nw'] === 'whole').length);
      expect(s.share_of_county.whole).toBeCloseTo(s.whole.population / county, 4);
      expect(s.share_of_county.whole_or_part).toBeCloseTo((s.whole.population + s.part.population) / county, 4);
    }
    const categories = res.body.categories;
    expect(categories.reduce((n: number, c: { areas: number }) => n + c.areas, 0)).toBe(areas);
    expect(categories.reduce((n: number, c: { population: number }) => n + c.population, 0)).toBe(county);
  });

  it('defaults to parishes and refuses an unknown layer', async () => {
    expect((await get('/api/coverage').expect(200)).body.layer).toBe('parishes');
    expect((await get('/api/coverage?layer=counties').expect(400)).body.detail).toContain('"layer"');
  });
});

describe('GET /api/sources, /api/reconciliation, /api/config, /api/health', () => {
  it('lists every source of the manifest with licence and attribution, and no server paths', async () => {
    const res = await get('/api/sources').expect(200);
    expect(res.body.sources.map((s: { id: string }) => s.id)).toEqual(loadSources(CURATED_DIR).map((s) => s.id));
    for (const s of res.body.sources) {
      expect(s.licence).toBeTruthy();
      expect(s.attribution).toBeTruthy();
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.file.startsWith('/')).toBe(false);
    }
    expect(res.text).not.toContain(process.cwd());
  });

  it('publishes the reconciliation report for every Appendix One entry', async () => {
    const res = await get('/api/reconciliation').expect(200);
    const entries = loadEntries(CURATED_DIR);
    expect(res.body.counts.entries).toBe(entries.length);
    expect(res.body.counts.unresolved).toBe(entries.filter((e) => e.method === 'unresolved').length);
  });

  it('gives the client its settings and reports health without caching', async () => {
    const config = await get('/api/config').expect(200);
    expect(config.body.districts.map((d: { code: string }) => d.code).sort()).toEqual(loadDistricts(CURATED_DIR).map((d) => d.code).sort());
    expect(config.body.county_population).toBe(atlas.store.countyPopulation);
    // Printed pages cite Appendix One by the title the services answers use.
    const answer = await get('/api/areas/E04005342/services?layer=parishes').expect(200);
    expect(config.body.appendix_one).toMatch(/^Appendix One of /);
    expect(JSON.stringify(answer.body)).toContain(config.body.appendix_one);
    const health = await get('/api/health').expect(200).expect('Cache-Control', 'no-store');
    expect(health.body).toMatchObject({ status: 'ok', areas: LAYERS.reduce((n, l) => n + EXPECTED_FEATURES[l.id], 0) });
  });

  it.each(['/api/layers', '/api/services', '/api/sources', '/api/reconciliation', '/api/config', '/api/health'])('%s refuses parameters it does not take', async (path) => {
    const res = await get(`${path}?callback=x`).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain('"callback"');
  });
});
