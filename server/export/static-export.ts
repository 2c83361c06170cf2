// Writes the atlas's read-only surface as files a static web server, CDN or object store can serve:
// every answer fetched from the real app (so the files are byte-for-byte what the API sends), each
// stored with a pre-compressed .gz and .br beside it. A URL maps to `<path>@<query>` (query empty
// when none), so `/api/areas/E04005341` and `/api/areas/E04005341/services` never clash; that is
// the name deploy/nginx.conf tries before proxying to the app.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzipSync, gzip } from 'node:zlib';
import type { AtlasApp } from '../http/app.ts';
import { CATEGORIES } from '../domain/vocabulary.ts';
import { LAYERS } from '../registry/layers.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { tileSurface } from '../http/controllers/tiles.ts';
import { TILESET_IDS } from '../registry/tilesets.ts';
import { emptyTileUrls, markStandalone, NAMES_FILE, namesFile, standaloneSurface } from './standalone.ts';
import { writeMbtiles, writePmtiles, type ArchiveTile, type TileJsonDoc } from './tile-archives.ts';

export interface ExportOptions {
  /** The public origin the export will be served from; OGC links are absolute and use it. */
  origin: string;
  clientDir: string | null;
  log?: (line: string) => void;
  /** Keeps only the URLs this accepts (tests export a slice of the surface); everything by default. */
  include?: (pathAndQuery: string) => boolean;
  /** A site with no app behind it: the page asks for files, and the answers it needs are written (standalone.ts). */
  standalone?: boolean;
  /** Also writes each tileset as tiles/<id>.pmtiles, tiles/<id>.mbtiles (see tile-archives.ts) and tiles/<id>/{z}/{x}/{y}.mvt with tiles/<id>.json. */
  tileArchives?: boolean;
}

export interface ExportReport {
  files: number;
  bytes: { identity: number; gzip: number; br: number };
  /** The tile archives written, when asked for: path (under the export folder) and size in bytes. */
  archives?: { path: string; bytes: number; tiles: number }[];
}

/** The file name for a URL path and query: `<path>@<query>`. nginx tries `$uri@$args`. */
export function exportName(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  return q < 0 ? `${pathAndQuery}@` : `${pathAndQuery.slice(0, q)}@${pathAndQuery.slice(q + 1)}`;
}

/**
 * The items pages each collection is exported with, by page size, each page leading to the next:
 * the default (100), the 10 that GDAL's OAPIF driver asks for first and pages by (measured with
 * GDAL 3.6: items?limit=10, then each "next" link), and 1,000 for clients that ask for more.
 */
export const OGC_PAGE_SIZES = [null, 10, 1000] as const;

/** Every URL of the read-only surface: fixed resources, each layer with its documented filter variants, every area. */
function surface(store: AtlasStore): string[] {
  const urls = ['/api/layers', '/api/services', '/api/sources', '/api/reconciliation', '/api/config', '/api/coverage'];
  urls.push('/ogc', '/ogc/conformance', '/ogc/api', '/ogc/collections');
  for (const { id } of LAYERS) {
    urls.push(`/api/coverage?layer=${id}`, `/api/layers/${id}/summary`);
    for (const format of ['geojson', 'csv']) {
      urls.push(`/api/layers/${id}.${format}`);
      for (const d of store.districts) urls.push(`/api/layers/${id}.${format}?district=${d.code}`);
      for (const c of [...CATEGORIES, 'none']) urls.push(`/api/layers/${id}.${format}?category=${c}`);
    }
    urls.push(`/ogc/collections/${id}`, `/ogc/collections/${id}/schema`);
    for (const area of store.areas(id)) {
      const layer = `?layer=${id}`;
      urls.push(`/api/areas/${area.code}${layer}`, `/api/areas/${area.code}/services${layer}`, `/ogc/collections/${id}/items/${area.code}`);
      // Without ?layer= a code means its current layer first (ward codes repeat in wards-2013).
      if (store.area(area.code) === area) urls.push(`/api/areas/${area.code}`, `/api/areas/${area.code}/services`);
    }
  }
  return urls;
}

