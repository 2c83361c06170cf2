// Cutting one tile job: a tileset's features that reach one z6 tile, cut by geojson-vt down to the
// deepest zoom and encoded as gzip-compressed Mapbox Vector Tiles. Pure work on its input, shared by
// the build's own thread and the tile worker threads (tile-cutters.ts), so neither imports the other.
import { gzipSync } from 'node:zlib';
import type { Feature, Geometry } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { BBox } from '../geo/tile-math.ts';
import { sourceLayerMinZoom, TILE_EXTENT, TILE_MAX_ZOOM, TILE_MIN_ZOOM, type TilesetId } from '../registry/tilesets.ts';

/**
 * zlib level 9 for the stored tiles: they are compressed once at build and sent many times. Measured
 * on the 3,428 tiles of k=16 (19.5 MB of MVT): level 9 gives 12.61 MB in 0.53-0.55 s of CPU, level 6
 * 12.62 MB in 0.48-0.51 s, level 1 12.86 MB in 0.48 s. Vector tiles are mostly varint-packed geometry,
 * which deflate barely shrinks at any level, so the level moves neither size nor time much; 9 keeps
 * the smallest tiles (and the bytes of earlier builds) for about 1% of the build's CPU.
 */
export const TILE_GZIP_LEVEL = 9;

export type Props = Record<string, string | number>;
/** A feature as a job carries it: geometry as JSON text (what the database stores), parsed only inside the job. */
export interface TileFeature {
  geometry: string;
  properties: Props;
  bbox: BBox;
}

/** One tileset's features that reach one z6 tile (with geojson-vt's buffer), by source layer. */
export interface TileJob {
  tileset: TilesetId;
  x: number;
  y: number;
  layers: Record<string, TileFeature[]>;
}

export interface CutTile {
  z: number;
  x: number;
  y: number;
  /** The tile, gzip-compressed as stored and served. */
  data: Uint8Array;
}

const GEOJSON_VT_OPTIONS = { maxZoom: TILE_MAX_ZOOM, indexMaxZoom: TILE_MIN_ZOOM, extent: TILE_EXTENT, buffer: 64, tolerance: 3 };

/** geojson-vt's own key for its tile cache (index.js toID). */
const tileId = (z: number, x: number, y: number) => ((1 << z) * y + x) * 32 + z;

/**
 * Cuts one job's z6 tile and every tile below it down to TILE_MAX_ZOOM: one geojson-vt index per
 * source layer, descended depth first. A tile with no features (after simplification) is not
 * returned, and a tile no feature reaches is not descended into. geojson-vt keeps every tile it
 * makes; each one is dropped from its cache once its subtree is written, so memory holds one path
 * down the tree (and its siblings' clipped sources), not the whole pyramid.
 */
export function cutJob(job: TileJob): CutTile[] {
  const indexes = Object.entries(job.layers)
    .filter(([, features]) => features.length)
    .map(([name, features]) => {
      // Each geometry is parsed when geojson-vt reads it (once, to project it into its own typed arrays),
      // so only one area's coordinates exist as JavaScript arrays at a time, not the whole job's.
      const lazy = features.map((f): Feature<Geometry, Props> => ({
        type: 'Feature',
        properties: f.properties,
        get geometry() {
          return JSON.parse(f.geometry) as Geometry;
        },
      }));
      return [name, new GeoJSONVT({ type: 'FeatureCollection', features: lazy }, GEOJSON_VT_OPTIONS)] as const;
    });
  const out: CutTile[] = [];
  const descend = (z: number, x: number, y: number) => {
    const cut = indexes.map(([name, index]) => [name, index.getTile(z, x, y)] as const);
    if (cut.every(([, tile]) => !tile)) return;
    // A source layer below its own minimum zoom still leads the way down, but is not written.
    const withFeatures = Object.fromEntries(cut.filter(([name, tile]) => tile && tile.features.length && z >= sourceLayerMinZoom(name)));
    if (Object.keys(withFeatures).length) out.push({ z, x, y, data: gzipSync(vtpbf.fromGeojsonVt(withFeatures, { version: 2, extent: TILE_EXTENT }), { level: TILE_GZIP_LEVEL }) });
    if (z < TILE_MAX_ZOOM) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) descend(z + 1, x * 2 + dx, y * 2 + dy);
    for (const [, index] of indexes) delete (index as unknown as { tiles: Record<number, unknown> }).tiles[tileId(z, x, y)];
  };
  descend(TILE_MIN_ZOOM, job.x, job.y);
  return out;
}
