// The built-in registers placed once, when the atlas database is built: read and checked as an import
// is, each group placed in an area of every layer with the same locator the server uses, and stored in
// the database (server/store/tables/builtin-registers.ts), so a server starts with them placed. At England size placing them at
// start prepared the polygons of every area the libraries fall in: about 3.7 s of start-up CPU. The
// groups files are sources of the build (geodata/sources.json), so changing one rebuilds the database.
import Database from 'better-sqlite3';
import type { AtlasStore } from '../store/atlas-store.ts';
import { writeBuiltinRegisters } from '../store/tables/builtin-registers.ts';
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
    db.transaction(() => writeBuiltinRegisters(db, placed))();
  } finally {
    db.close();
  }
}

/** The built-in registers as the build placed them, loaded now. */
export function storedBuiltinRegisters(store: AtlasStore): PlacedBuiltinRegister[] {
  const loadedAt = new Date().toISOString();
  return store.builtinRegisters().map((r) => ({ name: r.name, source: r.source, file: r.file, leftOut: r.leftOut, loadedAt, groups: JSON.parse(r.groupsJson) }));
}
