// `export:static --tile-archives`: every tileset as one PMTiles v3 archive and one MBTiles file, read
// back by independent readers (the Protomaps `pmtiles` reader, GDAL's MBTiles driver, SQLite) and
// compared tile by tile with what the API serves; the PMTiles archive also through deploy/nginx.conf
// by HTTP range requests, as a browser reads it; the plain z/x/y.mvt files from Python's http.server.
import { execFileSync, spawn } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { FileSource, PMTiles, zxyToTileId as referenceTileId } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startNginx } from '../../deploy/nginx-runner.ts';
import { exportStatic, type ExportReport } from '../../server/export/static-export.ts';
import { zxyToTileId } from '../../server/export/tile-archives.ts';
import { TILESET_IDS } from '../../server/registry/tilesets.ts';
import { openAtlas, rawGet, type TestAtlas } from '../support/atlas-app.ts';
import { tempDir } from '../support/variant-dirs.ts';

let atlas: TestAtlas;
let report: ExportReport;
const root = join(tempDir('archives'), 'static');

beforeAll(async () => {
  atlas = openAtlas();
  report = await exportStatic(atlas.app, atlas.store, root, { origin: 'http://atlas.example.org', clientDir: null, include: (p) => p === '/api/config', tileArchives: true });
}, 120_000);
afterAll(() => atlas?.close());

const stored = (id: (typeof TILESET_IDS)[number]) => {
  const tiles = atlas.store.tiles();
  return tiles.addresses(id).map((t) => ({ ...t, data: tiles.tile(id, t.z, t.x, t.y)! }));
};

describe('tile archives', () => {
  it('writes one PMTiles and one MBTiles file per tileset', () => {
    expect(report.archives!.map((a) => a.path).sort()).toEqual(TILESET_IDS.flatMap((id) => [`/tiles/${id}.mbtiles`, `/tiles/${id}.pmtiles`, `/tiles/${id}/{z}/{x}/{y}.mvt`]).sort());
    for (const a of report.archives!) expect(a.tiles).toBe(stored(a.path.split('/')[2].split('.')[0] as (typeof TILESET_IDS)[number]).length);
  });

  it('numbers tiles on the Hilbert curve as the PMTiles reference implementation does', () => {
    for (const t of stored('lsoas')) expect(zxyToTileId(t.z, t.x, t.y)).toBe(referenceTileId(t.z, t.x, t.y));
    for (const [z, x, y] of [[0, 0, 0], [1, 1, 0], [5, 17, 9], [12, 2041, 1360], [14, 8190, 5460]]) expect(zxyToTileId(z, x, y)).toBe(referenceTileId(z, x, y));
  });

  it.each(TILESET_IDS)('the %s PMTiles archive gives every stored tile, its zooms and its layers', async (id) => {
    const archive = new PMTiles(new FileSource((await openAsBlob(join(root, 'tiles', `${id}.pmtiles`))) as File));
    const header = await archive.getHeader();
    const doc = atlas.store.tiles().tilesets.get(id)!;
    expect(header).toMatchObject({ specVersion: 3, tileType: 1, tileCompression: 2, minZoom: doc.minzoom, maxZoom: doc.maxzoom, clustered: true });
    const meta = (await archive.getMetadata()) as { vector_layers: { id: string }[]; name: string };
    expect(meta.name).toBe(id);
    expect(meta.vector_layers.length).toBeGreaterThan(0);
    for (const t of stored(id)) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(Buffer.from(got!.data).equals(gunzipSync(t.data)), `${id} ${t.z}/${t.x}/${t.y}`).toBe(true);
    }
    // A tile the build did not store is absent, not another tile's bytes.
    expect(await archive.getZxy(doc.maxzoom, 0, 0)).toBeUndefined();
  });

  it('the MBTiles files are TMS-addressed gzip MVT that SQLite and GDAL read', () => {
    const path = join(root, 'tiles', 'parishes.mbtiles');
    const db = new Database(path, { readonly: true });
    try {
      const meta = Object.fromEntries((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
      expect(meta).toMatchObject({ name: 'parishes', format: 'pbf' });
      const layers = JSON.parse(meta.json).vector_layers.map((l: { id: string }) => l.id);
      for (const t of stored('parishes')) {
        const row = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').get(t.z, t.x, (1 << t.z) - 1 - t.y) as { tile_data: Buffer };
        expect(row.tile_data.equals(t.data)).toBe(true);
      }
      // GDAL's MBTiles driver decodes the vector tiles and finds the layers the metadata names.
      const info = execFileSync('ogrinfo', ['-ro', '-so', '-q', path], { encoding: 'utf8' });
      for (const l of layers) expect(info).toContain(l);
    } finally {
      db.close();
    }
  });

  it('serves a PMTiles archive through deploy/nginx.conf by range requests, with CORS', async () => {
    // No app behind nginx: an archive is a plain file, and any proxied request would fail.
    const nginx = await startNginx({ root, appHost: `127.0.0.1:${await freePort()}` });
    try {
      const url = `${nginx.url}/tiles/parishes.pmtiles`;
      const part = await rawGet(url, { Range: 'bytes=0-126', Origin: 'https://map.example.org' });
      expect(part.status).toBe(206);
      expect(part.body.length).toBe(127);
      expect(part.body.subarray(0, 7).toString('latin1')).toBe('PMTiles');
      expect(part.headers['access-control-allow-origin']).toBe('*');
      expect(String(part.headers['access-control-expose-headers'])).toContain('ETag');
      const archive = new PMTiles(url);
      for (const t of stored('parishes').filter((_, i) => i % 7 === 0)) expect(Buffer.from((await archive.getZxy(t.z, t.x, t.y))!.data).equals(gunzipSync(t.data))).toBe(true);
    } finally {
      await nginx.stop();
    }
  });

  it('serves plain z/x/y.mvt tiles and their TileJSON from a plain static file server (python3 -m http.server)', async () => {
    const port = await freePort();
    const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' });
    try {
      const base = `http://127.0.0.1:${port}`;
      let doc: { tiles: string[]; vector_layers: unknown[] } | null = null;
      for (const deadline = Date.now() + 10_000; !doc && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100)))
        doc = await fetch(`${base}/tiles/parishes.json`).then((r) => (r.ok ? r.json() : null), () => null);
      expect(doc!.tiles[0]).toBe('http://atlas.example.org/tiles/parishes/{z}/{x}/{y}.mvt');
      expect(doc!.vector_layers.length).toBeGreaterThan(0);
      for (const t of stored('parishes')) {
        const res = await fetch(`${base}/tiles/parishes/${t.z}/${t.x}/${t.y}.mvt`);
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(gunzipSync(t.data))).toBe(true);
      }
    } finally {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill();
      await exited;
    }
  });
});
