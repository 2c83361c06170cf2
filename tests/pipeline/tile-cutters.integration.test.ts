// Vector tiles cut in worker threads (server/pipeline/tile-cutters.ts) while the build thread writes
// the rest: the county built with two tile workers stores exactly the tiles, tilesets and district
// outlines of the county built with none, and a job that fails in a worker fails the cut with the
// tileset and z6 tile named, instead of leaving the build waiting.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../server/pipeline/build-database.ts';
import { TileCutters } from '../../server/pipeline/tile-cutters.ts';
import type { CutTile, TileJob } from '../../server/pipeline/tile-cut.ts';
import { CURATED_DIR, GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

const rows = (path: string, sql: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

let inThread: string;
let inWorkers: string;

beforeAll(() => {
  const dir = tempDir('tile-cutters');
  inThread = buildDatabase({ geodataDir: GEODATA_DIR, curatedDir: CURATED_DIR, dbPath: join(dir, 'thread.sqlite'), tileWorkers: 0 }).dbPath;
  inWorkers = buildDatabase({ geodataDir: GEODATA_DIR, curatedDir: CURATED_DIR, dbPath: join(dir, 'workers.sqlite'), tileWorkers: 2 }).dbPath;
}, 120_000);

describe('tiles cut in worker threads', () => {
  it('are the very bytes the build thread cuts, for every tileset, zoom and tile', () => {
    const tiles = 'SELECT layer, z, x, y, data FROM tiles ORDER BY layer, z, x, y';
    const fromWorkers = rows(inWorkers, tiles) as { data: Buffer }[];
    expect(fromWorkers.length).toBeGreaterThan(200);
    expect(fromWorkers).toEqual(rows(inThread, tiles));
    for (const table of ['tilesets ORDER BY id', 'district_outlines ORDER BY code']) expect(rows(inWorkers, `SELECT * FROM ${table}`)).toEqual(rows(inThread, `SELECT * FROM ${table}`));
  });

  it('fail the cut with the tileset and z6 tile named when a job fails in a worker', () => {
    const good: TileJob = {
      tileset: 'parishes',
      x: 31,
      y: 20,
      layers: { areas: [{ geometry: '{"type":"Point","coordinates":[-1.1,52.6]}', properties: { code: 'E04000001' }, bbox: [-1.1, 52.6, -1.1, 52.6] }] },
    };
    const bad: TileJob = { ...good, tileset: 'wards', layers: { areas: [{ ...good.layers.areas[0], geometry: '{"type":"Point",' }] } };
    const cutters = new TileCutters([good, bad], 1);
    const done: [TileJob, CutTile[]][] = [];
    try {
      expect(() => cutters.finish((job, tiles) => done.push([job, tiles]))).toThrow(/wards tiles under z6 tile 31\/20 failed: SyntaxError/);
    } finally {
      cutters.close();
    }
    // The good job came back first, with one tile per zoom from 6 to 11.
    expect(done.map(([job, tiles]) => [job.tileset, tiles.map((t) => t.z)])).toEqual([['parishes', [6, 7, 8, 9, 10, 11]]]);
  });
});
