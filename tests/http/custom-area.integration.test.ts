// POST /api/profile, "Your own areas" (issue 21): a drawn polygon or chosen areas answered with the
// figures an area has, built from the same Output Areas. A parish's or ward's own outline must give
// its own figures; union of areas sums residents; an empty or broken polygon is a problem naming it.
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { PROFILE_MAX_VERTICES } from '../../server/config/limits.ts';
import { useAtlas } from '../support/atlas-app.ts';

const t = useAtlas();
const post = (body: unknown) => supertest(t.atlas.app).post('/api/profile').send(body as object);

/** The figures an area's own answer gives, in the shape both answers can be compared in. */
async function areaFigures(layer: string, code: string) {
  const p = (await t.get(`/api/areas/${code}?layer=${layer}`).expect(200)).body.properties;
  return {
    population: p.population,
    services: Object.fromEntries(Object.keys(p.service_share).map((s) => [s, { extent: p.service_extent[s], share: p.service_share[s] }])),
    category: p.category,
    category_share: p.category_share,
    groups: p.groups,
    per_1000: p.groups_per_1000,
  };
}

function customFigures(b: { population: number; services: { id: string; extent: string | null; share: number | null }[]; category: string | null; categories: { id: string; share: number | null }[]; groups: { count: number; per_1000: number | null } }) {
  return {
    population: b.population,
    services: Object.fromEntries(b.services.map((s) => [s.id, { extent: s.extent, share: s.share }])),
    category: b.category,
    category_share: b.categories.find((c) => c.id === b.category)?.share ?? null,
    groups: b.groups.count,
    per_1000: b.groups.per_1000,
  };
}

// Oadby and Wigston's unparished area: services for all, for part and for "at least" part, groups, and a category share that is a lower bound.
const OADBY = 'E04005542';
const OADBY_UNPARISHED = 'E43000108';

describe('a drawn polygon equal to an area outline', () => {
  it("gives every parish's figures from its outline (residents, every service's share and extent, category share, groups)", async () => {
    // All 209 with a polygon: for 8 of them (e.g. Wanlip, E04005396) ONS best fit puts an Output Area in the
    // parish whose centroid lies outside the outline, or one of another parish's inside it.
    const parishes = t.atlas.store.areas('parishes').filter((a) => a.geometryType !== 'Point');
    expect(parishes.length).toBe(209);
    for (const p of parishes) {
      const res = await post({ geometry: p.geometry }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      expect(customFigures(res.body), p.code).toEqual(await areaFigures('parishes', p.code));
    }
  });

  it('gives the "at least" of a part listing, as the area does', async () => {
    const area = t.atlas.store.area(OADBY_UNPARISHED, 'parishes')!;
    const res = await post({ geometry: area.geometry }).expect(200);
    const lowerBounds = res.body.services.filter((s: { at_least: boolean }) => s.at_least);
    expect(lowerBounds.length).toBeGreaterThan(0);
    for (const s of lowerBounds) {
      expect(area.serviceCover[s.id as keyof typeof area.serviceCover].shareAtLeast).toBe(true);
      expect(s.text).toMatch(/^.+: part: at least \d+% of its residents$/);
    }
  });

  it("gives every ward's figures from its outline", async () => {
    expect(t.atlas.store.areas('wards').length).toBe(140);
    for (const ward of t.atlas.store.areas('wards')) {
      const res = await post({ geometry: ward.geometry }).expect(200);
      expect(res.body.population, ward.code).toBe(ward.population);
      for (const s of res.body.services) expect(s.share, `${ward.code} ${s.id}`).toBe(ward.serviceCover[s.id as keyof typeof ward.serviceCover].share);
    }
  });
});

describe('chosen areas', () => {
  it('["parishes/X"] gives parish X\'s figures, for every parish with Output Areas', async () => {
    for (const p of t.atlas.store.areas('parishes').filter((a) => a.geometryType !== 'Point')) {
      const res = await post({ areas: [`parishes/${p.code}`] }).expect(200);
      expect(customFigures(res.body), p.code).toEqual(await areaFigures('parishes', p.code));
    }
  });

  it('the union of two LSOAs has the sum of their residents and groups, and overlaps exactly them', async () => {
    const [a, b] = t.atlas.store.areas('lsoas').filter((l) => l.districtCode === 'E07000135');
    const res = await post({ areas: [`lsoas/${a.code}`, `lsoas/${b.code}`] }).expect(200);
    expect(res.body.population).toBe(a.population! + b.population!);
    const counts = t.atlas.ctx.groups.counts('lsoas', null);
    expect(res.body.groups.count).toBe((counts.get(a.code) ?? 0) + (counts.get(b.code) ?? 0));
    expect(res.body.overlaps.lsoas.map((o: { code: string }) => o.code).sort()).toEqual([a.code, b.code].sort());
    // Each LSOA's IMD decile holds its residents.
    const mix = res.body.deprivation.residents_by_decile as number[];
    expect(mix.reduce((x, y) => x + y, 0)).toBe(a.population! + b.population!);
    expect(mix[a.imd!.decile - 1]).toBeGreaterThanOrEqual(a.population!);
    // Naming an area twice, or through another layer, counts its residents once.
    const again = await post({ areas: [`lsoas/${a.code}`, `lsoas/${a.code}`] }).expect(200);
    expect(again.body.population).toBe(a.population);
  });

  it('sets each figure beside the district and the county, says how it was built, and carries attribution and flat columns', async () => {
    const res = await post({ areas: [`parishes/${OADBY_UNPARISHED}`] }).expect(200);
    const b = res.body;
    expect(b.method).toMatch(/Census 2021 Output Areas.*covers whole.*population-weighted centroid/);
    expect(b.method).toContain('Appendix One of the Leicestershire LAA Stronger Communities delivery plan');
    expect(b.district.code).toBe('E07000135');
    for (const s of b.services) {
      expect(typeof s.county).toBe('number');
      expect(typeof s.district).toBe('number');
    }
    expect(typeof b.groups.county_per_1000).toBe('number');
    expect(typeof b.deprivation.county_share_deciles_1_2).toBe('number');
    expect(typeof b.cni.mean_score).toBe('number');
    expect(b.attribution).toMatch(/Office for National Statistics|ONS/);
    expect(b.properties.population).toBe(b.population);
    expect(Object.values(b.properties).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))).toBe(true);
    expect(JSON.stringify(b)).not.toMatch(/seed/i);
  });
});

