// The two kinds of benchmark section `npm run bench` runs, in file-name order within each kind:
// - bench/<name>.http.bench.ts default-exports a BenchSection; its cases are measured with autocannon
//   against the running atlas and beside the peers each case names, one table per section;
// - any other bench/<name>.bench.ts is a self-contained script (e.g. groups.bench.ts) run in its own
//   process once the servers have stopped, with its Markdown output appended.

export interface BenchCase {
  /** Row label, e.g. "GET /api/layers/lsoas.geojson (br)". */
  name: string;
  /** Paths requested in turn by every connection (one path, or many for "varying" requests). */
  paths: string[];
  headers?: Record<string, string>;
  /**
   * The servers to measure beside the atlas (default: the reference):
   * - reference: a plain node:http server replaying the atlas's own response bytes for these paths;
   * - nginx: deploy/nginx.conf over a static export of these paths (1 worker, gzip_static/brotli_static);
   * - postgis: PostgreSQL 15 + PostGIS with a minimal Node server (look-ups only; see postgis-peer.ts);
   * - mapserver: MapServer 8 as FastCGI behind nginx over a shapefile of the LSOAs (OGC items pages
   *   of /ogc/collections/lsoas only; see mapserver-peer.ts).
   */
  peers?: Peer[];
  /** Connection counts to run the case at (default: BENCH_CONNECTIONS, 10). */
  connections?: number[];
}

export type Peer = 'reference' | 'nginx' | 'postgis' | 'mapserver';

export interface BenchEnv {
  /** The running atlas server, e.g. http://127.0.0.1:41234 */
  atlasUrl: string;
  /** The bearer token the atlas was started with, for sections that must write first (e.g. import a register). */
  adminToken: string;
  /** GET a path from the atlas and parse its JSON (for picking codes, points, etc.). */
  getJson<T = unknown>(path: string): Promise<T>;
}

export interface BenchSection {
  title: string;
  /** One or two sentences printed under the title: what is measured and why. */
  description?: string;
  cases(env: BenchEnv): Promise<BenchCase[]>;
}
