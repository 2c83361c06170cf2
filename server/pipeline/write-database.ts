// Writes an assembled atlas into a fresh SQLite file: schema, areas with their R-tree entries,
// designations, services, rules, postcodes and the manifest of sources it came from.
import Database from 'better-sqlite3';
import { LAYERS } from '../registry/layers.ts';
import { SCHEMA, SCHEMA_VERSION } from '../store/schema.ts';
import { appendixEntryWriter, ruleWriter } from '../store/tables/appendix.ts';
import { areaAttributesWriter } from '../store/tables/area-attributes.ts';
import { areaWriter } from '../store/tables/areas.ts';
import { districtWriter } from '../store/tables/districts.ts';
import { imdMixWriter } from '../store/tables/imd-mix.ts';
import { layerWriter } from '../store/tables/layers.ts';
import { lsoaPlaceWriter } from '../store/tables/lsoa-places.ts';
import { metaWriter } from '../store/tables/meta.ts';
import { outputAreaWriter } from '../store/tables/output-areas.ts';
import { postcodeWriter } from '../store/tables/postcodes.ts';
import { methodWriter, provisionWriter } from '../store/tables/provision-key.ts';
import { serviceWriter } from '../store/tables/services.ts';
import { sourceWriter } from '../store/tables/sources.ts';
import type { Assembled } from './assemble.ts';
import type { Curated, Source } from './curated.ts';
import type { PostcodeSource } from './postcodes.ts';
import { renderReport } from './report.ts';
import { startTiles, type TileStats } from './tiles.ts';

export interface LoadedSource extends Source {
  sha256: string;
  bytes: number;
  /** Size and modification time as hashed, so a start-up can skip re-hashing unchanged files. */
  stat: { bytes: number; mtimeMs: number; sha256: string };
}

export interface DatabaseContents {
  curated: Curated;
  sources: LoadedSource[];
  assembled: Assembled;
  /** Streamed straight into the table: read inside the write transaction, so a bad row aborts the build. */
  postcodes: PostcodeSource;
  inputsHash: string;
  geodataDir: string;
  /** Worker threads that cut the vector tiles while this thread writes the rest (0: cut them in this thread). */
  tileWorkers: number;
  /** Told as each phase of the write ends (build-database.ts times them). */
  mark?: (phase: string) => void;
}

/** Postcode rows written between two collections of finished tiles (a fraction of a second's work). */
const PUMP_EVERY_ROWS = 20_000;

/** Writes the file and returns how many postcodes it holds and what cutting its tiles took. */
export function writeDatabase(path: string, c: DatabaseContents): { postcodes: number; tiles: TileStats } {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
    // A new file renamed into place only once checked: a crash leaves a temporary file, never a half database,
    // so no fsync is needed. A 64 MB page cache holds the B-tree pages being written: the postcode file comes
    // grouped by postcode district (each replica copy in turn), so consecutive inserts touch the same few pages
    // of the index, and a larger cache (256 MB before) only added to the build's peak memory at England size.
    db.pragma('cache_size = -65536');
    db.exec(SCHEMA);
    const written = db.transaction(() => writeAll(db, c))();
    db.exec('ANALYZE');
    c.mark?.('commit and ANALYZE');
    return written;
  } finally {
    db.close();
  }
}

function writeAll(db: Database.Database, c: DatabaseContents): { postcodes: number; tiles: TileStats } {
  const { curated, assembled } = c;
  // Vector tiles are cut first (in workers, if any) and stored as they come, in the same transaction:
  // a failed cut leaves no database at all.
  const tiles = startTiles(db, assembled.areas, curated.districts, c.tileWorkers);
  try {
    const postcodes = writeRest(db, c, tiles.pump);
    c.mark?.('areas and postcodes (tiles cut alongside)');
    const stats = tiles.finish();
    metaWriter(db)('tile_stats', JSON.stringify(stats));
    c.mark?.('district outlines and the rest of the tiles');
    return { postcodes, tiles: stats };
  } finally {
    tiles.close();
  }
}

/** Every table but the tiles; `pump` stores the tiles cut so far, between the big steps. */
function writeRest(db: Database.Database, c: DatabaseContents, pump: () => void): number {
  const { curated, assembled } = c;
  const meta = metaWriter(db);
  meta('schema_version', String(SCHEMA_VERSION));
  meta('inputs_hash', c.inputsHash);
  meta('built_at', new Date().toISOString());
  const { expectedFeatures: _, ...covers } = curated.area;
  meta('area', JSON.stringify(covers));
  meta('county_population', String(assembled.stats.countyPopulation));
  meta('reconciliation', JSON.stringify(assembled.report));
  meta('reconciliation_md', renderReport(assembled.report));
  meta('build_stats', JSON.stringify(assembled.stats));
  meta('precedence', JSON.stringify(curated.precedence));
  meta('source_stats', JSON.stringify(Object.fromEntries(c.sources.map((s) => [s.file, s.stat]))));

  const method = methodWriter(db);
  for (const [m, info] of Object.entries(curated.methods)) method(m, info);
  const provision = provisionWriter(db);
  const p = curated.provision;
  for (const row of [p.countywide, p.otherCommunities, p.parishOnly, p.parishCouncil, ...p.successors]) provision(row);

  const source = sourceWriter(db);
  for (const s of c.sources) source(s);

  const district = districtWriter(db);
  for (const d of curated.districts) district(d);

  const service = serviceWriter(db);
  curated.services.forEach((s, i) => service(s, i));
  const rule = ruleWriter(db);
  for (const r of curated.ruleRows) rule(r);

  const entry = appendixEntryWriter(db);
  for (const e of curated.entries) entry(e);

  const layer = layerWriter(db);
  const area = areaWriter(db);
  const attributes = areaAttributesWriter(db);
  LAYERS.forEach((spec, ord) => {
    const areas = assembled.areas[spec.id];
    const bounds = areas.reduce((b, a) => [Math.min(b[0], a.bbox[0]), Math.min(b[1], a.bbox[1]), Math.max(b[2], a.bbox[2]), Math.max(b[3], a.bbox[3])], [180, 90, -180, -90]);
    layer(spec, ord, areas.length, bounds);
    for (const a of areas) attributes(area(spec.id, a), a);
    pump();
  });

  const lsoaPlace = lsoaPlaceWriter(db);
  for (const p of assembled.lsoaPlaces) lsoaPlace(p);
  const imdMix = imdMixWriter(db);
  for (const m of assembled.imdMix) imdMix(m);

  const outputArea = outputAreaWriter(db);
  for (const oa of assembled.outputAreas) outputArea(oa);

  const postcode = postcodeWriter(db);
  let postcodes = 0;
  let rows = 0;
  c.postcodes((p) => {
    postcodes += postcode(p);
    if (++rows % PUMP_EVERY_ROWS === 0) pump();
  });
  return postcodes;
}
