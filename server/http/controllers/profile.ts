// POST /api/profile: the profile of your own area, drawn as a polygon or made of chosen parishes,
// wards or LSOAs. A drawn one holds the Output Areas of the areas it covers whole, and elsewhere those
// whose population-weighted centroid it holds (drawnMembers); the figures are summed by the pure domain
// (server/domain/custom-area.ts); a few milliseconds for a district, bounded by the vertex and area
// limits in server/config/limits.ts.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { densityContext } from '../../analysis/density-context.ts';
import { drawnArea } from '../../analysis/drawn-members.ts';
import { cniBenchmarks } from '../../domain/cni-mix.ts';
import { customCoverage } from '../../domain/custom-area.ts';
import { rate } from '../../domain/density.ts';
import { tallyImdMix } from '../../domain/imd-mix.ts';
import { INDICES_LAYER, LAYERS } from '../../registry/layers.ts';
import { PreparedPolygon } from '../../geo/prepared-polygon.ts';
import type { StoredOutputArea } from '../../store/output-area-index.ts';
import type { AtlasContext } from '../context.ts';
import { customProfile, flatProfile } from '../presenters/custom-profile.ts';
import { layerAttribution } from '../presenters/attribution.ts';
import { badRequest, HttpProblem } from '../problem.ts';
import { perContext } from '../query.ts';
import { NO_STORE, represent, type Representation } from '../representation.ts';
import { deprivationFrame, reachFrame } from './areas.ts';
import { groupCountsFor } from './layers.ts';
import { parseProfileBody, type CustomGeometry } from './profile-body.ts';

const cniFrame = perContext((ctx: AtlasContext) => cniBenchmarks(ctx.store.areas(INDICES_LAYER).map((l) => ({ population: l.population ?? 0, district: l.districtCode, cni: l.cni }))));

const r6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** The drawn polygon as RFC 7946 asks: 6 decimals, altitude dropped; as given (no copy) when it already is. */
function tidy(g: CustomGeometry): Polygon | MultiPolygon {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  if (rings.every((r) => r.every((p) => p.length === 2 && r6(p[0]) === p[0] && r6(p[1]) === p[1]))) return g as Polygon | MultiPolygon;
  const ring = (r: number[][]) => r.map((p) => [r6(p[0]), r6(p[1])]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [180, 90, -180, -90];
  for (const ring of g.type === 'Polygon' ? g.coordinates : g.coordinates.flat())
    for (const [x, y] of ring) [b[0], b[1], b[2], b[3]] = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  return b;
}

/** "Shepshed", "Shepshed and Hathern", "Shepshed, Hathern and 3 more". */
const someNames = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`);

/**
 * The answer as a representation for this request only, with the time it took to work out and write in
 * a Server-Timing header (what `npm run bench -- profile` reads as server time).
 */
export function profile(ctx: AtlasContext, body: unknown): Representation {
  const started = performance.now();
  const text = JSON.stringify(profileAnswer(ctx, body));
  const ms = performance.now() - started;
  return represent(text, 'application/geo+json', { cacheControl: NO_STORE, effort: 'fresh', headers: { 'Server-Timing': `profile;dur=${ms.toFixed(2)}` } });
}

export function profileAnswer(ctx: AtlasContext, body: unknown) {
  const q = parseProfileBody(ctx, body);
  const store = ctx.store;
  const counted = ctx.groups.counted(q.registers ?? null);
  let oas: StoredOutputArea[];
  let geometry: Polygon | MultiPolygon;
  let name: string;
  let inGroup: (g: (typeof counted)[number]) => boolean;
  if (q.geometry) {
    geometry = tidy(q.geometry);
    const prepared = new PreparedPolygon(geometry);
    const drawn = drawnArea(store, prepared);
    oas = drawn.outputAreas;
    inGroup = drawn.holdsGroup;
    name = 'Your own area';
    if (oas.length === 0)
      throw new HttpProblem(422, 'No Output Area in the polygon', `no Census 2021 Output Area of ${store.covers.name} has its population-weighted centroid inside this polygon, so it has no residents to profile; custom areas are built from whole Output Areas (draw it larger, or over the county)`, { field: 'geometry' });
  } else {
    const areas = q.areaIds.map(({ layer, code }, i) => {
      const area = store.area(code, layer);
      if (!area) throw badRequest(`field "areas[${i}]": no area of the ${layer} layer has code ${code}`, { invalid_params: [{ name: `areas[${i}]`, reason: `no ${layer} area has code ${code}` }] });
      return area;
    });
    const chosen = new Map<string, StoredOutputArea>();
    for (const a of areas) for (const oa of store.outputAreas.ofArea(a.layer, a.code)) chosen.set(oa.code, oa);
    oas = [...chosen.values()];
    const codesByLayer = LAYERS.map((l) => new Set(areas.filter((a) => a.layer === l.id).map((a) => a.code)));
    inGroup = (g) => codesByLayer.some((codes, i) => codes.size > 0 && g.placement[i] !== null && codes.has(g.placement[i]!));
    name = someNames(areas.map((a) => a.name));
    const polygons = areas.filter((a) => a.geometry.type !== 'Point').flatMap((a) => (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : (a.geometry as MultiPolygon).coordinates));
    geometry = { type: 'MultiPolygon', coordinates: polygons };
    if (oas.length === 0)
      throw new HttpProblem(422, 'No Output Area in these areas', `${name} holds no Census 2021 Output Area (a parish drawn as a label point has none of its own), so there are no residents to profile`, { field: 'areas' });
  }
  const coverage = customCoverage(oas);
  const count = counted.reduce((n, g) => n + (inGroup(g) ? 1 : 0), 0);
  const registers = q.registers ?? ctx.groups.registers().map((r) => r.name);
  const density = densityContext(store, ctx.groups, INDICES_LAYER, groupCountsFor(ctx, INDICES_LAYER, q.registers));
  const decileOf = (lsoa: string) => store.area(lsoa, INDICES_LAYER)?.imd?.decile;
  const mix = tallyImdMix(oas.map((oa) => ({ population: oa.population, lsoa: oa.lsoa, area: 'custom' })), decileOf).get('custom') ?? null;
  const p = customProfile({
    store,
    oas,
    coverage,
    mix,
    groups: { count, rate: rate(count, coverage.population), registers, reference: density.reference, district: null, county: density.county.per_1000 },
    frames: { reach: reachFrame(ctx), deprivation: deprivationFrame(ctx), cni: cniFrame(ctx) },
  });
  p.groups.district_per_1000 = density.districts.find((d) => d.code === p.district.code)?.per_1000 ?? null;
  const a = layerAttribution(store, INDICES_LAYER, LAYERS.map((l) => l.sourceId));
  return {
    type: 'Feature',
    bbox: bboxOf(geometry),
    geometry: geometry as Geometry,
    name,
    input: q.geometry ? { geometry: 'drawn' } : { areas: q.areas },
    ...p,
    // The figures as scalar columns: a GIS reads the answer as one feature, and the page writes its CSV from them.
    properties: flatProfile(p),
    attribution: a.attribution,
    licence: a.licence,
    sources: a.sources.map((s) => s.title),
  };
}
