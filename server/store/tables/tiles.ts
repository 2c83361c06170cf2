// The vector tile tables: tiles (gzip-compressed Mapbox Vector Tiles, XYZ addressing, like MBTiles), each
// tileset's zooms, bounds and size, and the district outlines the districts tileset is cut from.
import type Database from 'better-sqlite3';
import type { MultiLineString } from 'geojson';
import type { BBox } from '../../geo/tile-math.ts';
import { TILESET_IDS, type TilesetId } from '../../registry/tilesets.ts';

export const TILES_DDL = `
-- Vector tiles (gzip-compressed Mapbox Vector Tiles), XYZ addressing; tiles with no feature are not stored.
CREATE TABLE tiles (layer TEXT NOT NULL, z INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (layer, z, x, y)) WITHOUT ROWID;
CREATE TABLE tilesets (id TEXT PRIMARY KEY, minzoom INTEGER NOT NULL, maxzoom INTEGER NOT NULL,
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL, tiles INTEGER NOT NULL, bytes INTEGER NOT NULL);
-- District outlines built from the LSOAs (which nest in districts): one MultiLineString per district.
CREATE TABLE district_outlines (code TEXT PRIMARY KEY, name TEXT NOT NULL, geometry TEXT NOT NULL);
`;

interface TilesetRow {
  id: string;
  minzoom: number;
  maxzoom: number;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  tiles: number;
  bytes: number;
}

export interface TilesetRecord {
  id: TilesetId;
  minzoom: number;
  maxzoom: number;
  bounds: BBox;
  tiles: number;
  bytes: number;
}

/** Writes the tables' rows as the build cuts and counts the tiles. */
export function tileWriters(db: Database.Database): {
  tile: (tileset: TilesetId, z: number, x: number, y: number, data: Uint8Array) => void;
  tileset: (t: TilesetRecord) => void;
  outline: (code: string, name: string, geometryJson: string) => void;
} {
  const tile = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?, ?)');
  const tileset = db.prepare('INSERT INTO tilesets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const outline = db.prepare('INSERT INTO district_outlines VALUES (?, ?, ?)');
  return {
    tile: (id, z, x, y, data) => void tile.run(id, z, x, y, data),
    tileset: (t) => void tileset.run(t.id, t.minzoom, t.maxzoom, ...t.bounds, t.tiles, t.bytes),
    outline: (code, name, geometryJson) => void outline.run(code, name, geometryJson),
  };
}

/** The tilesets the registry knows, by id (a row of another id, from an older build, is left out). */
export function readTilesets(db: Database.Database): Map<TilesetId, TilesetRecord> {
  const rows = db.prepare<[], TilesetRow>('SELECT * FROM tilesets').all();
  return new Map(
    rows
      .filter((r) => (TILESET_IDS as readonly string[]).includes(r.id))
      .map((r) => [r.id as TilesetId, { id: r.id as TilesetId, minzoom: r.minzoom, maxzoom: r.maxzoom, bounds: [r.min_lon, r.min_lat, r.max_lon, r.max_lat], tiles: r.tiles, bytes: r.bytes }]),
  );
}

/** A stored tile's bytes by address, or undefined where none is stored: prepared once (every map request reads it). */
export function tileReader(db: Database.Database): (id: TilesetId, z: number, x: number, y: number) => Buffer | undefined {
  const query = db.prepare<[string, number, number, number], { data: Buffer }>('SELECT data FROM tiles WHERE layer = ? AND z = ? AND x = ? AND y = ?');
  return (id, z, x, y) => query.get(id, z, x, y)?.data;
}

/** The address of every stored tile of a tileset, in z, x, y order. */
export function readTileAddresses(db: Database.Database, id: TilesetId): { z: number; x: number; y: number }[] {
  return db.prepare<[string], { z: number; x: number; y: number }>('SELECT z, x, y FROM tiles WHERE layer = ? ORDER BY z, x, y').all(id);
}

/** The district outlines, by name. */
export function readDistrictOutlines(db: Database.Database): { code: string; name: string; geometry: MultiLineString }[] {
  const rows = db.prepare<[], { code: string; name: string; geometry: string }>('SELECT code, name, geometry FROM district_outlines ORDER BY name').all();
  return rows.map((r) => ({ ...r, geometry: JSON.parse(r.geometry) as MultiLineString }));
}