describe('the Appendix One designations behind a custom area', () => {
  type Listed = { text: string; category: string; table: string; listed_as: string; listed_extent: string; confidence: string; extent: string; share: number | null; at_least: boolean; residents: number; residents_where_listed: number; residents_where_listed_at_least: boolean };
  const key = (d: { listed_as?: string; listedAs?: string; category: string; table: string; confidence: string }) => `${d.category}|${d.table}|${d.listed_as ?? d.listedAs}|${d.confidence}`;

  it("an area made of one parish or ward lists that area's designations, never claiming more than it", async () => {
    let lowerBounds = 0;
    for (const layer of ['parishes', 'wards'] as const)
      for (const area of t.atlas.store.areas(layer).filter((a) => a.geometryType !== 'Point')) {
        const b = (await post({ areas: [`${layer}/${area.code}`] }).expect(200)).body;
        const listed = b.designations as Listed[];
        expect(listed.map(key).sort(), area.code).toEqual(area.designations.map(key).sort());
        for (const d of listed) {
          const own = area.designations.find((x) => key(x) === key(d))!;
          // A custom area is never named by Appendix One: its words never say "listed as".
          expect(d.text, area.code).not.toMatch(/listed as/);
          expect(d.residents).toBeLessThanOrEqual(d.residents_where_listed);
          if (d.listed_extent === 'part') {
            // Only part of the place is listed: no resident is counted as certainly reached.
            expect(d.share).toBeNull();
            expect(d.text).toContain('an unspecified part');
            if (d.residents_where_listed_at_least) expect(d.residents_where_listed / b.population).toBeLessThan(own.share ?? 0);
            else expect(d.residents_where_listed / b.population).toBeCloseTo(own.share ?? 0, 3);
          } else if (d.at_least) {
            // Which Output Areas it reaches is not known for all: a lower bound, below what the area says.
            lowerBounds++;
            expect(d.share!).toBeLessThan(own.share!);
            expect(d.text).toContain(`at least ${Math.round(d.share! * 100)}%`);
          } else {
            expect(d.share, `${area.code} ${d.listed_as}`).toBe(own.share);
            expect(d.extent).toBe(own.extent);
          }
        }
      }
    // The areas' own records tell which Output Areas nearly every designation reaches.
    expect(lowerBounds).toBeLessThan(10);
  });

  it('sums over the Output Areas of several areas, with flat columns for GeoJSON and CSV', async () => {
    const b = (await post({ areas: [`parishes/${OADBY_UNPARISHED}`, `parishes/${OADBY}`] }).expect(200)).body;
    expect(b.designations.length).toBeGreaterThan(0);
    expect(b.properties.designations).toBe(b.designations.length);
    b.designations.forEach((d: Listed, i: number) => {
      expect(b.properties[`designation_${i + 1}_text`]).toBe(d.text);
      expect(b.properties[`designation_${i + 1}_share`]).toBe(d.share);
      expect(b.properties[`designation_${i + 1}_residents`]).toBe(d.residents);
      expect(d.residents_where_listed).toBeLessThanOrEqual(b.population);
    });
    expect(JSON.stringify(b.designations)).not.toMatch(/seed/i);
  });
});

