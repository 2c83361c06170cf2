// The build step that writes vector tiles into the database: every layer's areas (and their label
// points) and the district outlines, cut by geojson-vt, encoded as Mapbox Vector Tiles by vt-pbf and
// stored gzip-compressed by address, like MBTiles (server/store/tables/tiles.ts). The work is split into jobs,
// one per tileset and z6 tile, each carrying only the features that reach its tile (geometry as the
// stored JSON text, parsed by the job itself); jobs run in worker threads (tile-cutters.ts) while the
// build's own thread writes the rest of the database, or in that thread for a small area.
import type Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import { LAYERS } from '../registry/layers.ts';
import { TILES_DDL, tileWriters } from '../store/tables/tiles.ts';
import { districtOutlines } from './district-outlines.ts';
import { intersects, tileBBox, tilesCovering, type BBox } from '../geo/tile-math.ts';
import { DISTRICT_OUTLINES_FROM, SOURCE_LAYERS, TILE_MAX_ZOOM, TILE_MIN_ZOOM, type TilesetId } from '../registry/tilesets.ts';
import type { AtlasArea } from './assemble.ts';
import { geometryOf } from './boundaries.ts';
import { TileCutters } from './tile-cutters.ts';
import { type CutTile, type Props as TileProps, type TileFeature, type TileJob } from './tile-cut.ts';

type Props = TileProps;

/** Null and undefined properties are left out of the tile rather than written as empty values. */
const present = (props: Record<string, string | number | null | undefined>): Props =>
  Object.fromEntries(Object.entries(props).filter(([, v]) => v != null)) as Props;

export interface TileStats {
  tiles: number;
  bytes: number;
  ms: number;
  /** Tile worker threads, and the largest heap one of them reported (MB). */
  workers: number;
  workerHeapMB: number;
}

function union(bboxes: Iterable<BBox>): BBox {
  const b: BBox = [180, 90, -180, -90];
  for (const x of bboxes) {
    if (x[0] < b[0]) b[0] = x[0];
    if (x[1] < b[1]) b[1] = x[1];
    if (x[2] > b[2]) b[2] = x[2];
    if (x[3] > b[3]) b[3] = x[3];
  }
  return b;
}

function bboxOf(g: Geometry): BBox {
  const b: BBox = [180, 90, -180, -90];
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[];
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    } else for (const inner of c as unknown[]) visit(inner);
  };
  if ('coordinates' in g) visit(g.coordinates);
  return b;
}

/** A tileset's features by source layer, before they are split into jobs. */
type TilesetSource = Record<string, TileFeature[]>;

function areaSource(areas: readonly AtlasArea[]): TilesetSource {
  return {
    [SOURCE_LAYERS.areas]: areas.map((a) => ({
      bbox: a.bbox as BBox,
      geometry: a.geometryJson,
      // Only what the map reads from an area's polygon (server/registry/tilesets.ts): population
      // (label order) is on the label points, and the CNI classes are quantiles joined by code.
      properties: present({
        code: a.code, name: a.name, district_code: a.districtCode,
        category: a.category, category_extent: a.categoryExtent, category_share: a.categoryShare,
        imd_decile: a.context?.imdDecile,
      }),
    })),
    [SOURCE_LAYERS.labels]: areas.map((a) => ({
      bbox: [a.label[0], a.label[1], a.label[0], a.label[1]],
      geometry: JSON.stringify({ type: 'Point', coordinates: a.label }),
      properties: present({ code: a.code, name: a.name, population: a.population }),
    })),
  };
}

