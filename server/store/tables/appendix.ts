// The Appendix One tables: its rows (rules: which services each (table, category) grants) and every
// place it lists (appendix_entries) with what it was resolved to; their DDL, writers and readers.
import type Database from 'better-sqlite3';
import type { AppendixTable, Category, Extent, ServiceId } from '../../domain/vocabulary.ts';
import type { AppendixEntryRecord, RuleRecord } from '../records.ts';

export const RULES_DDL = `
-- Appendix One rows: one row per (table, category), services as a JSON array of ids.
CREATE TABLE rules (
  table_name TEXT NOT NULL, category TEXT NOT NULL, row_label TEXT NOT NULL, services TEXT NOT NULL,
  PRIMARY KEY (table_name, category)
);
`;

export const APPENDIX_ENTRIES_DDL = `
-- Every place listed in Appendix One, verbatim, with what it was resolved to.
CREATE TABLE appendix_entries (
  id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, category TEXT NOT NULL, listed_as TEXT NOT NULL,
  extent TEXT NOT NULL, layer TEXT, codes TEXT NOT NULL, areas TEXT NOT NULL, method TEXT NOT NULL, note TEXT NOT NULL
);
`;

interface RuleRow {
  table_name: AppendixTable;
  category: Category;
  row_label: string;
  /** JSON array of service ids. */
  services: string;
}

interface AppendixEntryRow {
  id: number;
  table_name: AppendixTable;
  category: Category;
  listed_as: string;
  extent: Extent;
  layer: string | null;
  /** Codes separated by spaces. */
  codes: string;
  /** Area names separated by "; ". */
  areas: string;
  method: string;
  note: string;
}

/** An Appendix One row as the build read it (geodata/rules.csv). */
export type RuleInput = Omit<RuleRecord, 'services'> & { services: readonly ServiceId[] };

export function ruleWriter(db: Database.Database): (r: RuleInput) => void {
  const insert = db.prepare('INSERT INTO rules VALUES (?, ?, ?, ?)');
  return (r) => void insert.run(r.table, r.category, r.rowLabel, JSON.stringify(r.services));
}

/** A listed place as the build resolved it (geodata/designations.csv). */
export type AppendixEntryInput = Omit<AppendixEntryRecord, 'codes' | 'areas'> & { codes: readonly string[]; areas: readonly string[] };

export function appendixEntryWriter(db: Database.Database): (e: AppendixEntryInput) => void {
  const insert = db.prepare('INSERT INTO appendix_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return (e) => void insert.run(e.id, e.table, e.category, e.listedAs, e.extent, e.layer, e.codes.join(' '), e.areas.join('; '), e.method, e.note);
}

export function readRules(db: Database.Database): RuleRecord[] {
  return db.prepare<[], RuleRow>('SELECT * FROM rules').all().map((r) => ({
    table: r.table_name,
    category: r.category,
    rowLabel: r.row_label,
    services: JSON.parse(r.services) as ServiceId[],
  }));
}

export function readEntries(db: Database.Database): AppendixEntryRecord[] {
  return db.prepare<[], AppendixEntryRow>('SELECT * FROM appendix_entries ORDER BY id').all().map((e) => ({
    id: e.id,
    table: e.table_name,
    category: e.category,
    listedAs: e.listed_as,
    extent: e.extent,
    layer: e.layer,
    codes: String(e.codes).split(' ').filter(Boolean),
    areas: String(e.areas).split('; ').filter(Boolean),
    method: e.method,
    note: e.note,
  }));
}
