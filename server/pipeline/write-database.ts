// Writes an assembled atlas into a fresh SQLite file: schema, areas with their R-tree entries,
// designations, services, rules, postcodes and the manifest of sources it came from.
import Database from 'better-sqlite3';
import { SERVICE_IDS } from '../domain/vocabulary.ts';
import { LAYERS } from '../registry/layers.ts';
import { SCHEMA, SCHEMA_VERSION } from '../store/schema.ts';
import { reachLetters } from '../store/reach-letters.ts';
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
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('tile_stats', JSON.stringify(stats));
    c.mark?.('district outlines and the rest of the tiles');
    return { postcodes, tiles: stats };
  } finally {
    tiles.close();
  }
}

/** Every table but the tiles; `pump` stores the tiles cut so far, between the big steps. */
function writeRest(db: Database.Database, c: DatabaseContents, pump: () => void): number {
  const { curated, assembled } = c;
  const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  meta.run('schema_version', String(SCHEMA_VERSION));
  meta.run('inputs_hash', c.inputsHash);
  meta.run('built_at', new Date().toISOString());
  const { expectedFeatures: _, ...covers } = curated.area;
  meta.run('area', JSON.stringify(covers));
  meta.run('county_population', String(assembled.stats.countyPopulation));
  meta.run('reconciliation', JSON.stringify(assembled.report));
  meta.run('reconciliation_md', renderReport(assembled.report));
  meta.run('build_stats', JSON.stringify(assembled.stats));
  meta.run('precedence', JSON.stringify(curated.precedence));
  meta.run('source_stats', JSON.stringify(Object.fromEntries(c.sources.map((s) => [s.file, s.stat]))));

  const method = db.prepare('INSERT INTO methods VALUES (?, ?, ?, ?)');
  for (const [m, info] of Object.entries(curated.methods)) method.run(m, info.confidence, info.lowerConfidence ? 1 : 0, info.description);
  const provision = db.prepare('INSERT INTO provisions VALUES (?, ?, ?, ?, ?)');
  const p = curated.provision;
  for (const row of [p.countywide, p.otherCommunities, p.parishOnly, p.parishCouncil, ...p.successors]) provision.run(row.id, row.kind, row.label, JSON.stringify(row.services), row.evidence);

  const source = db.prepare(`INSERT INTO sources VALUES (@id, @file, @sha256, @bytes, @title, @vintage, @publisher, @licence,
    @licence_url, @attribution, @official_download, @feeds, @caveat)`);
  for (const { stat: _, ...s } of c.sources) source.run({ ...s, caveat: s.caveat ?? null });

  const district = db.prepare('INSERT INTO districts VALUES (?, ?)');
  for (const d of curated.districts) district.run(d.code, d.name);

  const service = db.prepare('INSERT INTO services VALUES (?, ?, ?, ?, ?, ?, ?)');
  curated.services.forEach((s, i) => service.run(s.id, i, s.short_name, s.gis_key, s.name, s.key_text, s.description));
  const rule = db.prepare('INSERT INTO rules VALUES (?, ?, ?, ?)');
  for (const r of curated.ruleRows) rule.run(r.table, r.category, r.rowLabel, JSON.stringify(r.services));

  const entry = db.prepare('INSERT INTO appendix_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const e of curated.entries)
    entry.run(e.id, e.table, e.category, e.listedAs, e.extent, e.layer, e.codes.join(' '), e.areas.join('; '), e.method, e.note);

  const layer = db.prepare('INSERT INTO layers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const area = db.prepare(`INSERT INTO areas (layer, code, name, district_code, geometry_type, geometry, geometry_source,
    min_lon, min_lat, max_lon, max_lat, label_lon, label_lat, centroid_lon, centroid_lat, population, category, category_extent, category_share, category_share_at_least,
    imd_decile, imd_rank, imd_score, cni_score, cni_rank, left_behind)
    VALUES (@layer, @code, @name, @district_code, @geometry_type, @geometry, @geometry_source, @min_lon, @min_lat, @max_lon, @max_lat,
    @label_lon, @label_lat, @centroid_lon, @centroid_lat, @population, @category, @category_extent, @category_share, @category_share_at_least,
    @imd_decile, @imd_rank, @imd_score, @cni_score, @cni_rank, @left_behind)`);
  const rtree = db.prepare('INSERT INTO area_rtree VALUES (?, ?, ?, ?, ?)');
  const designation = db.prepare('INSERT INTO area_designations VALUES (?, ?, ?, ?, ?, ?, ?)');
  const areaProvision = db.prepare('INSERT INTO area_provisions VALUES (?, ?, ?, ?, ?)');
  const areaService = db.prepare('INSERT INTO area_services VALUES (?, ?, ?, ?, ?, ?)');

  LAYERS.forEach((spec, ord) => {
    const areas = assembled.areas[spec.id];
    const bounds = areas.reduce((b, a) => [Math.min(b[0], a.bbox[0]), Math.min(b[1], a.bbox[1]), Math.max(b[2], a.bbox[2]), Math.max(b[3], a.bbox[3])], [180, 90, -180, -90]);
    layer.run(spec.id, ord, spec.title, spec.description, spec.sourceId, areas.length, spec.population, spec.historical ? 1 : 0, ...bounds);
    for (const a of areas) {
      const id = Number(
        area.run({
          layer: spec.id,
          code: a.code,
          name: a.name,
          district_code: a.districtCode,
          geometry_type: a.geometryType,
          geometry: a.geometryJson,
          geometry_source: a.geometrySource,
          min_lon: a.bbox[0],
          min_lat: a.bbox[1],
          max_lon: a.bbox[2],
          max_lat: a.bbox[3],
          label_lon: a.label[0],
          label_lat: a.label[1],
          centroid_lon: a.centroid[0],
          centroid_lat: a.centroid[1],
          population: a.population,
          category: a.category,
          category_extent: a.categoryExtent,
          category_share: a.categoryShare,
          category_share_at_least: a.categoryShareAtLeast ? 1 : 0,
          imd_decile: a.context?.imdDecile ?? null,
          imd_rank: a.context?.imdRank ?? null,
          imd_score: a.context?.imdScore ?? null,
          cni_score: a.context?.cniScore ?? null,
          cni_rank: a.context?.cniRank ?? null,
          left_behind: a.context?.leftBehind == null ? null : a.context.leftBehind ? 1 : 0,
        }).lastInsertRowid,
      );
      rtree.run(id, a.bbox[0], a.bbox[2], a.bbox[1], a.bbox[3]);
      for (const d of a.designations) designation.run(id, d.entryId, d.extent, d.share, JSON.stringify(d.via), d.method, d.confidence);
      for (const p of a.provisions) areaProvision.run(id, p.id, JSON.stringify(p.services), p.extent, p.share);
      for (const s of SERVICE_IDS) areaService.run(id, s, a.services[s].extent, a.services[s].share, a.services[s].withheldUnparished ? 1 : 0, a.services[s].shareAtLeast ? 1 : 0);
    }
    pump();
  });

  const lsoaPlace = db.prepare('INSERT INTO lsoa_places VALUES (?, ?, ?, ?)');
  for (const p of assembled.lsoaPlaces) lsoaPlace.run(p.lsoa, p.layer, p.code, p.share);
  const imdMix = db.prepare('INSERT INTO area_imd_mix VALUES (?, ?, ?)');
  for (const m of assembled.imdMix) imdMix.run(m.layer, m.code, JSON.stringify(m.mix));

  const outputArea = db.prepare('INSERT INTO output_areas VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const oa of assembled.outputAreas) {
    const r = reachLetters(oa.reach);
    outputArea.run(oa.code, oa.lsoa, oa.district, oa.population, oa.centroid[0], oa.centroid[1], JSON.stringify(oa.areas), r.services, r.withheld, r.categories);
  }

  const postcode = db.prepare('INSERT OR IGNORE INTO postcodes VALUES (?, ?, ?, ?)');
  let postcodes = 0;
  let rows = 0;
  c.postcodes((p) => {
    postcodes += postcode.run(p.key, p.postcode, p.lon, p.lat).changes;
    if (++rows % PUMP_EVERY_ROWS === 0) pump();
  });
  return postcodes;
}
