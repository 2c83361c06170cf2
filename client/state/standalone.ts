// Standalone mode: the page served from `npm run export:static -- DIR --standalone` with no app behind
// it (a CDN, object storage, python3 -m http.server). It asks for the files the export wrote, named
// `<path>@<query, parameters in key order>`, because a plain static server cannot map a query to a file.
const meta = typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>('meta[name="atlas-standalone"]');

/** True when this page is a standalone copy made of files (the export put the marker in its head). */
export const STANDALONE = meta !== null;
/** The day the copy was made (the marker's content), as the export wrote it: YYYY-MM-DD. */
export const STANDALONE_DATE = meta?.content ?? null;

/** Where the export wrote the names the standalone search looks through (server/export/standalone.ts). */
export const NAMES_FILE = '/standalone/names.json';

/** What the copy holds, and so what needs the live atlas: said in the page, and in every answer the copy has no file for. */
export const NEEDS_LIVE_ATLAS =
  'This copy of the atlas is read from files. It holds every area, the map, table, area panels, printable profiles, and the charts and downloads for the whole county and for each district with every register counted. Postcode look-up, the service checker, bulk postcodes, choosing registers, filtered charts and downloads, your own areas, and importing registers need the live atlas.';

/**
 * The file the export wrote for an atlas API address: its path, "@", then its parameters in key
 * order (decoded, each re-encoded for the path). Any origin's /api/ path is read from this site (the
 * TileJSON names the origin the copy was exported for). Other addresses are returned as they are;
 * an address already mapped is left alone.
 */
export function fileUrl(url: string, on = STANDALONE, origin = typeof location === 'undefined' ? 'http://localhost' : location.origin): string {
  if (!on) return url;
  const u = new URL(url, origin);
  if (!u.pathname.startsWith('/api/') || u.pathname.includes('@')) return url;
  const query = [...u.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const path = `${u.pathname}@${query}`;
  return url.startsWith('/') ? path : `${origin}${path}`;
}

/** MapLibre's transformRequest in standalone mode: TileJSON, tiles and GeoJSON sources read from the copy's files. */
export const mapRequest = (url: string) => ({ url: fileUrl(url) });

/** The area a standalone profile shows: `profile.html?profile=CODE` (no server maps /area/CODE to the profile page). */
export function standaloneProfilePath(code: string, query: string): string {
  const rest = query.replace(/^\?/, '');
  return `/profile.html?profile=${encodeURIComponent(code)}${rest ? `&${rest}` : ''}`;
}