describe('problems', () => {
  it('a polygon with no Output Area in it is a 422 that says so', async () => {
    // The North Sea off Skegness, outside the county.
    const sea = { type: 'Polygon', coordinates: [[[0.5, 53.1], [0.7, 53.1], [0.7, 53.2], [0.5, 53.2], [0.5, 53.1]]] };
    const res = await post({ geometry: sea }).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/no Census 2021 Output Area/);
  });

  it('a broken geometry is a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ type: 'Polygon', coordinates: [[[-1.1, 52.6], [-1.0, 52.6], [-1.0, 52.7], [-1.1, 52.7]]] }, 'geometry.coordinates[0]'],
      [{ type: 'Polygon', coordinates: [[[-1.1, 52.6], [-1.0, 52.6], [-1.1, 52.6]]] }, 'geometry.coordinates[0]'],
      [{ type: 'LineString', coordinates: [[-1.1, 52.6], [-1.0, 52.6]] }, 'geometry.type'],
      [{ type: 'Polygon', coordinates: [[[-1.1, 'NaN'], [-1.0, 52.6], [-1.0, 52.7], [-1.1, 'NaN']]] }, 'geometry.coordinates[0][0][1]'],
      [{ type: 'MultiPolygon', coordinates: [[[[-1.1, 52.6], [-1.0, 52.6], [-1.0, 52.7], [-1.1, 52.6]]], [[[-1.1, 52.6], [200, 52.6], [-1.0, 52.7], [-1.1, 52.6]]]] }, 'geometry.coordinates[1][0][1][0]'],
    ];
    for (const [geometry, field] of cases) {
      const res = await post({ geometry }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail, field).toContain(`"${field}"`);
      expect(res.body.invalid_params[0].name).toBe(field);
    }
    // NaN itself is not JSON: the body is refused as such.
    const raw = await supertest(t.atlas.app).post('/api/profile').set('Content-Type', 'application/json').send('{"geometry":{"type":"Polygon","coordinates":[[[NaN,1]]]}}').expect(400);
    expect(raw.body.detail).toMatch(/not valid JSON/);
  });

  it('names an unknown area, an unknown register, and asks for exactly one of geometry and areas', async () => {
    expect((await post({ areas: ['parishes/E04999999'] }).expect(400)).body.detail).toContain('"areas[0]"');
    expect((await post({ areas: ['counties/E10000018'] }).expect(400)).body.detail).toContain('"areas[0]"');
    expect((await post({ areas: [`parishes/${OADBY}`], registers: ['nope'] }).expect(400)).body.detail).toContain('unknown register "nope"');
    expect((await post({}).expect(400)).body.detail).toMatch(/either "geometry".*or "areas"/);
  });

  it('refuses a polygon past the vertex limit with a 413 stating it', async () => {
    const n = PROFILE_MAX_VERTICES + 1;
    const ring = Array.from({ length: n - 1 }, (_, i) => [-1.1 + 0.1 * Math.cos((2 * Math.PI * i) / n), 52.6 + 0.1 * Math.sin((2 * Math.PI * i) / n)].map((x) => Math.round(x * 1e6) / 1e6));
    ring.push(ring[0]);
    const res = await post({ geometry: { type: 'Polygon', coordinates: [ring] } }).expect(413);
    expect(res.body.limit).toBe(PROFILE_MAX_VERTICES);
    expect(res.body.detail).toContain(`${n} positions; at most ${PROFILE_MAX_VERTICES}`);
  });
});
