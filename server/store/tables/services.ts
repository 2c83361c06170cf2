// The services table: Appendix One's seven services in column order (geodata/services.csv), its DDL,
// its writer and its reader.
import type Database from 'better-sqlite3';
import type { ServiceId } from '../../domain/vocabulary.ts';
import type { ServiceRecord } from '../records.ts';

export const SERVICES_DDL = `
CREATE TABLE services (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, short_name TEXT NOT NULL, gis_key TEXT NOT NULL, name TEXT NOT NULL,
  key_text TEXT NOT NULL, description TEXT NOT NULL
);
`;

/** A service as geodata/services.csv gives it (the same names as the columns). */
export interface ServiceInput {
  id: ServiceId;
  short_name: string;
  gis_key: string;
  name: string;
  key_text: string;
  description: string;
}

export interface ServiceRow extends ServiceInput {
  ord: number;
}

/** Writes a service at its position in Appendix One's column order. */
export function serviceWriter(db: Database.Database): (s: ServiceInput, ord: number) => void {
  const insert = db.prepare('INSERT INTO services VALUES (?, ?, ?, ?, ?, ?, ?)');
  return (s, ord) => void insert.run(s.id, ord, s.short_name, s.gis_key, s.name, s.key_text, s.description);
}

export function readServices(db: Database.Database): ServiceRecord[] {
  return db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY ord').all().map((s) => ({
    id: s.id,
    shortName: s.short_name,
    gisKey: s.gis_key,
    name: s.name,
    keyText: s.key_text,
    description: s.description,
  }));
}