/** A tileset's jobs: one per z6 tile its features reach, each with the features within geojson-vt's buffer of it. */
function jobsOf(tileset: TilesetId, source: TilesetSource): TileJob[] {
  const all = Object.values(source).flat();
  if (!all.length) return [];
  return tilesCovering(union(all.map((f) => f.bbox)), TILE_MIN_ZOOM).flatMap(({ x, y }) => {
    const t = tileBBox(TILE_MIN_ZOOM, x, y);
    const margin = (t[2] - t[0]) * 0.02; // geojson-vt's 64-unit buffer is 1.6% of a tile
    const around: BBox = [t[0] - margin, t[1] - margin, t[2] + margin, t[3] + margin];
    const layers = Object.fromEntries(Object.entries(source).map(([name, features]) => [name, features.filter((f) => intersects(f.bbox, around))]));
    return Object.values(layers).some((f) => f.length) ? [{ tileset, x, y, layers }] : [];
  });
}

const jobCost = (job: TileJob) => Object.values(job.layers).reduce((sum, features) => sum + features.reduce((n, f) => n + f.geometry.length, 0), 0);

/**
 * Starts cutting every layer's tiles (in workers, if any) and returns how to collect them: pump()
 * stores what is ready without waiting, finish() cuts the district outlines' tiles too, waits for the
 * rest and writes the tilesets. The caller runs both inside the build's transaction, and close()s in
 * any case so no worker outlives a failed build.
 */
export function startTiles(
  db: Database.Database,
  areas: Readonly<Record<string, readonly AtlasArea[]>>,
  districts: readonly { code: string; name: string }[],
  workers: number,
): { pump: () => void; finish: () => TileStats; close: () => void } {
  const started = performance.now();
  db.exec(TILES_DDL);
  const write = tileWriters(db);
  const counts = new Map<TilesetId, { tiles: number; bytes: number }>();
  const store = (job: TileJob, tiles: CutTile[]) => {
    const c = counts.get(job.tileset) ?? { tiles: 0, bytes: 0 };
    for (const t of tiles) {
      write.tile(job.tileset, t.z, t.x, t.y, t.data);
      c.tiles++;
      c.bytes += t.data.length;
    }
    counts.set(job.tileset, c);
  };
  const bounds = new Map<TilesetId, BBox>();
  const jobs: TileJob[] = [];
  for (const spec of LAYERS) {
    const source = areaSource(areas[spec.id]);
    bounds.set(spec.id, union(Object.values(source).flat().map((f) => f.bbox)));
    jobs.push(...jobsOf(spec.id, source));
  }
  // Biggest first, so the last jobs to finish are small and the workers end together.
  const cutters = new TileCutters(jobs.map((job) => ({ job, cost: jobCost(job) })).sort((a, b) => b.cost - a.cost).map((j) => j.job), workers);
  return {
    pump: () => cutters.pump(store),
    finish: () => {
      // LSOAs nest exactly in districts and cover the whole area, so their outer edges are the districts'.
      // Each LSOA is parsed as the outlines reach it, not the whole layer at once (half a gigabyte at England size).
      const lsoas = areas[DISTRICT_OUTLINES_FROM].map((a) => ({
        districtCode: a.districtCode,
        get geometry() {
          return geometryOf(a);
        },
      }));
      const lines = districtOutlines(lsoas, districts);
      const source = { [SOURCE_LAYERS.districts]: lines.map((f) => ({ geometry: JSON.stringify(f.geometry), properties: f.properties, bbox: bboxOf(f.geometry) })) };
      for (const f of source.districts) write.outline(f.properties.code, f.properties.name, f.geometry);
      bounds.set('districts', union(source.districts.map((f) => f.bbox)));
      cutters.add(jobsOf('districts', source));
      cutters.finish(store);
      const stats: TileStats = { tiles: 0, bytes: 0, ms: 0, workers, workerHeapMB: cutters.workerHeapMB };
      for (const [id, box] of bounds) {
        const c = counts.get(id) ?? { tiles: 0, bytes: 0 };
        write.tileset({ id, minzoom: TILE_MIN_ZOOM, maxzoom: TILE_MAX_ZOOM, bounds: box, tiles: c.tiles, bytes: c.bytes });
        stats.tiles += c.tiles;
        stats.bytes += c.bytes;
      }
      stats.ms = Math.round(performance.now() - started);
      return stats;
    },
    close: () => cutters.close(),
  };
}
