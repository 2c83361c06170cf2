// The API section: layers as pre-compressed GeoJSON (beside nginx over a static export), point
// look-ups at varying points (beside PostGIS), single areas and services answers, and OGC pages.
import type { BenchSection } from './section.ts';

/** A small deterministic generator, so every run asks for the same points. */
function seeded(seed: number) {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const BROWSER = { 'accept-encoding': 'br, gzip' };

const section: BenchSection = {
  title: 'Map API',
  description:
    'Layers, areas and services answers come from the representation caches (pre-serialised, pre-compressed); look-ups run the in-memory point index and send the query plus the bytes assembled once per tuple of areas (compressed answers are remembered per point, and these 200 points repeat). nginx serves a static export of the same paths (deploy/nginx.conf); PostGIS answers look-ups with the same fields; MapServer 8 (FastCGI behind nginx, shapefile) answers the OGC items pages.',
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
    const lookups = points.map(([lon, lat]) => `/api/lookup?lon=${lon}&lat=${lat}`);
    const STATIC = ['reference', 'nginx'] as const;
    const pages = [0, 100, 200, 300, 400].map((o) => `/ogc/collections/lsoas/items?limit=100&offset=${o}`);
    return [
      { name: 'GET /api/layers/parishes.geojson (br)', paths: ['/api/layers/parishes.geojson'], headers: BROWSER, peers: [...STATIC] },
      { name: 'GET /api/layers/lsoas.geojson (br)', paths: ['/api/layers/lsoas.geojson'], headers: BROWSER, peers: [...STATIC] },
      { name: 'GET /api/layers/lsoas.geojson (gzip)', paths: ['/api/layers/lsoas.geojson'], headers: { 'accept-encoding': 'gzip' }, peers: [...STATIC] },
      // The PostGIS peer sends plain JSON, so the atlas is asked for the same (no Accept-Encoding).
      { name: `GET /api/lookup?lon&lat (${points.length} points, uncompressed)`, paths: lookups, peers: ['postgis', 'reference'], connections: [10, 32] },
      { name: `GET /api/lookup?lon&lat (${points.length} points, br)`, paths: lookups, headers: BROWSER, peers: ['postgis'] },
      { name: `GET /api/areas/{code} (${codes.length} areas, br)`, paths: codes.map((c) => `/api/areas/${c}`), headers: BROWSER, peers: [...STATIC] },
      { name: `GET /api/areas/{code}/services (${codes.length} areas, br)`, paths: codes.map((c) => `/api/areas/${c.replace('?', '/services?')}`), headers: BROWSER, peers: [...STATIC] },
      { name: 'GET /ogc/collections/lsoas/items?limit=100 (5 pages, uncompressed)', paths: pages, peers: ['mapserver'] },
      { name: 'GET /ogc/collections/lsoas/items?limit=100 (5 pages, gzip)', paths: pages, headers: { 'accept-encoding': 'gzip' }, peers: [...STATIC, 'mapserver'] },
    ];
  },
};

export default section;
