// The imported registers, in their own SQLite file (data/registers.sqlite by default) so they
// survive every rebuild of the atlas database. Only what the user gave and where it was geocoded
// is stored; areas are worked out against the current atlas whenever the registers are loaded.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Comparison } from '../domain/density.ts';
import type { GroupInput } from './group-input.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS registers (
  name TEXT PRIMARY KEY, import_id TEXT NOT NULL, source TEXT NOT NULL, file_name TEXT,
  imported_at TEXT NOT NULL, rows INTEGER NOT NULL, report TEXT NOT NULL,
  comparison TEXT NOT NULL DEFAULT 'none'
);
CREATE TABLE IF NOT EXISTS groups (
  register TEXT NOT NULL REFERENCES registers(name) ON DELETE CASCADE,
  seq INTEGER NOT NULL, line INTEGER NOT NULL,
  name TEXT NOT NULL, category TEXT NOT NULL, located_by TEXT NOT NULL,
  postcode TEXT, area_code TEXT, lon REAL, lat REAL,
  source TEXT, url TEXT, summary TEXT,
  charity_number INTEGER, registered_on TEXT, latest_income REAL,
  PRIMARY KEY (register, seq)
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '1'), ('generation', '0');
`;

export interface StoredRegister {
  name: string;
  /** Unique per import, so a reader can tell a re-import from the register it already holds. */
  importId: string;
  source: string;
  fileName: string | null;
  importedAt: string;
  rows: number;
  /** The import report as JSON, shown again by GET /api/registers/{name}. */
  report: string;
  /** Which published density figure the register may be compared with. */
  comparison: Comparison;
}

export class RegisterDb {
  private readonly db: Database.Database;
  private readonly generationQuery: Database.Statement<[], { value: string }>;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL lets the CLI import while a server reads; the busy timeout covers the moment of the swap.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    // Registers databases made before comparisons were recorded gain the column, every register 'none'.
    const columns = this.db.prepare('PRAGMA table_info(registers)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'comparison')) this.db.exec("ALTER TABLE registers ADD COLUMN comparison TEXT NOT NULL DEFAULT 'none'");
    // ... and their groups the Charity Commission's facts (issue 11), empty for other registers.
    const groupColumns = this.db.prepare('PRAGMA table_info(groups)').all() as { name: string }[];
    if (!groupColumns.some((c) => c.name === 'charity_number'))
      this.db.exec('ALTER TABLE groups ADD COLUMN charity_number INTEGER; ALTER TABLE groups ADD COLUMN registered_on TEXT; ALTER TABLE groups ADD COLUMN latest_income REAL;');
    this.generationQuery = this.db.prepare("SELECT value FROM meta WHERE key = 'generation'");
  }

  /** Goes up with every import or deletion, from any process; the counts cache keys on it. */
  generation(): number {
    return Number(this.generationQuery.get()!.value);
  }

  list(): StoredRegister[] {
    return (this.db.prepare('SELECT name, import_id, source, file_name, imported_at, rows, report, comparison FROM registers ORDER BY name').all() as Record<string, any>[]).map((r) => ({
      name: r.name,
      importId: r.import_id,
      source: r.source,
      fileName: r.file_name,
      importedAt: r.imported_at,
      rows: r.rows,
      report: r.report,
      comparison: r.comparison,
    }));
  }

  groups(register: string): GroupInput[] {
    const rows = this.db.prepare('SELECT * FROM groups WHERE register = ? ORDER BY seq').all(register) as Record<string, any>[];
    return rows.map((r) => ({
      line: r.line,
      name: r.name,
      category: r.category,
      locatedBy: r.located_by,
      postcode: r.postcode,
      areaCode: r.area_code,
      lon: r.lon,
      lat: r.lat,
      source: r.source,
      url: r.url,
      summary: r.summary,
      charity: r.charity_number === null ? undefined : { number: r.charity_number, registeredOn: r.registered_on, latestIncome: r.latest_income },
    }));
  }

  /** Replaces the register in one transaction: readers see the old register or the new one, never a mix.
   *  Returns the generation the change produced. */
  replace(register: Omit<StoredRegister, 'rows'>, groups: readonly GroupInput[]): number {
    const insert = this.db.prepare(
      'INSERT INTO groups (register, seq, line, name, category, located_by, postcode, area_code, lon, lat, source, url, summary, charity_number, registered_on, latest_income) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM registers WHERE name = ?').run(register.name);
      this.db
        .prepare('INSERT INTO registers (name, import_id, source, file_name, imported_at, rows, report, comparison) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(register.name, register.importId, register.source, register.fileName, register.importedAt, groups.length, register.report, register.comparison);
      groups.forEach((g, seq) =>
        insert.run(register.name, seq, g.line, g.name, g.category, g.locatedBy, g.postcode, g.areaCode, g.lon, g.lat, g.source, g.url, g.summary, g.charity?.number ?? null, g.charity?.registeredOn ?? null, g.charity?.latestIncome ?? null),
      );
      return this.bump();
    })();
  }

  delete(name: string): boolean {
    return this.db.transaction(() => {
      const { changes } = this.db.prepare('DELETE FROM registers WHERE name = ?').run(name);
      if (changes > 0) this.bump();
      return changes > 0;
    })();
  }

  private bump(): number {
    this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'").run();
    return this.generation();
  }

  close() {
    this.db.close();
  }
}
