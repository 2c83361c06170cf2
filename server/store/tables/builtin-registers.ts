// The builtin_registers table: the built-in group registers as the build checked and placed them; its
// DDL, its writer and its readers.
import type Database from 'better-sqlite3';

export const BUILTIN_REGISTERS_DDL = `
-- The built-in group registers (GEODATA_DIR/groups, sources of this build), checked and placed at build
-- time: groups is the JSON array of located groups, each with its area code in every layer (LAYERS order).
CREATE TABLE builtin_registers (
  ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL, file TEXT NOT NULL,
  left_out INTEGER NOT NULL, groups TEXT NOT NULL
);
`;

interface BuiltinRegisterRow {
  ord: number;
  name: string;
  source: string;
  file: string;
  left_out: number;
  /** JSON array of the located groups. */
  groups: string;
}

/** A built-in register as stored: its groups still the JSON text (parsed by whoever loads them). */
export interface StoredBuiltinRegister {
  name: string;
  source: string;
  file: string;
  leftOut: number;
  groupsJson: string;
}

/** Writes the registers in the order given. */
export function writeBuiltinRegisters(db: Database.Database, registers: readonly { name: string; source: string; file: string; leftOut: number; groups: unknown }[]): void {
  const insert = db.prepare('INSERT INTO builtin_registers (ord, name, source, file, left_out, groups) VALUES (?, ?, ?, ?, ?, ?)');
  registers.forEach((r, i) => insert.run(i, r.name, r.source, r.file, r.leftOut, JSON.stringify(r.groups)));
}

export function readBuiltinRegisters(db: Database.Database): StoredBuiltinRegister[] {
  return db
    .prepare<[], Omit<BuiltinRegisterRow, 'ord'>>('SELECT name, source, file, left_out, groups FROM builtin_registers ORDER BY ord')
    .all()
    .map((r) => ({ name: r.name, source: r.source, file: r.file, leftOut: r.left_out, groupsJson: r.groups }));
}

/** One register's groups (JSON text), or undefined when there is none by that name. */
export function builtinGroupsJson(db: Database.Database, name: string): string | undefined {
  return db.prepare<[string], Pick<BuiltinRegisterRow, 'groups'>>('SELECT groups FROM builtin_registers WHERE name = ?').get(name)?.groups;
}
