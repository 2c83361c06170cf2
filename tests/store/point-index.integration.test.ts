// The in-memory point index behind /api/lookup (a grid of prepared polygons) against an independent
// exact test: the SQLite R-tree with turf's point-in-polygon, over random points across the county
// and over the boundary vertices that neighbouring areas share, where the tie-break rule matters.
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/registry/layers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import type { AreaRecord } from '../../server/store/records.ts';
import { testDatabase } from '../support/atlas-app.ts';

let store: AtlasStore;
beforeAll(() => {
  store = new AtlasStore(testDatabase());
});
afterAll(() => store?.close());

/** The index's documented boundary tolerance: within 1e-9 degrees (about 0.1 mm) of an edge is on it. */
const ON_EDGE = 1e-9;
let withinTolerance = 0;

function rings(area: AreaRecord): Position[][] {
  return area.geometry.type === 'Polygon' ? area.geometry.coordinates : area.geometry.type === 'MultiPolygon' ? area.geometry.coordinates.flat() : [];
}

/** Planar distance from the point to the nearest edge of the area, in degrees. */
function edgeDistance(area: AreaRecord, x: number, y: number): number {
  let best = Infinity;
  for (const ring of rings(area))
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[i + 1];
      const len2 = (x2 - x1) ** 2 + (y2 - y1) ** 2;
      const t = len2 ? Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / len2)) : 0;
      best = Math.min(best, Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1))));
    }
  return best;
}

/**
 * What the answer must be by the exact test, per layer: the areas holding the point (turf, boundary
 * included, or within the tolerance of an edge: 6-decimal rounding leaves the vertex of one area a
 * hair off its neighbour's edge where three meet) and those holding it strictly.
 */
function expected(lon: number, lat: number) {
  const candidates = store.candidates(lon, lat).filter((a) => a.geometry.type !== 'Point');
  return LAYERS.map(({ id }) => {
    const inLayer = candidates
      .filter((a) => a.layer === id)
      .filter((a) => {
        const byTurf = turf.booleanPointInPolygon([lon, lat], a.geometry as Polygon | MultiPolygon);
        const onEdge = edgeDistance(a, lon, lat) <= ON_EDGE;
        if (onEdge && !byTurf) withinTolerance++;
        return byTurf || onEdge;
      })
      .sort((a, b) => a.code.localeCompare(b.code));
    const strict = inLayer.filter((a) => edgeDistance(a, lon, lat) > ON_EDGE && turf.booleanPointInPolygon([lon, lat], a.geometry as Polygon | MultiPolygon, { ignoreBoundary: true }));
    return { inLayer, strict };
  });
}

function checkPoint(lon: number, lat: number) {
  const placed = store.placeInLayers(lon, lat);
  const exact = expected(lon, lat).filter((e) => e.inLayer.length > 0);
  expect(placed.map((p) => p.area.layer), `${lon},${lat}`).toEqual(exact.map((e) => e.inLayer[0].layer));
  placed.forEach((p, i) => {
    const { inLayer, strict } = exact[i];
    const codes = (areas: AreaRecord[]) => areas.map((a) => a.code);
    if (inLayer.length === 1) {
      expect(p.area.code).toBe(inLayer[0].code);
      expect(p.boundaryWith).toEqual([]);
    } else if (strict.length) {
      expect(p.area.code, `${lon},${lat} ${p.area.layer}`).toBe(strict[0].code);
    } else {
      // On a shared boundary: the lowest code answers and every other neighbour is named.
      expect(p.area.code, `${lon},${lat} ${p.area.layer}`).toBe(inLayer[0].code);
      expect(codes(p.boundaryWith).sort()).toEqual(codes(inLayer.slice(1)));
    }
  });
  return placed;
}

describe('point index', () => {
  it('agrees with the R-tree and turf for 5,000 points spread over the county', () => {
    const [w, s, e, n] = store.layers.find((l) => l.id === 'parishes')!.bbox;
    let seed = 11;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    let inside = 0;
    for (let i = 0; i < 5000; i++) if (checkPoint(+(w + random() * (e - w)).toFixed(6), +(s + random() * (n - s)).toFixed(6)).length) inside++;
    expect(inside).toBeGreaterThan(2000);
  });

  it('agrees on boundary vertices shared by neighbouring areas, in every layer', () => {
    let shared = 0;
    for (const { id } of LAYERS) {
      for (const area of store.areas(id).filter((_, i) => i % 6 === 0)) {
        if (area.geometry.type === 'Point') continue;
        const rings: Position[][] = area.geometry.type === 'Polygon' ? area.geometry.coordinates : area.geometry.coordinates.flat();
        for (const ring of rings)
          for (const [lon, lat] of ring.filter((_, i) => i % 7 === 0)) {
            const placed = checkPoint(lon, lat);
            if (placed.some((p) => p.boundaryWith.length)) shared++;
          }
      }
    }
    // Enough points really lie on a boundary between two areas for the tie-break to be exercised,
    // and only a few of them are on an edge by the tolerance alone rather than by turf.
    expect(shared).toBeGreaterThan(200);
    expect(withinTolerance).toBeLessThan(shared / 10);
  });
});
