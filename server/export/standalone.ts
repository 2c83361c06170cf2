// What `export:static --standalone` adds for a site with no app behind it (a CDN, object storage,
// `python3 -m http.server`): the answers the page asks for under its default choices (every register
// counted, the whole county or one district, no filters), a names file the page searches itself, and
// the page marked standalone so it asks for files (`<path>@<sorted query>`) rather than queries.
import { CATEGORIES, SERVICE_IDS } from '../domain/vocabulary.ts';
import { LAYERS, layerById } from '../registry/layers.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { eachName } from '../store/name-index.ts';
import type { AreaRecord } from '../store/records.ts';
import { tilesCovering } from '../geo/tile-math.ts';
import { tileUrl } from '../http/controllers/tiles.ts';
import { TILESET_IDS } from '../registry/tilesets.ts';

/** The meta tag that puts the page in standalone mode (client/state/standalone.ts reads it); its content is the export's date. */
export const STANDALONE_META = 'atlas-standalone';
/** Where the names the page searches are written, beside the page (not under /api: no app answers it). */
export const NAMES_FILE = '/standalone/names.json';

/** A URL with its parameters in key order: the name the standalone page asks for (client/state/standalone.ts sorts the same way). */
export function sortedUrl(path: string, params: Record<string, string | null | undefined>): string {
  const pairs = Object.entries(params).filter((p): p is [string, string] => Boolean(p[1])).sort(([a], [b]) => a.localeCompare(b));
  return pairs.length ? `${path}?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
}

/** The ranked chart's values a layer has (IMD and CNI exist on LSOAs only), as server/analysis/ranked.ts defines them. */
const rankValues = (layer: string) => ['density', 'category', ...(layerById(layer)?.hasIndices ? ['imd', 'cni'] : []), ...SERVICE_IDS.map((s) => `coverage_${s}`)];

/**
 * The answers the standalone page needs beyond the nginx export: map attributes without geometry,
 * the flat GeoJSON downloads, the charts for the county and each district (JSON and CSV), the group
 * points of each register,
 * the register list and LSOA places. Everything else (another register choice, a filter) says in
 * the page that it needs the live atlas.
 */
export function standaloneSurface(store: AtlasStore, registers: readonly string[]): string[] {
  const urls = ['/api/layers/lsoas/places', '/api/registers'];
  for (const { id } of LAYERS) {
    urls.push(sortedUrl(`/api/layers/${id}.geojson`, { geometry: 'none' }));
    // The page's GeoJSON download is the flat form (docs/gis.md), for the same choices the nginx export has as CSV.
    for (const district of [null, ...store.districts.map((d) => d.code)]) urls.push(sortedUrl(`/api/layers/${id}.geojson`, { district, format: 'flat' }));
    for (const category of [...CATEGORIES, 'none']) urls.push(sortedUrl(`/api/layers/${id}.geojson`, { category, format: 'flat' }));
  }
  for (const district of [null, ...store.districts.map((d) => d.code)]) {
    for (const ext of ['', '.csv']) {
      for (const id of ['density-by-imd', 'reach-by-imd']) urls.push(sortedUrl(`/api/analysis/${id}${ext}`, { district }));
      for (const { id } of LAYERS) for (const by of rankValues(id)) urls.push(sortedUrl(`/api/analysis/ranked${ext}`, { layer: id, by, district }));
    }
  }
  for (const name of registers) urls.push(sortedUrl('/api/groups.geojson', { register: name }));
  return urls;
}

/**
 * The tile addresses inside each tileset's bounds that hold no feature. The app answers them 204; a
 * static server has no file and answers 404, which MapLibre reports as an error, so the standalone
 * export writes each as an empty file (an empty tile is a valid, empty MVT).
 */
export function emptyTileUrls(store: AtlasStore): string[] {
  const tiles = store.tiles();
  const urls: string[] = [];
  for (const id of TILESET_IDS) {
    const t = tiles.tilesets.get(id);
    if (!t) continue;
    const stored = new Set(tiles.addresses(id).map((a) => `${a.z}/${a.x}/${a.y}`));
    for (let z = t.minzoom; z <= t.maxzoom; z++)
      for (const { x, y } of tilesCovering(t.bounds, z)) if (!stored.has(`${z}/${x}/${y}`)) urls.push(tileUrl(store, id, z, x, y));
  }
  return urls;
}

/** One name the standalone search answers to, with what the page needs to show and open it (the search answer's own fields). */
interface NameEntry {
  key: string;
  layer: string;
  code: string;
  name: string;
  district_name: string;
  category: string | null;
  label: [number, number];
  bbox: [number, number, number, number];
  listed_as: string | null;
}

/**
 * Every name search answers to (normalised key, and the Appendix One listing it comes from), in the
 * order the live search breaks ties: today's layers before the 2013 wards, parishes, then wards, then
 * LSOAs, and within a layer the larger place first (server/store/name-index.ts).
 */
export function namesFile(store: AtlasStore): { names: NameEntry[] } {
  const found: { entry: NameEntry; area: AreaRecord }[] = [];
  eachName(store, (key, area, listedAs) =>
    found.push({
      area,
      entry: { key, layer: area.layer, code: area.code, name: area.name, district_name: area.districtName, category: area.category, label: area.label, bbox: area.bbox, listed_as: listedAs ?? null },
    }),
  );
  const rank = (a: AreaRecord) => {
    const i = LAYERS.findIndex((l) => l.id === a.layer);
    return (LAYERS[i].historical ? 100 : 0) + i;
  };
  found.sort((a, b) => rank(a.area) - rank(b.area) || (b.area.population ?? 0) - (a.area.population ?? 0));
  return { names: found.map((f) => f.entry) };
}

/** The page's HTML with the standalone marker in its head. */
export function markStandalone(html: string, date: string): string {
  if (!html.includes('</head>')) throw new Error('the client page has no </head> to put the standalone marker before');
  return html.replace('</head>', `  <meta name="${STANDALONE_META}" content="${date}" />\n  </head>`);
}
