// The API section: the three main layers as pre-compressed GeoJSON, point look-ups at varying points
// (R-tree, exact test, a fresh small body each time) and single areas at varying codes.
import type { BenchSection } from './section.ts';

/** A small deterministic generator, so every run asks for the same points. */
function seeded(seed: number) {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const BROWSER = { 'accept-encoding': 'br, gzip' };

const section: BenchSection = {
  title: 'Map API',
  description:
    'Layers are served from the representation cache (pre-serialised, pre-compressed); look-ups run the R-tree and an exact point-in-polygon test per request and compress a fresh body; areas come from the per-area cache.',
  async cases(env) {
    const layers = await env.getJson<{ layers: { id: string; bbox: [number, number, number, number] }[] }>('/api/layers');
    const [w, s, e, n] = layers.layers.find((l) => l.id === 'parishes')!.bbox;
    const random = seeded(7);
    // 200 points spread over the county's bounding box: most fall in the county, some just outside.
    const points = Array.from({ length: 200 }, () => [(w + random() * (e - w)).toFixed(5), (s + random() * (n - s)).toFixed(5)]);
    const areas = await Promise.all(
      ['parishes', 'wards', 'lsoas'].map((id) => env.getJson<{ features: { id: string }[] }>(`/api/layers/${id}.geojson?properties=code`).then((fc) => fc.features.map((f) => `${f.id}?layer=${id}`))),
    );
    const codes = areas.flatMap((list) => list.filter((_, i) => i % 10 === 0));
    return [
      { name: 'GET /api/layers/parishes.geojson (br)', paths: ['/api/layers/parishes.geojson'], headers: BROWSER },
      { name: 'GET /api/layers/wards.geojson (br)', paths: ['/api/layers/wards.geojson'], headers: BROWSER },
      { name: 'GET /api/layers/lsoas.geojson (br)', paths: ['/api/layers/lsoas.geojson'], headers: BROWSER },
      { name: 'GET /api/layers/lsoas.geojson (gzip)', paths: ['/api/layers/lsoas.geojson'], headers: { 'accept-encoding': 'gzip' } },
      { name: `GET /api/lookup?lon&lat (${points.length} points)`, paths: points.map(([lon, lat]) => `/api/lookup?lon=${lon}&lat=${lat}`), headers: BROWSER },
      { name: `GET /api/areas/{code} (${codes.length} areas)`, paths: codes.map((c) => `/api/areas/${c}`), headers: BROWSER },
    ];
  },
};

export default section;
