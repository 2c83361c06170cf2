// Issue 8's defects, each against the running app: own rows win, names find today's parish with one
// ranking, union shares, towns in part, countywide SCAT, Loughborough East, label-point density, no
// parish council in unparished towns, and the shares and confidence in every output.
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const get = (path: string) => request(atlas.app).get(path);
const byName = (name: string) => get(`/api/parishes/services?name=${encodeURIComponent(name)}`).expect(200);
const area = (layer: (typeof LAYERS)[number]['id'], name: string) => atlas.store.areas(layer).find((a) => a.name === name)!;

describe('1. a parish keeps its own Appendix One row', () => {
  it('answers Charley as General, 5 services, listed', async () => {
    const res = await byName('Charley');
    expect(res.body.area).toMatchObject({ name: 'Charley', category: 'general', category_extent: 'whole', category_share: 1 });
    expect(res.body.services.filter((s: { available: boolean }) => s.available)).toHaveLength(5);
    expect(res.body.designations).toMatchObject([{ listed_as: 'Charley', confidence: 'listed' }]);
    expect(res.body.summary).toContain('is listed in Appendix One');
  });

  it('does not make Castle Rock ward "LAA target, whole": Charley inside it keeps General', async () => {
    const res = await get(`/api/areas/${area('wards', 'Castle Rock').code}/services?layer=wards`).expect(200);
    expect(res.body.area.category).toBe('laa_target');
    expect(res.body.area.category_extent).toBe('part');
    expect(res.body.area.category_share).toBeGreaterThan(0.9);
    expect(res.body.area.category_share).toBeLessThan(1);
  });
});

describe('2. names find the parish, with one ranking for search and checker', () => {
  it.each([
    ['Misterton', 'Misterton with Walcote'],
    ['Tilton', 'Tilton on the Hill and Halstead'],
    ['Hugglescote', 'Hugglescote and Donington le Heath'],
  ])('answers %s for the parish %s, and lists the 2013 ward among other matches', async (query, parish) => {
    const res = await byName(query);
    expect(res.body.area).toMatchObject({ name: parish, layer: 'parishes' });
    expect(res.body.other_matches.some((m: { layer: string; name: string }) => m.layer === 'wards-2013' && m.name === query)).toBe(true);
  });

  it.each(['Greenhill', 'Misterton', 'Hugglescote', 'Tilton', 'Charley'])('gives the same first answer to %s in the search box and the checker', async (q) => {
    const search = await get(`/api/search?q=${q}`).expect(200);
    const checker = await byName(q);
    expect(checker.body.area.code).toBe(search.body.results[0].code);
    expect(checker.body.area.layer).toBe(search.body.results[0].layer);
  });
});

describe('3. whole and part are judged on the union of designations', () => {
  it('never shows an area as "part" while its category reaches every resident, on any layer', () => {
    for (const spec of LAYERS)
      for (const a of atlas.store.areas(spec.id)) {
        if (a.categoryShare !== null) expect(a.categoryShare, a.name).toBeLessThanOrEqual(1);
        if (a.categoryExtent === 'part') expect(a.categoryShare ?? 0, `${spec.id} ${a.name}`).toBeLessThan(0.999);
        for (const s of SERVICE_IDS) if (a.serviceCover[s].extent === 'part') expect(a.serviceCover[s].share ?? 0, `${a.name} ${s}`).toBeLessThan(0.999);
      }
  });

  it('counts a merged parish listed under several names once (Frisby-on-the-Wreake ward)', async () => {
    const res = await get(`/api/areas/${area('wards', 'Frisby-on-the-Wreake').code}?layer=wards`).expect(200);
    expect(res.body.properties).toMatchObject({ category: 'general', category_extent: 'whole', category_share: 1 });
    expect(Object.values(res.body.properties.service_share).every((v) => v === null || (v as number) <= 1)).toBe(true);
  });
});

describe('4. towns listed only in part', () => {
  it.each(['Charnwood, unparished area', 'Harborough, unparished area', 'Melton, unparished area', 'Hinckley and Bosworth, unparished area'])('%s is LAA target for part only', (name) => {
    expect(area('parishes', name)).toMatchObject({ category: 'laa_target', categoryExtent: 'part' });
  });

  it('no longer shows Loughborough Nanpantan (IMD decile 10 area) as "LAA target, whole"', async () => {
    const res = await get(`/api/areas/${area('wards', 'Loughborough Nanpantan').code}/services?layer=wards`).expect(200);
    expect(res.body.area.category_extent).toBe('part');
    expect(res.body.summary).toContain('unspecified part');
  });
});

describe('5. SCAT is countywide', () => {
  it('reaches every resident of every area, with the seed\'s countywide sentence as its reason', async () => {
    for (const spec of LAYERS) for (const a of atlas.store.areas(spec.id)) expect(a.serviceCover.scat.extent, `${spec.id} ${a.name}`).toBe('whole');
    for (const name of ['Noseley', 'Stonebow Village']) {
      const res = await byName(name);
      const scat = res.body.services.find((s: { id: string }) => s.id === 'scat');
      expect(scat.available).toBe(true);
      expect(scat.reason).toContain('across the whole of Leicestershire');
      expect(scat.reason).toContain('inferred from the strategy text');
    }
  });

  it('marks the provision for unlisted parishes as inferred, never as a listing', async () => {
    const res = await byName('Noseley');
    expect(res.body.area.category).toBeNull();
    expect(res.body.summary).toContain('is not listed');
    expect(res.body.summary).toContain('inferred from the strategy text');
    expect(res.body.inferred_provision.map((p: { id: string }) => p.id).sort()).toEqual(['countywide_scat', 'other_communities']);
  });

  it('gives a successor parish its predecessor listing with the method recorded', async () => {
    const res = await byName('Hamilton Lea');
    expect(res.body.designations).toMatchObject([{ listed_as: 'Barkby Thorpe', confidence: 'inferred', method: 'successor_parish' }]);
    expect(res.body.summary).not.toContain('is listed in');
    const stonebow = await byName('Stonebow Village');
    const nw = stonebow.body.services.find((s: { id: string }) => s.id === 'nw');
    expect(nw.reason).toContain('inferred from the listing “Loughborough” (part only), because this parish was formed after 2008 from the area so listed');
    expect(nw.reason).not.toContain('listed as');
    // NW comes from the predecessor's listing; SCAT comes from it too; only RCC CDO (the rest of the parish) comes from the strategy text alone.
    expect(stonebow.body.summary).toMatch(/Of these, RCC CDO is inferred from the strategy text/);
  });
});