function get(base: string, path: string, host: string, proto: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(base + path, { headers: { host, 'x-forwarded-proto': proto, 'accept-encoding': 'identity' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Compressed off the event loop (zlib's thread pool), so several files compress at once. */
async function writeVariants(path: string, body: Buffer, report: ExportReport) {
  mkdirSync(dirname(path), { recursive: true });
  const [gz, br] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: body.length > 200_000 ? 9 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ]);
  writeFileSync(path, body);
  writeFileSync(`${path}.gz`, gz);
  writeFileSync(`${path}.br`, br);
  report.files++;
  report.bytes.identity += body.length;
  report.bytes.gzip += gz.length;
  report.bytes.br += br.length;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}

/** Exports into outDir (emptied first) from the app, which this listens on a loopback port while it works. */
export async function exportStatic(app: AtlasApp, store: AtlasStore, outDir: string, opts: ExportOptions): Promise<ExportReport> {
  // The app trusts X-Forwarded-Proto from this loopback client only, so an https origin gets https links.
  app.express.set('trust proxy', 'loopback');
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const include = opts.include ?? (() => true);
    const paths = [...surface(store), ...tileSurface(store), ...LAYERS.flatMap(({ id }) => OGC_PAGE_SIZES.map((limit) => `/ogc/collections/${id}/items${limit ? `?limit=${limit}` : ''}`))].filter(include);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (opts.standalone) {
      const origin = new URL(opts.origin);
      const listed = JSON.parse((await get(base, '/api/registers', origin.host, origin.protocol.replace(':', ''))).body.toString()) as { registers: { name: string }[] };
      paths.push(...standaloneSurface(store, listed.registers.map((r) => r.name)).filter(include));
    }
    const report = await exportFrom(base, paths, outDir, opts);
    if (opts.standalone) {
      await writeVariants(join(outDir, NAMES_FILE), Buffer.from(JSON.stringify(namesFile(store))), report);
      for (const url of emptyTileUrls(store).filter(include)) await writeVariants(join(outDir, exportName(url)), Buffer.alloc(0), report);
    }
    if (opts.tileArchives) report.archives = await writeArchives(base, store, outDir, opts);
    return report;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Each tileset as one PMTiles archive, one MBTiles file and plain z/x/y.mvt files, described by the TileJSON the app answers for it. */
async function writeArchives(base: string, store: AtlasStore, outDir: string, opts: ExportOptions): Promise<NonNullable<ExportReport['archives']>> {
  const origin = new URL(opts.origin);
  const tiles = store.tiles();
  const written: NonNullable<ExportReport['archives']> = [];
  mkdirSync(join(outDir, 'tiles'), { recursive: true });
  for (const id of TILESET_IDS) {
    const r = await get(base, `/api/tiles/${id}.json`, origin.host, origin.protocol.replace(':', ''));
    if (r.status !== 200) throw new Error(`/api/tiles/${id}.json answered ${r.status}`);
    const doc = JSON.parse(r.body.toString()) as TileJsonDoc;
    const all = (): ArchiveTile[] => tiles.addresses(id).map((t) => ({ ...t, data: tiles.tile(id, t.z, t.x, t.y)! }));
    for (const [ext, write] of [['pmtiles', writePmtiles], ['mbtiles', writeMbtiles]] as const) {
      const path = join(outDir, 'tiles', `${id}.${ext}`);
      const n = write(path, doc, all());
      written.push({ path: `/tiles/${id}.${ext}`, bytes: statSync(path).size, tiles: n });
    }
    // Plain z/x/y.mvt files (uncompressed MVT, so any static server can send them as they are) and
    // a TileJSON naming them, for hosts that cannot map the API's ?v= tile addresses to files.
    let bytes = 0;
    for (const t of all()) {
      const path = join(outDir, 'tiles', id, String(t.z), String(t.x), `${t.y}.mvt`);
      mkdirSync(dirname(path), { recursive: true });
      const mvt = gunzipSync(t.data);
      writeFileSync(path, mvt);
      bytes += mvt.length;
    }
    writeFileSync(join(outDir, 'tiles', `${id}.json`), JSON.stringify({ ...doc, tiles: [`${opts.origin.replace(/\/$/, '')}/tiles/${id}/{z}/{x}/{y}.mvt`] }));
    written.push({ path: `/tiles/${id}/{z}/{x}/{y}.mvt`, bytes, tiles: tiles.addresses(id).length });
  }
  return written;
}

/**
 * Exports the given paths from a running atlas at base, following each OGC items page's "next" link
 * (the first page of each collection leads to every page). Also used by `npm run bench` for its slice.
 */
export async function exportFrom(base: string, paths: readonly string[], outDir: string, opts: ExportOptions): Promise<ExportReport> {
  const origin = new URL(opts.origin);
  const proto = origin.protocol.replace(':', '');
  const report: ExportReport = { files: 0, bytes: { identity: 0, gzip: 0, br: 0 } };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const include = opts.include ?? (() => true);
  const pending = new Set<Promise<void>>();
  // A few files compress at once; more would only queue behind the thread pool and hold memory.
  const write = async (path: string, body: Buffer) => {
    const p = writeVariants(path, body, report).finally(() => pending.delete(p));
    pending.add(p);
    if (pending.size >= 4) await Promise.race(pending);
  };
  const queue = [...paths];
  const seen = new Set<string>();
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path) || !include(path)) continue;
    seen.add(path);
    const r = await get(base, path, origin.host, proto);
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${r.body.toString().slice(0, 300)}`);
    await write(join(outDir, exportName(path)), r.body);
    if (/^\/ogc\/collections\/[^/]+\/items(\?|$)/.test(path)) {
      const next = (JSON.parse(r.body.toString()) as { links: { rel: string; href: string }[] }).links.find((l) => l.rel === 'next');
      if (next) queue.push(next.href.slice(opts.origin.replace(/\/$/, '').length));
    }
    if (seen.size % 500 === 0) opts.log?.(`[export] ${seen.size} answers fetched`);
  }
  if (opts.clientDir && existsSync(join(opts.clientDir, 'index.html'))) {
    cpSync(opts.clientDir, outDir, { recursive: true });
    const date = new Date().toISOString().slice(0, 10);
    for (const file of walk(opts.clientDir).filter((f) => /\.(html|js|mjs|css|svg|json|map|txt)$/.test(f))) {
      const out = join(outDir, file.slice(opts.clientDir.length));
      // A standalone site's pages carry the marker that makes them ask for files (client/state/standalone.ts).
      if (opts.standalone && file.endsWith('.html')) writeFileSync(out, markStandalone(readFileSync(file, 'utf8'), date));
      await write(out, readFileSync(out));
    }
  }
  await Promise.all(pending);
  return report;
}
