// The built-in registers placed once, when the atlas database is built: read and checked as an import
// is, each group placed in an area of every layer with the same locator the server uses, and stored in
// the database (builtin_registers), so a server starts with them placed. At England size placing them at
// start prepared the polygons of every area the libraries fall in: about 3.7 s of start-up CPU. The
// groups files are sources of the build (geodata/sources.json), so changing one rebuilds the database.
import Database from 'better-sqlite3';
import type { AtlasStore } from '../store/atlas-store.ts';
import { loadBuiltinRegisters, type PlacedBuiltinRegister } from './builtin.ts';
import { WorkerAtlas } from './import/worker-atlas.ts';
import { locateGroup } from './locate-groups.ts';

/** Places the built-in registers of GEODATA_DIR against the database at `dbPath` (being built) and stores them in it. */
export function placeBuiltinRegisters(dbPath: string, geodataDir: string, log?: (m: string) => void): void {
  const atlas = new WorkerAtlas(dbPath);
  let placed: PlacedBuiltinRegister[];
  try {
    placed = loadBuiltinRegisters(geodataDir, atlas.gazetteer, log).map((r) => ({ ...r, groups: r.groups.map((g) => locateGroup(g, atlas, atlas.locator)) }));
  } finally {
    atlas.close();
  }
  const db = new Database(dbPath);
  try {
    const insert = db.prepare('INSERT INTO builtin_registers (ord, name, source, file, left_out, groups) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => placed.forEach((r, i) => insert.run(i, r.name, r.source, r.file, r.leftOut, JSON.stringify(r.groups))))();
  } finally {
    db.close();
  }
}

/** The built-in registers as the build placed them, loaded now. */
export function storedBuiltinRegisters(store: AtlasStore): PlacedBuiltinRegister[] {
  const loadedAt = new Date().toISOString();
  return store.builtinRegisterRows().map((r) => ({ name: r.name, source: r.source, file: r.file, leftOut: r.left_out, loadedAt, groups: JSON.parse(r.groups) }));
}
