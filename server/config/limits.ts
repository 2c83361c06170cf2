// Every byte budget and limit the server keeps, in one place (docs/reliability.md lists them):
// what one request, one upload, one import, one client and every cache together may use.

const MB = 1024 * 1024;

// ── Caches: bytes held, counted against one total ─────────────────────────────────────────────
/** Whole layers and filtered extracts with their compressed encodings (ATLAS_CACHE_MB overrides). */
export const LAYER_CACHE_BYTES = 128 * MB;
/** One area's feature or services answer (ATLAS_AREA_CACHE_MB overrides). */
export const AREA_CACHE_BYTES = 32 * MB;
/** OGC items pages with their encodings. */
export const OGC_PAGE_CACHE_BYTES = 32 * MB;
/** The OGC items route's memory of request URLs already checked (keys and values, as UTF-16 bytes). */
export const OGC_CHECKED_URL_BYTES = 4 * MB;
/** OGC features serialised once each (JSON text per area). */
export const OGC_FEATURE_BYTES = 32 * MB;
/** Point look-ups: the answer tails by area, and the compressed whole answers. */
export const LOOKUP_TAILS_MAX_BYTES = 16 * MB;
export const LOOKUP_ANSWERS_MAX_BYTES = 8 * MB;
/** Polygons prepared for point-in-polygon tests, least recently used out first. */
export const PREPARED_POLYGON_BYTES = 96 * MB;
/** Area geometries parsed from the database. */
export const PARSED_GEOMETRY_BYTES = 32 * MB;
/** Grid points inside areas, kept to test whether a drawn custom area covers an area whole (about 1 KB an area). */
export const AREA_SAMPLES_BYTES = 8 * MB;
/** Group bodies (GET /api/groups.geojson pages and whole collections) with their encodings, per register set and
 *  filter; apart from the layer cache, so a flood of group requests cannot evict the layers every map reads. */
export const GROUPS_CACHE_BYTES = 64 * MB;
/** The documented total of every cache above at its default: what RSS may grow by past start, plus a margin. */
export const CACHE_TOTAL_BYTES =
  LAYER_CACHE_BYTES + AREA_CACHE_BYTES + OGC_PAGE_CACHE_BYTES + OGC_CHECKED_URL_BYTES + OGC_FEATURE_BYTES + LOOKUP_TAILS_MAX_BYTES + LOOKUP_ANSWERS_MAX_BYTES + PREPARED_POLYGON_BYTES + PARSED_GEOMETRY_BYTES + AREA_SAMPLES_BYTES + GROUPS_CACHE_BYTES;

// ── Uploads and imports ───────────────────────────────────────────────────────────────────────
/** A register upload (CSV, GeoJSON, or a form holding one). */
export const REGISTER_UPLOAD_LIMIT = 5 * MB;
/** The Commission's whole-register extract is ~400 MB as JSON; it is spooled to disk and streamed, never held. */
export const CCEW_UPLOAD_LIMIT = 1024 * MB;
/** Imports run one at a time; this many more may wait. Uploads past running + waiting are refused before any byte is written. */
export const IMPORT_RUNNING = 1;
export const IMPORT_WAITING = 2;
/** How long one import may run in its worker before it is stopped (and nothing stored). */
export const IMPORT_TIME_LIMIT_MS = 120_000;
/** The Charity Commission extract is 30-60 times larger than a register upload. */
export const CCEW_IMPORT_TIME_LIMIT_MS = 15 * 60_000;
/** One record of the Charity Commission's extract, in bytes as read from the file: a longer one stops the import
 *  (the longest real record, with long activities, is a few kB; this bounds what one record may hold). */
export const CCEW_RECORD_LIMIT = 1024 * 1024;
/** The groups thread's V8 heap: it holds every loaded register's groups, located (about 0.5 kB a group), to build
 *  group bodies off the event loop; past it the thread is restarted and the request answered 503. */
export const GROUPS_THREAD_HEAP_MB = 1024;
/** Group bodies built (and compressed) at once; more wait, up to GROUPS_WAITING, then 503. */
export const GROUPS_BUILDING = 2;
export const GROUPS_WAITING = 64;
/** Empty rows (every cell blank) a CSV may have before it is refused as not a register. */
export const MAX_EMPTY_ROWS = 100;

// ── The admin token ───────────────────────────────────────────────────────────────────────────
/** The longest bearer token compared; longer ones are refused unread. */
export const TOKEN_MAX_CHARS = 512;
/** Wrong or over-long tokens one client address may send per window before it is answered 429. */
export const FAILED_TOKENS_PER_WINDOW = 10;
export const FAILED_TOKEN_WINDOW_MS = 60_000;
/** Client addresses remembered for the failed-token limit (the oldest are forgotten first). */
export const FAILED_TOKEN_CLIENTS = 10_000;

/** The OGC API's Link response header: links past this many bytes are left to the body (a long Host would otherwise make a head clients refuse). */
export const LINK_HEADER_MAX_LENGTH = 4096;

// ── Custom areas (POST /api/profile) ──────────────────────────────────────────────────────────
/** The body of a custom-area request: a district outline at 6 decimals is about 0.5 MB. */
export const PROFILE_BODY_LIMIT = 2 * MB;
/** Positions in a drawn polygon, over all its rings: bounds the polygon's preparation (a few ms at the limit). */
export const PROFILE_MAX_VERTICES = 50_000;
/** Areas a custom area may be built from (the county has 1,030 areas in its four layers). */
export const PROFILE_MAX_AREAS = 2_000;
/** Choices of registers whose counted group points are kept for custom areas (each a list of references to groups already held); past it the list starts again. */
export const COUNTED_GROUP_SETS = 8;

// ── Paging of /api lists ──────────────────────────────────────────────────────────────────────
/** The largest page a paged /api list (layer GeoJSON and CSV, the register list) gives; a larger limit is clamped to it, as OGC API – Features does. */
export const LIST_PAGE_MAX = 1000;
/** The largest offset accepted: far past any list the county has, small enough to stay an exact integer. */
export const LIST_OFFSET_MAX = 100_000_000;
