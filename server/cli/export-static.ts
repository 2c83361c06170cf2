// `npm run export:static -- DIR [--origin https://atlas.example.org]`: writes the read-only surface
// of the atlas (layers and their filter variants, areas, services answers, OGC pages, client, config)
// into DIR as files with .gz and .br beside them, for nginx (deploy/nginx.conf), a CDN or object storage.
import { resolve } from 'node:path';
import { parseCli, usageError } from '../config/cli-args.ts';
import { loadConfig } from '../config/config.ts';
import { createApp } from '../http/app.ts';
import { createContext } from '../http/context.ts';
import { ensureDatabase } from '../prepare.ts';
import { openGroupRegisters } from '../registers/open-registers.ts';
import { AtlasStore } from '../store/atlas-store.ts';
import { exportStatic } from '../export/static-export.ts';

const USAGE = [
  'usage: npm run export:static -- DIR [--origin https://host[:port]] [--tile-archives] [--standalone]',
  '  Writes the read-only atlas (client, layers, areas, OGC pages, tiles) into DIR, which is emptied first.',
  '  --origin  the public address the files will be served from (OGC links are absolute); default http://localhost:8080',
  '  --tile-archives  also write each tileset as DIR/tiles/<id>.pmtiles (PMTiles v3), DIR/tiles/<id>.mbtiles',
  '                   and plain DIR/tiles/<id>/{z}/{x}/{y}.mvt files with DIR/tiles/<id>.json (TileJSON)',
  '  --standalone  a complete site with no app behind it (a CDN, object storage, any static server): the page',
  '                asks for files, and the answers it needs (charts, search names, group points) are written too',
  '  See docs/deploying.md.',
].join('\n');
const { values, positionals } = parseCli({ usage: USAGE, options: { origin: { type: 'string' }, 'tile-archives': { type: 'boolean' }, standalone: { type: 'boolean' } }, operands: { min: 1, max: 1 } });
const origin = values.origin ?? 'http://localhost:8080';
if (!/^https?:\/\/[^/]+\/?$/.test(origin)) usageError(`--origin must be a scheme and host such as https://atlas.example.org, not "${origin}"`, USAGE);
const outDir = resolve(positionals[0]);
const config = loadConfig();
ensureDatabase(config);
const store = new AtlasStore(config.dbPath);
const groups = openGroupRegisters(config, store);
try {
  const started = Date.now();
  const r = await exportStatic(createApp(createContext(store, groups, config)), store, outDir, { origin, clientDir: config.clientDir, log: console.log, tileArchives: values['tile-archives'], standalone: values.standalone });
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  for (const a of r.archives ?? []) console.log(`[export] ${a.path}: ${a.tiles} tiles, ${mb(a.bytes)}`);
  console.log(`[export] ${r.files} files into ${outDir} in ${Date.now() - started} ms: ${mb(r.bytes.identity)} raw, ${mb(r.bytes.gzip)} gzip, ${mb(r.bytes.br)} brotli`);
} finally {
  groups.close();
  store.close();
}
