// Read access to the tiles the build wrote: its own read-only connection to the atlas database, so
// a tile read is one primary-key look-up that never touches the area store's in-memory indexes.
import Database from 'better-sqlite3';
import type { MultiLineString } from 'geojson';
import type { BBox } from '../geo/tile-math.ts';
import { TILESET_IDS, type TilesetId } from '../registry/tilesets.ts';

export interface TilesetRecord {
  id: TilesetId;
  minzoom: number;
  maxzoom: number;
  bounds: BBox;
  tiles: number;
  bytes: number;
}

export class TileStore {
  readonly tilesets: ReadonlyMap<TilesetId, TilesetRecord>;
  private readonly db: Database.Database;
  private readonly tileQuery: Database.Statement<[string, number, number, number], { data: Buffer }>;

  constructor(path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = this.db.prepare('SELECT * FROM tilesets').all() as Record<string, number | string>[];
    this.tilesets = new Map(
      rows
        .filter((r) => (TILESET_IDS as readonly string[]).includes(r.id as string))
        .map((r) => [r.id as TilesetId, { id: r.id as TilesetId, minzoom: r.minzoom as number, maxzoom: r.maxzoom as number, bounds: [r.min_lon, r.min_lat, r.max_lon, r.max_lat] as BBox, tiles: r.tiles as number, bytes: r.bytes as number }]),
    );
    this.tileQuery = this.db.prepare('SELECT data FROM tiles WHERE layer = ? AND z = ? AND x = ? AND y = ?');
  }

  /** The gzip-compressed tile, or null where no feature reaches it. */
  tile(id: TilesetId, z: number, x: number, y: number): Buffer | null {
    return this.tileQuery.get(id, z, x, y)?.data ?? null;
  }

  /** The address of every stored tile of a tileset, for the static export. */
  addresses(id: TilesetId): { z: number; x: number; y: number }[] {
    return this.db.prepare('SELECT z, x, y FROM tiles WHERE layer = ? ORDER BY z, x, y').all(id) as { z: number; x: number; y: number }[];
  }

  districtOutlines(): { code: string; name: string; geometry: MultiLineString }[] {
    const rows = this.db.prepare('SELECT code, name, geometry FROM district_outlines ORDER BY name').all() as { code: string; name: string; geometry: string }[];
    return rows.map((r) => ({ ...r, geometry: JSON.parse(r.geometry) as MultiLineString }));
  }

  close(): void {
    this.db.close();
  }
}
