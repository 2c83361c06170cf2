// The lsoa_places table: the parishes and wards each LSOA covers, by share of its residents; its DDL,
// its writer and its reader.
import type Database from 'better-sqlite3';
import type { LsoaPlace } from '../../domain/lsoa-places.ts';

export const LSOA_PLACES_DDL = `
-- The parishes and wards each LSOA covers, by share of its residents (Output Areas by best-fit parish and centroid ward).
CREATE TABLE lsoa_places (
  lsoa TEXT NOT NULL,
  layer TEXT NOT NULL CHECK (layer IN ('parishes', 'wards')),
  code TEXT NOT NULL,
  share REAL NOT NULL,
  PRIMARY KEY (lsoa, layer, code)
) WITHOUT ROWID;
`;

export interface LsoaPlaceRow {
  lsoa: string;
  layer: 'parishes' | 'wards';
  code: string;
  share: number;
}

export function lsoaPlaceWriter(db: Database.Database): (p: LsoaPlace) => void {
  const insert = db.prepare('INSERT INTO lsoa_places VALUES (?, ?, ?, ?)');
  return (p) => void insert.run(p.lsoa, p.layer, p.code, p.share);
}

/** Every LSOA's places, by LSOA, layer and the larger share first. */
export function readLsoaPlaces(db: Database.Database): LsoaPlaceRow[] {
  return db.prepare<[], LsoaPlaceRow>('SELECT lsoa, layer, code, share FROM lsoa_places ORDER BY lsoa, layer, share DESC').all();
}
