// The imported registers, in their own SQLite file (data/registers.sqlite by default) so they
// survive every rebuild of the atlas database: what the user gave, where it was geocoded, and where
// each group was placed against the atlas it was imported into (placed_for), so loading a register
// only reads; against another atlas build the groups are placed again.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Comparison } from '../domain/density.ts';
import type { GroupInput } from './group-input.ts';
import type { LayerId } from '../registry/layers.ts';
import { countByLayer, countCategories, notCountedOf, type LocatedGroup, type NotCounted } from './locate-groups.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS registers (
  name TEXT PRIMARY KEY, import_id TEXT NOT NULL, source TEXT NOT NULL, file_name TEXT,
  imported_at TEXT NOT NULL, rows INTEGER NOT NULL, report TEXT NOT NULL,
  comparison TEXT NOT NULL DEFAULT 'none', placed_for TEXT, placed_summary TEXT
);
CREATE TABLE IF NOT EXISTS groups (
  register TEXT NOT NULL REFERENCES registers(name) ON DELETE CASCADE,
  seq INTEGER NOT NULL, line INTEGER NOT NULL,
  name TEXT NOT NULL, category TEXT NOT NULL, located_by TEXT NOT NULL,
  postcode TEXT, area_code TEXT, lon REAL, lat REAL,
  source TEXT, url TEXT, summary TEXT,
  charity_number INTEGER, registered_on TEXT, latest_income REAL,
  placement TEXT, point_lon REAL, point_lat REAL, not_counted TEXT,
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
    // ... and the placements of issue 22 (placed when imported; NULL until then, so placed when loaded).
    if (!groupColumns.some((c) => c.name === 'placement'))
      this.db.exec('ALTER TABLE groups ADD COLUMN placement TEXT; ALTER TABLE groups ADD COLUMN point_lon REAL; ALTER TABLE groups ADD COLUMN point_lat REAL; ALTER TABLE groups ADD COLUMN not_counted TEXT; ALTER TABLE registers ADD COLUMN placed_for TEXT;');
    // ... and what the placements add up to, so a server loading the register reads one row, not every group.
    if (!(this.db.prepare('PRAGMA table_info(registers)').all() as { name: string }[]).some((c) => c.name === 'placed_summary'))
      this.db.exec('ALTER TABLE registers ADD COLUMN placed_summary TEXT');
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
    return rows.map(groupOf);
  }

  /** The register's groups as placed when imported, if that was against the atlas `placedFor` names; else null. */
  placed(register: string, placedFor: string): LocatedGroup[] | null {
    const stored = this.db.prepare('SELECT placed_for FROM registers WHERE name = ?').pluck().get(register);
    if (stored !== placedFor) return null;
    const rows = this.db.prepare('SELECT * FROM groups WHERE register = ? ORDER BY seq').all(register) as Record<string, any>[];
    return rows.map((r) => {
      // Field by field: spreading a group into a new object is several times slower, and registers run to 300,000 groups.
      const g = groupOf(r) as LocatedGroup;
      g.point = r.point_lon === null ? null : [r.point_lon, r.point_lat];
      g.placement = JSON.parse(r.placement);
      g.notCounted = r.not_counted;
      return g;
    });
  }

  /** What the register's placements add up to (counts per area, categories, groups not counted), if placed against `placedFor`. */
  placedSummary(register: string, placedFor: string): PlacedSummary | null {
    const row = this.db.prepare<[string], { placed_for: string | null; placed_summary: string | null }>('SELECT placed_for, placed_summary FROM registers WHERE name = ?').get(register);
    if (!row || row.placed_for !== placedFor || row.placed_summary === null) return null;
    const s = JSON.parse(row.placed_summary) as Omit<PlacedSummary, 'counts'> & { counts: [LayerId, [string, number][]][] };
    return { ...s, counts: new Map(s.counts.map(([layer, codes]) => [layer, new Map(codes)])) };
  }

  /** Replaces the register in one transaction: readers see the old register or the new one, never a mix.
   *  Groups already located are stored with their placement, against the atlas `placedFor` names.
   *  Returns the generation the change produced. */
  replace(register: Omit<StoredRegister, 'rows'>, groups: readonly (GroupInput | LocatedGroup)[], placedFor: string | null = null): number {
    const placedAll = placedFor !== null && groups.every((g) => 'placement' in g);
    const insert = this.db.prepare(
      'INSERT INTO groups (register, seq, line, name, category, located_by, postcode, area_code, lon, lat, source, url, summary, charity_number, registered_on, latest_income, placement, point_lon, point_lat, not_counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM registers WHERE name = ?').run(register.name);
      this.db
        .prepare('INSERT INTO registers (name, import_id, source, file_name, imported_at, rows, report, comparison, placed_for, placed_summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(register.name, register.importId, register.source, register.fileName, register.importedAt, groups.length, register.report, register.comparison, placedAll ? placedFor : null, placedAll ? summaryJson(groups as LocatedGroup[]) : null);
      groups.forEach((g, seq) => {
        const p = placedAll ? (g as LocatedGroup) : null;
        insert.run(
          register.name, seq, g.line, g.name, g.category, g.locatedBy, g.postcode, g.areaCode, g.lon, g.lat, g.source, g.url, g.summary,
          g.charity?.number ?? null, g.charity?.registeredOn ?? null, g.charity?.latestIncome ?? null,
          p ? JSON.stringify(p.placement) : null, p?.point?.[0] ?? null, p?.point?.[1] ?? null, p?.notCounted ?? null,
        );
      });
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

/** What a register's placements add up to: all a server needs of it until its groups are asked for. */
export interface PlacedSummary {
  rows: number;
  counted: number;
  counts: Map<LayerId, Map<string, number>>;
  categories: Record<string, number>;
  notCounted: NotCounted[];
}

function summaryJson(groups: readonly LocatedGroup[]): string {
  const notCounted = notCountedOf(groups);
  const counts = [...countByLayer(groups)].map(([layer, codes]) => [layer, [...codes]]);
  return JSON.stringify({ rows: groups.length, counted: groups.length - notCounted.length, counts, categories: countCategories(groups), notCounted });
}

/** A stored group as the user gave it and it was geocoded. */
function groupOf(r: Record<string, any>): GroupInput {
  return {
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
  };
}
