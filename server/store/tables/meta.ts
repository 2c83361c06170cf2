// The meta table: the build's key/value facts (schema version, inputs fingerprint, area covered, reports),
// its DDL, its writer and its readers.
import type Database from 'better-sqlite3';

export const META_DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export interface MetaRow {
  key: string;
  value: string;
}

/** Writes one fact; the build writes them in the order it knows them. */
export function metaWriter(db: Database.Database): (key: string, value: string) => void {
  const insert = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?)');
  return (key, value) => void insert.run(key, value);
}

/** Every fact, by key. */
export function readMeta(db: Database.Database): Map<string, string> {
  return new Map(db.prepare<[], MetaRow>('SELECT key, value FROM meta').all().map((r) => [r.key, r.value]));
}

/** One fact, or undefined when the database has none by that key. */
export function metaValue(db: Database.Database, key: string): string | undefined {
  return db.prepare<[string], MetaRow>('SELECT value FROM meta WHERE key = ?').get(key)?.value;
}