describe('6. other defects', () => {
  it('resolves "Loughborough East" to the 2025 ward E05014673 at lower confidence', async () => {
    const res = await get('/api/areas/E05014673/services?layer=wards').expect(200);
    const d = res.body.designations.find((x: { listed_as: string }) => x.listed_as === 'Loughborough East');
    expect(d).toMatchObject({ confidence: 'resolved', lower_confidence: true, method: 'later_ward' });
    const reconciliation = await get('/api/reconciliation').expect(200);
    const west = reconciliation.body.entries.find((e: { listed_as: string }) => e.listed_as === 'Loughborough West');
    expect(west.method).toBe('unresolved');
    expect(west.note).not.toMatch(/no .*ward has this name and/);
  });

  it.each(['Beeby', 'Hamilton Lea', 'Swinford'])('gives the label-point parish %s a null density and explains its population', async (name) => {
    const a = area('parishes', name);
    const res = await get(`/api/areas/${a.code}?layer=parishes`).expect(200);
    expect(res.body.properties.groups_per_1000).toBeNull();
    expect(res.body.properties.population_note).toContain('label point');
  });

  it('says an unparished town has no parish council', async () => {
    const res = await get(`/api/areas/${area('parishes', 'Charnwood, unparished area').code}/services?layer=parishes`).expect(200);
    const pc = res.body.services.find((s: { id: string }) => s.id === 'pc');
    expect(pc.available).toBe(false);
    expect(pc.reason).toContain('no parish council');
  });
});

describe('shares and confidence in every output', () => {
  it('puts the category share, per-service shares, designations and inferred provision in the CSV (flat columns)', async () => {
    const res = await get('/api/layers/wards.csv').expect(200);
    const rows = parse(res.text, { columns: true, bom: true }) as Record<string, string>[];
    for (const col of ['cat_share', 'prov_n', 'p1_label', 'p1_conf', ...atlas.store.services.map((s) => `shr_${s.gisKey}`)]) expect(Object.keys(rows[0])).toContain(col);
    expect(atlas.store.services.map((s) => s.id)).toEqual([...SERVICE_IDS]);
    const castle = rows.find((r) => r.name.includes('Castle Rock'))!;
    const slots = Array.from({ length: Number(castle.desig_n) }, (_, i) => i + 1);
    expect(slots.some((i) => castle[`d${i}_table`] === 'parish' && castle[`d${i}_cat`] === 'general' && castle[`d${i}_ext`] === 'part' && castle[`d${i}_conf`] === 'listed')).toBe(true);
    expect(Number(castle.prov_n)).toBeGreaterThan(0);
    expect(castle.p1_conf).toBe('inferred');
  });

  it('describes the category share and service shares in the OGC schema', async () => {
    const res = await get('/ogc/collections/wards/schema').expect(200);
    expect(res.body.properties.properties.properties.cat_share.type).toBe('number');
    expect(res.body.properties.properties.properties.shr_nw.type).toBe('number');
  });
});

describe('county coverage', () => {
  it('counts the residents each service certainly reaches from the union shares: SCAT everyone, on every layer', async () => {
    for (const spec of LAYERS) {
      const res = await get(`/api/coverage?layer=${spec.id}`).expect(200);
      const reached = Object.fromEntries(res.body.services.map((s: { id: string; residents_certainly_reached: number }) => [s.id, s.residents_certainly_reached]));
      expect(reached.scat, spec.id).toBe(res.body.county_population);
      for (const s of res.body.services) expect(s.residents_certainly_reached).toBeLessThanOrEqual(s.whole.population + s.part.population);
    }
  });
});

describe('the key', () => {
  it('lists the inferred provision with the seed evidence, apart from the rows, and the confidence of each method', async () => {
    const res = await get('/api/services').expect(200);
    const scat = res.body.inferred_provision.find((p: { id: string }) => p.id === 'countywide_scat');
    expect(scat).toMatchObject({ kind: 'countywide', services: ['scat'], confidence: 'inferred' });
    expect(scat.evidence).toContain('across the whole of Leicestershire');
    expect(res.body.inferred_provision.find((p: { id: string }) => p.id === 'other_communities').evidence).toContain('In all other communities');
    expect(res.body.confidence.find((m: { method: string }) => m.method === 'later_ward')).toMatchObject({ confidence: 'resolved', lower_confidence: true });
  });
});

describe('reasons read as plain sentences', () => {
  it('never ends a reason with a doubled full stop (after "Neigh Man." or a quoted seed sentence), for any parish', async () => {
    for (const parish of atlas.store.areas('parishes')) {
      const res = await get(`/api/areas/${parish.code}/services?layer=parishes`).expect(200);
      for (const s of res.body.services as { id: string; reason: string }[]) expect(s.reason, `${parish.name} ${s.id}`).not.toMatch(/\.["”]?\.(\s|$)/);
    }
  });
});
