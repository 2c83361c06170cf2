// The build step that writes vector tiles into the database, inside the build's transaction: every
// layer's areas (and their label points) and the district outlines, cut by geojson-vt, encoded as
// Mapbox Vector Tiles by vt-pbf and stored gzip-compressed in tiles(layer, z, x, y, data), like MBTiles.
// Tiling runs one layer and one z6 tile at a time, parsing each layer's stored geometry only for its
// turn, so memory is bounded by the densest region, not the country.
import { gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Feature, Geometry } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { LAYERS } from '../layers.ts';
import { districtOutlines } from '../tiles/district-outlines.ts';
import { intersects, tileBBox, tilesCovering, type BBox } from '../tiles/tile-math.ts';
import { SOURCE_LAYERS, sourceLayerMinZoom, TILE_EXTENT, TILE_MAX_ZOOM, TILE_MIN_ZOOM, type TilesetId } from '../tiles/tilesets.ts';
import type { AtlasArea } from './assemble.ts';
import { geometryOf } from './boundaries.ts';

export const TILES_SCHEMA = `
-- Vector tiles (gzip-compressed Mapbox Vector Tiles), XYZ addressing; tiles with no feature are not stored.
CREATE TABLE tiles (layer TEXT NOT NULL, z INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (layer, z, x, y)) WITHOUT ROWID;
CREATE TABLE tilesets (id TEXT PRIMARY KEY, minzoom INTEGER NOT NULL, maxzoom INTEGER NOT NULL,
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL, tiles INTEGER NOT NULL, bytes INTEGER NOT NULL);
-- District outlines built from the LSOAs (which nest in districts): one MultiLineString per district.
CREATE TABLE district_outlines (code TEXT PRIMARY KEY, name TEXT NOT NULL, geometry TEXT NOT NULL);
`;

type Props = Record<string, string | number>;
type SourceFeature = { feature: Feature<Geometry, Props>; bbox: BBox };

export interface TileStats {
  tiles: number;
  bytes: number;
  ms: number;
}

/** Null and undefined properties are left out of the tile rather than written as empty values. */
const present = (props: Record<string, string | number | null | undefined>): Props =>
  Object.fromEntries(Object.entries(props).filter(([, v]) => v != null)) as Props;

