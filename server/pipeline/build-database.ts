// The build: read and validate every source, assemble the atlas, write it to a new SQLite file,
// check that file, and only then rename it over the previous database. Any failure leaves the
// previous database exactly as it was.
import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LAYERS, type LayerId } from '../registry/layers.ts';
import { assemble, type Assembled } from './assemble.ts';
import { boundsOf, readBoundaryLayer, type BoundaryArea } from './boundaries.ts';
import { readLsoaContext } from './context.ts';
import { loadCurated, loadSources, type Source } from './curated.ts';
import { BuildError } from '../formats/build-error.ts';
import { inputsFingerprint, sha256, sourceStat, type SourceStats } from './fingerprint.ts';
import { readOutputAreas } from './output-areas.ts';
import { PhaseClock, type BuildPhase } from './phases.ts';
import { postcodeSource } from './postcodes.ts';
import { placeBuiltinRegisters } from '../registers/builtin-placements.ts';
import { recordSound } from '../store/integrity.ts';
import { indexedTally, layerTally, withoutImd } from '../store/tables/areas.ts';
import { metaValue } from '../store/tables/meta.ts';
import { outputAreaTally } from '../store/tables/output-areas.ts';
import { renderReport } from './report.ts';
import type { TileStats } from './tiles.ts';
import { writeDatabase, type LoadedSource } from './write-database.ts';

export interface BuildOptions {
  geodataDir: string;
  curatedDir: string;
  dbPath: string;
  /** Worker threads cutting vector tiles; by default one per core (up to 4) once the boundaries pass 16 MB, none below. */
  tileWorkers?: number;
}

export interface BuildResult {
  dbPath: string;
  reportPath: string;
  inputsHash: string;
  assembled: Assembled;
  postcodes: number;
  bytes: number;
  ms: number;
  /** Time, CPU and memory by phase. */
  phases: BuildPhase[];
  tiles: TileStats;
}

export function sourceFiles(curatedDir: string): string[] {
  try {
    return loadSources(curatedDir).map((s) => s.file);
  } catch {
    return [];
  }
}

/** The fingerprint of the inputs now; with the current database's path, source files unchanged since its build are not re-read. */
export function currentFingerprint(geodataDir: string, curatedDir: string, dbPath?: string): string {
  return inputsFingerprint(geodataDir, curatedDir, sourceFiles(curatedDir), dbPath ? builtSourceStats(dbPath) : {});
}

function builtSourceStats(dbPath: string): SourceStats {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const stats = metaValue(db, 'source_stats');
      return stats ? (JSON.parse(stats) as SourceStats) : {};
    } finally {
      db.close();
    }
  } catch {
    return {};
  }
}

function sourceById(sources: Source[], id: string): Source {
  const s = sources.find((x) => x.id === id);
  if (!s) throw new BuildError('geodata/sources.json', null, `has no source with id "${id}"`);
  return s;
}

function loadSourceFiles(geodataDir: string, sources: Source[]): LoadedSource[] {
  return sources.map((s) => {
    let content: Buffer;
    try {
      content = readFileSync(join(geodataDir, s.file));
    } catch {
      throw new BuildError(s.file, null, `file is missing from GEODATA_DIR (${geodataDir}); see geodata/sources.json for where to download it`);
    }
    const sha = sha256(content);
    return { ...s, sha256: sha, bytes: content.length, stat: sourceStat(join(geodataDir, s.file), sha) };
  });
}

