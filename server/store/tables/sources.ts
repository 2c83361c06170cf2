// The sources table: the sources manifest (geodata/sources.json) with the checksum of each file as
// loaded; its DDL, its row (named as in the /api/sources answer), its writer and its reader.
import type Database from 'better-sqlite3';

export const SOURCES_DDL = `
-- The sources manifest (geodata/sources.json) with the checksum of each file as loaded.
CREATE TABLE sources (
  id TEXT PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,
  title TEXT NOT NULL, vintage TEXT NOT NULL, publisher TEXT NOT NULL, licence TEXT NOT NULL,
  licence_url TEXT NOT NULL, attribution TEXT NOT NULL, official_download TEXT NOT NULL,
  feeds TEXT NOT NULL, caveat TEXT
);
`;

/** A row of the sources manifest as loaded, named as in the database and the /api/sources answer. */
export interface SourceRow {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  title: string;
  vintage: string;
  publisher: string;
  licence: string;
  licence_url: string;
  attribution: string;
  official_download: string;
  feeds: string;
  caveat: string | null;
}

/** A source as the build loaded it: the row, with no caveat when it has none. */
export type SourceInput = Omit<SourceRow, 'caveat'> & { caveat?: string | null };

export function sourceWriter(db: Database.Database): (s: SourceInput) => void {
  const insert = db.prepare<[SourceRow]>(`INSERT INTO sources VALUES (@id, @file, @sha256, @bytes, @title, @vintage, @publisher, @licence,
    @licence_url, @attribution, @official_download, @feeds, @caveat)`);
  return (s) => void insert.run({ id: s.id, file: s.file, sha256: s.sha256, bytes: s.bytes, title: s.title, vintage: s.vintage, publisher: s.publisher, licence: s.licence,
    licence_url: s.licence_url, attribution: s.attribution, official_download: s.official_download, feeds: s.feeds, caveat: s.caveat ?? null });
}

export function readSources(db: Database.Database): SourceRow[] {
  return db.prepare<[], SourceRow>('SELECT * FROM sources').all().map((s) => ({ ...s, caveat: s.caveat ?? null }));
}
