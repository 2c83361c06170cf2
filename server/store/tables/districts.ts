// The districts table: the county's districts by GSS code, its DDL, its writer and its reader.
import type Database from 'better-sqlite3';

export const DISTRICTS_DDL = `
CREATE TABLE districts (code TEXT PRIMARY KEY, name TEXT NOT NULL);
`;

export interface DistrictRow {
  code: string;
  name: string;
}

export function districtWriter(db: Database.Database): (d: DistrictRow) => void {
  const insert = db.prepare<[string, string]>('INSERT INTO districts VALUES (?, ?)');
  return (d) => void insert.run(d.code, d.name);
}

/** The districts by name. */
export function readDistricts(db: Database.Database): DistrictRow[] {
  return db.prepare<[], DistrictRow>('SELECT code, name FROM districts ORDER BY name').all();
}
