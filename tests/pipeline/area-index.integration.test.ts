// The build's spatial index answers exactly as a scan of every area would: same containing area (the
// first in file order), same nearest area for points in sliver gaps, for every Output Area centroid.
import { describe, expect, it } from 'vitest';
import { boundsOf, geometryOf, readBoundaryLayer, type BoundaryArea } from '../../server/pipeline/boundaries.ts';
import { loadArea, loadDistricts, loadSources } from '../../server/pipeline/curated.ts';
import { distanceToArea, isInside } from '../../server/geo/geometry.ts';
import { AreaIndex } from '../../server/geo/area-index.ts';
import { readOutputAreas } from '../../server/pipeline/output-areas.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { CURATED_DIR, GEODATA_DIR } from '../support/paths.ts';

const parsed = new WeakMap<BoundaryArea, ReturnType<typeof geometryOf>>();
const geometry = (a: BoundaryArea) => parsed.get(a) ?? parsed.set(a, geometryOf(a)).get(a)!;

function scan(point: [number, number], areas: readonly BoundaryArea[], maxKm: number) {
  const inside = areas.find((a) => isInside(point, geometry(a), a.bbox));
  if (inside) return { code: inside.code, nearest: false };
  const polygons = areas.filter((a) => a.geometryType !== 'Point').map((a) => ({ code: a.code, km: distanceToArea(point, geometry(a)) }));
  const best = polygons.reduce((b, x) => (x.km < b.km ? x : b));
  return best.km <= maxKm ? { code: best.code, nearest: true } : null;
}

describe('AreaIndex', () => {
  const sources = loadSources(CURATED_DIR);
  const area = loadArea(CURATED_DIR);
  const districts = loadDistricts(CURATED_DIR);
  const layers = LAYERS.map((spec) => readBoundaryLayer(spec, GEODATA_DIR, sources.find((s) => s.id === spec.sourceId)!.file, districts, area));
  const oas = readOutputAreas(GEODATA_DIR, sources.find((s) => s.id === 'output-areas')!.file, boundsOf(layers));

  it.each(LAYERS.map((l, i) => [l.id, i] as const))('places every Output Area centroid in %s as a full scan does', (_id, i) => {
    const index = new AreaIndex(layers[i]);
    for (const oa of oas) {
      expect(index.locate(oa.centroid)).toEqual(scan(oa.centroid, layers[i], 1));
    }
    // Also points well off the areas: a point 0.5 km and 5 km outside the bounds.
    const [minLon, minLat] = boundsOf([layers[i]]);
    for (const p of [[minLon - 0.007, minLat + 0.2], [minLon - 0.07, minLat + 0.2]] as [number, number][]) expect(index.locate(p)).toEqual(scan(p, layers[i], 1));
  });
});
