// The Output Areas a drawn polygon holds, by the rule in server/domain/custom-area.ts (drawnMembers):
// the geometry it asks is answered from the store's areas, each tested on its grid of inside points
// (server/geo/area-samples.ts, kept per area in a byte-bounded cache), and from the prepared polygon.
import type { MultiPolygon, Polygon } from 'geojson';
import { ByteBoundedCache } from '../cache/byte-bounded-cache.ts';
import { AREA_SAMPLES_BYTES } from '../config/limits.ts';
import { drawnHoldsGroup, drawnMembers } from '../domain/custom-area.ts';
import { holdsAll, planarSize, samplePoints } from '../geo/area-samples.ts';
import { INSIDE, PreparedPolygon } from '../geo/prepared-polygon.ts';
import { BEST_FIT_LAYER, LAYERS } from '../registry/layers.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { StoredOutputArea } from '../store/output-area-index.ts';
import type { AreaRecord } from '../store/records.ts';

const BEST_FIT_INDEX = LAYERS.findIndex((l) => l.id === BEST_FIT_LAYER);
/** An area's box may pass the polygon's by this much (degrees, about 10 m) and still be tested: outlines redrawn at 5 decimals move by a metre. */
const BOX_SLACK = 1e-4;

interface Samples {
  points: Float32Array;
  size: number;
}
const samplesByStore = new WeakMap<AtlasStore, ByteBoundedCache<string, Samples>>();

/** The area's grid of inside points and its size, worked out from its outline on first use. */
function samplesOf(store: AtlasStore, area: AreaRecord): Samples {
  let cache = samplesByStore.get(store);
  if (!cache) samplesByStore.set(store, (cache = new ByteBoundedCache(AREA_SAMPLES_BYTES)));
  const key = `${area.layer}|${area.code}`;
  const held = cache.get(key);
  if (held) return held;
  const outline = area.geometry as Polygon | MultiPolygon;
  const samples = { points: samplePoints(new PreparedPolygon(outline)), size: planarSize(outline) };
  return cache.set(key, samples, samples.points.byteLength + 96);
}

/** The Output Areas the drawn polygon holds, in code order, and which groups count in it. */
export function drawnArea(store: AtlasStore, drawn: PreparedPolygon): { outputAreas: StoredOutputArea[]; holdsGroup: (g: { point: readonly [number, number]; placement: readonly (string | null)[] }) => boolean } {
  const [w, s, e, n] = drawn.bbox;
  const inBox = (b: readonly number[]) => b[0] >= w - BOX_SLACK && b[1] >= s - BOX_SLACK && b[2] <= e + BOX_SLACK && b[3] <= n + BOX_SLACK;
  const whole = new Map<string, boolean>();
  const coversWhole = (layer: number, code: string): boolean => {
    const key = `${layer}|${code}`;
    let covers = whole.get(key);
    if (covers === undefined) {
      const area = store.area(code, LAYERS[layer].id);
      // Only an area whose box lies in the polygon's can be covered whole: most are settled without a point test.
      covers = !!area && area.geometryType !== 'Point' && inBox(area.bbox) && holdsAll(samplesOf(store, area).points, drawn);
      whole.set(key, covers);
    }
    return covers;
  };
  // Candidates: every Output Area with its centroid in the polygon's box, and those of the parishes it covers whole.
  const extra = new Set<StoredOutputArea>();
  for (const a of store.areas(BEST_FIT_LAYER)) if (a.geometryType !== 'Point' && inBox(a.bbox) && coversWhole(BEST_FIT_INDEX, a.code)) for (const oa of store.outputAreas.ofArea(BEST_FIT_LAYER, a.code)) extra.add(oa);
  const candidates = store.outputAreas.all.filter((oa) => (oa.lon >= w && oa.lon <= e && oa.lat >= s && oa.lat <= n) || extra.has(oa));
  const outputAreas = drawnMembers(
    candidates,
    {
      coversWhole,
      holdsCentroid: (oa) => drawn.contains(oa.lon, oa.lat),
      outlinesAt: (oa) => store.locator.hits(oa.lon, oa.lat).flatMap((hits, layer) => hits.map((h) => ({ layer, code: h.area.code }))),
      size: (layer, code) => samplesOf(store, store.area(code, LAYERS[layer].id)!).size,
    },
    BEST_FIT_INDEX,
  );
  const holdsGroup = (g: { point: readonly [number, number]; placement: readonly (string | null)[] }) => drawnHoldsGroup(g.placement, drawn.classify(g.point[0], g.point[1]) === INSIDE, coversWhole, BEST_FIT_INDEX);
  return { outputAreas, holdsGroup };
}