function areaFeatures(areas: readonly AtlasArea[]): { areas: SourceFeature[]; labels: SourceFeature[] } {
  return {
    areas: areas.map((a) => ({
      bbox: a.bbox as BBox,
      feature: {
        type: 'Feature',
        geometry: geometryOf(a),
        // Only what the map reads from an area's polygon (server/tiles/tilesets.ts): population
        // (label order) is on the label points, and the CNI classes are quantiles joined by code.
        properties: present({
          code: a.code, name: a.name, district_code: a.districtCode,
          category: a.category, category_extent: a.categoryExtent, category_share: a.categoryShare,
          imd_decile: a.context?.imdDecile,
        }),
      },
    })),
    labels: areas.map((a) => ({
      bbox: [a.label[0], a.label[1], a.label[0], a.label[1]],
      feature: { type: 'Feature', geometry: { type: 'Point', coordinates: a.label }, properties: present({ code: a.code, name: a.name, population: a.population }) },
    })),
  };
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

function union(bboxes: readonly BBox[]): BBox {
  const b: BBox = [180, 90, -180, -90];
  for (const x of bboxes) {
    b[0] = Math.min(b[0], x[0]);
    b[1] = Math.min(b[1], x[1]);
    b[2] = Math.max(b[2], x[2]);
    b[3] = Math.max(b[3], x[3]);
  }
  return b;
}

/**
 * Cuts source layers into tiles from TILE_MIN_ZOOM to TILE_MAX_ZOOM and hands each non-empty tile,
 * encoded, to `emit`. One geojson-vt index per source layer per z6 tile; a tile with no features
 * (after simplification) is not emitted, and a tile no feature reaches is not descended into.
 */
export function cutTiles(layers: Record<string, SourceFeature[]>, emit: (z: number, x: number, y: number, pbf: Uint8Array) => void): void {
  const all = Object.values(layers).flat();
  if (!all.length) return;
  for (const { x, y } of tilesCovering(union(all.map((f) => f.bbox)), TILE_MIN_ZOOM)) {
    const t = tileBBox(TILE_MIN_ZOOM, x, y);
    const margin = (t[2] - t[0]) * 0.02; // geojson-vt's 64-unit buffer is 1.6% of a tile
    const around: BBox = [t[0] - margin, t[1] - margin, t[2] + margin, t[3] + margin];
    const indexes = Object.entries(layers)
      .map(([name, features]) => [name, features.filter((f) => intersects(f.bbox, around)).map((f) => f.feature)] as const)
      .filter(([, features]) => features.length)
      .map(([name, features]) => [name, new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: TILE_MAX_ZOOM, indexMaxZoom: TILE_MIN_ZOOM, extent: TILE_EXTENT, buffer: 64, tolerance: 3 })] as const);
    if (!indexes.length) continue;
    const descend = (z: number, tx: number, ty: number) => {
      const cut = indexes.map(([name, index]) => [name, index.getTile(z, tx, ty)] as const);
      // A source layer below its own minimum zoom still leads the way down, but is not written.
      const written = cut.map(([name, tile]) => [name, z >= sourceLayerMinZoom(name) ? tile : null] as const);
      if (cut.every(([, tile]) => !tile)) return;
      const withFeatures = Object.fromEntries(written.filter(([, tile]) => tile && tile.features.length));
      if (Object.keys(withFeatures).length) emit(z, tx, ty, vtpbf.fromGeojsonVt(withFeatures, { version: 2, extent: TILE_EXTENT }));
      if (z < TILE_MAX_ZOOM) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) descend(z + 1, tx * 2 + dx, ty * 2 + dy);
    };
    descend(TILE_MIN_ZOOM, x, y);
  }
}

/** Writes the tilesets and district outlines; the caller runs this inside the build's transaction. */
export function writeTiles(
  db: Database.Database,
  areas: Readonly<Record<string, readonly AtlasArea[]>>,
  districts: readonly { code: string; name: string }[],
): TileStats {
  const started = performance.now();
  db.exec(TILES_SCHEMA);
  const tile = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?, ?)');
  const tileset = db.prepare('INSERT INTO tilesets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const outline = db.prepare('INSERT INTO district_outlines VALUES (?, ?, ?)');
  const stats: TileStats = { tiles: 0, bytes: 0, ms: 0 };

  const write = (id: TilesetId, layers: Record<string, SourceFeature[]>) => {
    let tiles = 0;
    let bytes = 0;
    cutTiles(layers, (z, x, y, pbf) => {
      const data = gzipSync(pbf, { level: 9 });
      tile.run(id, z, x, y, data);
      tiles++;
      bytes += data.length;
    });
    tileset.run(id, TILE_MIN_ZOOM, TILE_MAX_ZOOM, ...union(Object.values(layers).flat().map((f) => f.bbox)), tiles, bytes);
    stats.tiles += tiles;
    stats.bytes += bytes;
  };

  for (const spec of LAYERS) {
    const f = areaFeatures(areas[spec.id]);
    write(spec.id, { [SOURCE_LAYERS.areas]: f.areas, [SOURCE_LAYERS.labels]: f.labels });
  }
  // LSOAs nest exactly in districts and cover the whole area, so their outer edges are the districts'.
  const lines = districtOutlines(areas.lsoas.map((a) => ({ districtCode: a.districtCode, geometry: geometryOf(a) })), districts);
  for (const l of lines) outline.run(l.properties.code, l.properties.name, JSON.stringify(l.geometry));
  write('districts', { [SOURCE_LAYERS.districts]: lines.map((feature) => ({ feature, bbox: bboxOf(feature.geometry) })) });
  stats.ms = Math.round(performance.now() - started);
  return stats;
}