/** Re-opens the written file and checks it independently of the code that wrote it. */
function verify(path: string, assembled: Assembled, expected: Record<LayerId, number>) {
  const db = new Database(path, { readonly: true });
  const fail = (problem: string): never => {
    throw new BuildError(path, null, `check failed: ${problem}`);
  };
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') fail(`integrity_check says ${integrity}`);
    const total = assembled.stats.countyPopulation;
    for (const spec of LAYERS) {
      const row = layerTally(db, spec.id);
      if (row.n !== expected[spec.id]) fail(`${spec.id} has ${row.n} areas, expected ${expected[spec.id]}`);
      if (row.pop !== total) fail(`${spec.id} population sums to ${row.pop}, not the county total ${total}`);
    }
    const { areas, indexed } = indexedTally(db);
    if (areas !== indexed) fail(`R-tree holds ${indexed} entries for ${areas} areas`);
    const oas = outputAreaTally(db);
    if (oas.n !== assembled.outputAreas.length || oas.pop !== total) fail(`output_areas holds ${oas.n} Output Areas of ${oas.pop} residents, expected ${assembled.outputAreas.length} of ${total}`);
    const noImd = withoutImd(db, 'lsoas');
    if (noImd > 0) fail(`${noImd} LSOAs have no IMD decile`);
  } finally {
    db.close();
  }
}

function writeAtomically(path: string, text: string) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Below this much boundary geometry (the county is about 4 MB) starting worker threads costs more
 * than the tiles they would cut; above it, tiles are cut on every core while this thread writes.
 */
const TILE_WORKERS_FROM_BYTES = 16e6;
const MAX_TILE_WORKERS = 4;

function defaultTileWorkers(boundaries: Record<LayerId, BoundaryArea[]>): number {
  let bytes = 0;
  for (const areas of Object.values(boundaries)) for (const a of areas) bytes += a.geometryJson.length;
  return bytes < TILE_WORKERS_FROM_BYTES ? 0 : Math.min(MAX_TILE_WORKERS, availableParallelism());
}

export function buildDatabase({ geodataDir, curatedDir, dbPath, tileWorkers }: BuildOptions): BuildResult {
  const started = performance.now();
  const clock = new PhaseClock();
  const curated = loadCurated(curatedDir);
  const sources = loadSourceFiles(geodataDir, curated.sources);
  clock.mark('curated data and source hashes');
  const boundaries = {} as Record<LayerId, BoundaryArea[]>;
  for (const spec of LAYERS) boundaries[spec.id] = readBoundaryLayer(spec, geodataDir, sourceById(curated.sources, spec.sourceId).file, curated.districts, curated.area);
  clock.mark('boundaries');

  const oaFile = sourceById(curated.sources, 'output-areas').file;
  const oas = readOutputAreas(geodataDir, oaFile, boundsOf(Object.values(boundaries)));
  const lsoaCodes = new Set(boundaries.lsoas.map((a) => a.code));
  const context = readLsoaContext(geodataDir, sourceById(curated.sources, 'imd-2025').file, sourceById(curated.sources, 'cni-2023').file, lsoaCodes);
  clock.mark('Output Areas and LSOA indicators');
  const assembled = assemble(curated, boundaries, oas, context, oaFile);
  const inputsHash = inputsFingerprint(geodataDir, curatedDir, curated.sources.map((s) => s.file));
  clock.mark('assembly');

  mkdirSync(dirname(dbPath), { recursive: true });
  const tmp = `${dbPath}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  let postcodes: number;
  let tiles: TileStats;
  try {
    const postcodeFile = sourceById(curated.sources, 'postcodes').file;
    ({ postcodes, tiles } = writeDatabase(tmp, { curated, sources, assembled, postcodes: postcodeSource(geodataDir, postcodeFile), inputsHash, geodataDir,
      tileWorkers: tileWorkers ?? defaultTileWorkers(boundaries), mark: (phase) => clock.mark(phase) }));
    placeBuiltinRegisters(tmp, geodataDir);
    clock.mark('built-in registers placed');
    verify(tmp, assembled, curated.area.expectedFeatures);
    clock.mark('check');
    renameSync(tmp, dbPath);
    recordSound(dbPath); // verify ran integrity_check on this very file: a start need not check it again
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  const reportPath = join(dirname(dbPath), 'reconciliation.md');
  writeAtomically(reportPath, renderReport(assembled.report));
  return {
    dbPath,
    reportPath,
    inputsHash,
    assembled,
    postcodes,
    bytes: statSync(dbPath).size,
    ms: Math.round(performance.now() - started),
    phases: clock.phases,
    tiles,
  };
}
