// Read access to the tiles the build wrote: its own read-only connection to the atlas database, so
// a tile read is one primary-key look-up that never touches the area store's in-memory indexes.
import Database from 'better-sqlite3';
import type { MultiLineString } from 'geojson';
import type { TilesetId } from '../registry/tilesets.ts';
import { readDistrictOutlines, readTileAddresses, readTilesets, tileReader, type TilesetRecord } from './tables/tiles.ts';

export type { TilesetRecord };

export class TileStore {
  readonly tilesets: ReadonlyMap<TilesetId, TilesetRecord>;
  private readonly db: Database.Database;
  private readonly tileQuery: ReturnType<typeof tileReader>;

  constructor(path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    this.tilesets = readTilesets(this.db);
    this.tileQuery = tileReader(this.db);
  }

  /** The gzip-compressed tile, or null where no feature reaches it. */
  tile(id: TilesetId, z: number, x: number, y: number): Buffer | null {
    return this.tileQuery(id, z, x, y) ?? null;
  }

  /** The address of every stored tile of a tileset, for the static export. */
  addresses(id: TilesetId): { z: number; x: number; y: number }[] {
    return readTileAddresses(this.db, id);
  }

  districtOutlines(): { code: string; name: string; geometry: MultiLineString }[] {
    return readDistrictOutlines(this.db);
  }

  close(): void {
    this.db.close();
  }
}
