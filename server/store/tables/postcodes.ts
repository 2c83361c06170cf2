// The postcodes table: postcode centroids keyed by the space-free upper-case form; its DDL, its writer
// and its readers (each prepared once: look-ups and geocoding read it on every request).
import type Database from 'better-sqlite3';

export const POSTCODES_DDL = `
CREATE TABLE postcodes (key TEXT PRIMARY KEY, postcode TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL) WITHOUT ROWID;
`;

export interface PostcodeRow {
  key: string;
  postcode: string;
  lon: number;
  lat: number;
}

/** A postcode as the store hands it out. */
export type PostcodeRecord = Omit<PostcodeRow, 'key'>;

/** Writes a postcode unless its key is there already (the file may repeat one: the first row is kept); returns rows written. */
export function postcodeWriter(db: Database.Database): (p: PostcodeRow) => number {
  const insert = db.prepare<[string, string, number, number]>('INSERT OR IGNORE INTO postcodes VALUES (?, ?, ?, ?)');
  return (p) => insert.run(p.key, p.postcode, p.lon, p.lat).changes;
}

/** A postcode by key. */
export function postcodeReader(db: Database.Database): (key: string) => PostcodeRecord | undefined {
  const query = db.prepare<[string], PostcodeRecord>('SELECT postcode, lon, lat FROM postcodes WHERE key = ?');
  return (key) => query.get(key);
}

/** Postcodes whose key starts with the prefix, in key order, at most `limit`. */
export function postcodePrefixReader(db: Database.Database): (keyPrefix: string, limit: number) => PostcodeRecord[] {
  const query = db.prepare<[string, string, number], PostcodeRecord>("SELECT postcode, lon, lat FROM postcodes WHERE key >= ? AND key < ? || '~' ORDER BY key LIMIT ?");
  return (keyPrefix, limit) => query.all(keyPrefix, keyPrefix, limit);
}

/** A postcode's point by key (what geocoding a group needs). */
export function postcodePointReader(db: Database.Database): (key: string) => { lon: number; lat: number } | undefined {
  const query = db.prepare<[string], { lon: number; lat: number }>('SELECT lon, lat FROM postcodes WHERE key = ?');
  return (key) => query.get(key);
}
