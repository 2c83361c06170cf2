// Writes a tileset's stored vector tiles as one file for tile hosting: a PMTiles v3 archive (served
// from object storage or a CDN by HTTP range requests, read by MapLibre's pmtiles protocol) and an
// MBTiles 1.3 database (SQLite, for tile servers, QGIS and GDAL). Tiles are copied as the build
// stored them (gzip-compressed MVT); the metadata is the tileset's TileJSON as the API answers it.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  /** The gzip-compressed MVT. */
  data: Buffer;
}

/** What the archives say about the tileset: the TileJSON the API serves for it. */
export interface TileJsonDoc {
  name: string;
  description?: string;
  attribution?: string;
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  vector_layers: unknown[];
  [key: string]: unknown;
}

/** MBTiles 1.3: rows are TMS (y counted from the south), tile data gzip-compressed pbf. Written whole or not at all. */
export function writeMbtiles(path: string, doc: TileJsonDoc, tiles: Iterable<ArchiveTile>): number {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(partial);
  let n = 0;
  try {
    db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB); CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);');
    const meta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    const tile = db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      const fields: [string, string][] = [
        ['name', doc.name],
        ['format', 'pbf'],
        ['type', 'overlay'],
        ['version', '1.3'],
        ['description', doc.description ?? doc.name],
        ['attribution', doc.attribution ?? ''],
        ['minzoom', String(doc.minzoom)],
        ['maxzoom', String(doc.maxzoom)],
        ['bounds', doc.bounds.join(',')],
        ['center', doc.center.join(',')],
        ['json', JSON.stringify({ vector_layers: doc.vector_layers })],
      ];
      for (const [k, v] of fields) meta.run(k, v);
      for (const t of tiles) {
        tile.run(t.z, t.x, (1 << t.z) - 1 - t.y, t.data);
        n++;
      }
    })();
    db.close();
  } catch (err) {
    db.close();
    rmSync(partial, { force: true });
    throw err;
  }
  // A rename keeps readers from seeing a half-written database.
  renameSync(partial, path);
  return n;
}

// ---- PMTiles v3 (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) ----

/** The tile's position on the Hilbert curve of its zoom, after every tile of the zooms below. */
export function zxyToTileId(z: number, x: number, y: number): number {
  let acc = 0;
  for (let t = 0; t < z; t++) acc += 4 ** t;
  const n = 2 ** z;
  let tx = x;
  let ty = y;
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (tx & s) > 0 ? 1 : 0;
    const ry = (ty & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        tx = n - 1 - tx;
        ty = n - 1 - ty;
      }
      [tx, ty] = [ty, tx];
    }
  }
  return acc + d;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

function varint(out: number[], value: number) {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** A directory as the spec lays it out (count, then delta tile ids, run lengths, lengths, offsets), gzip-compressed. */
function directory(entries: Entry[]): Buffer {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    varint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) varint(out, e.runLength);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => varint(out, i > 0 && e.offset === entries[i - 1].offset + entries[i - 1].length ? 0 : e.offset + 1));
  return gzipSync(Buffer.from(out));
}

const HEADER_BYTES = 127;
/** The header and root directory must fit the first 16 KiB, so a client reads both in one request. */
const ROOT_LIMIT = 16_384 - HEADER_BYTES;

/** The root directory, with leaf directories when every entry would not fit it. */
function directories(entries: Entry[]): { root: Buffer; leaves: Buffer } {
  const root = directory(entries);
  if (root.length <= ROOT_LIMIT) return { root, leaves: Buffer.alloc(0) };
  for (let perLeaf = 4096; ; perLeaf *= 2) {
    const leafBuffers: Buffer[] = [];
    const rootEntries: Entry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += perLeaf) {
      const leaf = directory(entries.slice(i, i + perLeaf));
      rootEntries.push({ tileId: entries[i].tileId, offset, length: leaf.length, runLength: 0 });
      leafBuffers.push(leaf);
      offset += leaf.length;
    }
    const r = directory(rootEntries);
    if (r.length <= ROOT_LIMIT) return { root: r, leaves: Buffer.concat(leafBuffers) };
  }
}

/** One PMTiles v3 archive of the tiles (any order; identical tiles are stored once). Returns the tile count. */
export function writePmtiles(path: string, doc: TileJsonDoc, tiles: Iterable<ArchiveTile>): number {
  const sorted = [...tiles].map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  const entries: Entry[] = [];
  const chunks: Buffer[] = [];
  const seen = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  for (const t of sorted) {
    const key = t.data.toString('base64');
    let at = seen.get(key);
    if (!at) {
      at = { offset: dataLength, length: t.data.length };
      seen.set(key, at);
      chunks.push(t.data);
      dataLength += t.data.length;
    }
    const prev = entries[entries.length - 1];
    // Consecutive tiles with the same bytes (empty sea, one fill) become one run.
    if (prev && prev.offset === at.offset && prev.tileId + prev.runLength === t.id) prev.runLength++;
    else entries.push({ tileId: t.id, offset: at.offset, length: at.length, runLength: 1 });
  }
  const { root, leaves } = directories(entries);
  const metadata = gzipSync(Buffer.from(JSON.stringify(doc)));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const dataOffset = leavesOffset + leaves.length;
  const h = Buffer.alloc(HEADER_BYTES);
  h.write('PMTiles', 0, 'latin1');
  h.writeUInt8(3, 7);
  const u64 = (value: number, at: number) => h.writeBigUInt64LE(BigInt(value), at);
  u64(rootOffset, 8);
  u64(root.length, 16);
  u64(metadataOffset, 24);
  u64(metadata.length, 32);
  u64(leavesOffset, 40);
  u64(leaves.length, 48);
  u64(dataOffset, 56);
  u64(dataLength, 64);
  u64(sorted.length, 72); // addressed tiles
  u64(entries.length, 80); // tile entries
  u64(chunks.length, 88); // tile contents
  h.writeUInt8(1, 96); // clustered: tile data in tile id order
  h.writeUInt8(2, 97); // internal compression: gzip
  h.writeUInt8(2, 98); // tile compression: gzip
  h.writeUInt8(1, 99); // tile type: MVT
  h.writeUInt8(doc.minzoom, 100);
  h.writeUInt8(doc.maxzoom, 101);
  const e7 = (deg: number, at: number) => h.writeInt32LE(Math.round(deg * 1e7), at);
  e7(doc.bounds[0], 102);
  e7(doc.bounds[1], 106);
  e7(doc.bounds[2], 110);
  e7(doc.bounds[3], 114);
  h.writeUInt8(Math.round(doc.center[2]), 118);
  e7(doc.center[0], 119);
  e7(doc.center[1], 123);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    for (const b of [h, root, metadata, leaves, ...chunks]) writeSync(fd, b);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return sorted.length;
}
