// The areas table and its R-tree: one row per area of every layer (geometry last), its DDL, its typed
// row, its writer (area and R-tree entry together) and its readers (rows, geometry, boxes, checks).
import type Database from 'better-sqlite3';
import type { Category, Extent } from '../../domain/vocabulary.ts';
import type { LayerId } from '../../registry/layers.ts';

export const AREAS_DDL = `
-- One row per area of every layer. geometry is RFC 7946 GeoJSON at 6 decimals, the last column: a large
-- value spills to overflow pages, and SQLite reads a column stored after it only by walking its whole
-- chain, so reading every area's attributes at start (geometry before them) read the whole geometry.
CREATE TABLE areas (
  id INTEGER PRIMARY KEY,
  layer TEXT NOT NULL REFERENCES layers(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  district_code TEXT NOT NULL REFERENCES districts(code),
  geometry_type TEXT NOT NULL,
  geometry_source TEXT,
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
  label_lon REAL NOT NULL, label_lat REAL NOT NULL,
  centroid_lon REAL NOT NULL, centroid_lat REAL NOT NULL,
  population INTEGER,
  category TEXT CHECK (category IN ('laa_target', 'social_capital', 'general')),
  category_extent TEXT CHECK (category_extent IN ('whole', 'part')),
  -- Share of residents the category certainly reaches (union over Output Areas); null when only an unspecified part.
  category_share REAL,
  -- 1 when category_share is a lower bound: an unspecified part of other residents may be reached too.
  category_share_at_least INTEGER NOT NULL DEFAULT 0,
  imd_decile INTEGER, imd_rank INTEGER, imd_score REAL,
  cni_score REAL, cni_rank INTEGER, left_behind INTEGER,
  geometry TEXT NOT NULL,
  UNIQUE (layer, code)
);
CREATE INDEX areas_code ON areas (code);

-- Spatial index over area bounding boxes; id = areas.id. Point look-ups test these candidates exactly.
CREATE VIRTUAL TABLE area_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);
`;

type GeometryType = 'Polygon' | 'MultiPolygon' | 'Point';

/** Every column of an area but its geometry, which stays in the database until asked for. */
export interface AreaRow {
  id: number;
  layer: LayerId;
  code: string;
  name: string;
  district_code: string;
  geometry_type: GeometryType;
  geometry_source: string | null;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  label_lon: number;
  label_lat: number;
  centroid_lon: number;
  centroid_lat: number;
  population: number | null;
  category: Category | null;
  category_extent: Extent | null;
  category_share: number | null;
  category_share_at_least: 0 | 1;
  imd_decile: number | null;
  imd_rank: number | null;
  imd_score: number | null;
  cni_score: number | null;
  cni_rank: number | null;
  left_behind: 0 | 1 | null;
}

const AREA_COLUMNS = `id, layer, code, name, district_code, geometry_type, geometry_source, min_lon, min_lat, max_lon, max_lat,
  label_lon, label_lat, centroid_lon, centroid_lat, population, category, category_extent, category_share, category_share_at_least,
  imd_decile, imd_rank, imd_score, cni_score, cni_rank, left_behind`;

/** An area's row as the store names it (camelCase, boxes and points as arrays). */
export interface AreaColumns {
  id: number;
  layer: LayerId;
  code: string;
  name: string;
  districtCode: string;
  geometryType: GeometryType;
  geometrySource: string | null;
  bbox: [number, number, number, number];
  label: [number, number];
  centroid: [number, number];
  population: number | null;
  category: Category | null;
  categoryExtent: Extent | null;
  categoryShare: number | null;
  /** categoryShare is a lower bound ("at least"). */
  categoryShareAtLeast: boolean;
  imd: { decile: number; rank: number; score: number } | null;
  cni: { score: number; rank: number; leftBehind: boolean } | null;
}

export function areaColumns(r: AreaRow): AreaColumns {
  return {
    id: r.id,
    layer: r.layer,
    code: r.code,
    name: r.name,
    districtCode: r.district_code,
    geometryType: r.geometry_type,
    geometrySource: r.geometry_source,
    bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
    label: [r.label_lon, r.label_lat],
    centroid: [r.centroid_lon, r.centroid_lat],
    population: r.population,
    category: r.category,
    categoryExtent: r.category_extent,
    categoryShare: r.category_share,
    categoryShareAtLeast: r.category_share_at_least === 1,
    imd: r.imd_decile == null ? null : { decile: r.imd_decile, rank: r.imd_rank!, score: r.imd_score! },
    cni: r.cni_score == null ? null : { score: r.cni_score, rank: r.cni_rank!, leftBehind: r.left_behind === 1 },
  };
}

/** An area as the build assembled it (server/pipeline/assemble.ts's AtlasArea has these and more). */
export interface AreaInput {
  code: string;
  name: string;
  districtCode: string;
  geometryType: string;
  geometryJson: string;
  geometrySource: string | null;
  bbox: readonly number[];
  label: readonly number[];
  centroid: readonly number[];
  population: number | null;
  category: Category | null;
  categoryExtent: Extent | null;
  categoryShare: number | null;
  categoryShareAtLeast: boolean;
  context: { imdDecile: number; imdRank: number; imdScore: number; cniScore: number | null; cniRank: number | null; leftBehind: boolean | null } | null;
}

/** Writes an area and its R-tree entry; returns the area's id. */
export function areaWriter(db: Database.Database): (layer: LayerId, a: AreaInput) => number {
  const area = db.prepare(`INSERT INTO areas (layer, code, name, district_code, geometry_type, geometry, geometry_source,
    min_lon, min_lat, max_lon, max_lat, label_lon, label_lat, centroid_lon, centroid_lat, population, category, category_extent, category_share, category_share_at_least,
    imd_decile, imd_rank, imd_score, cni_score, cni_rank, left_behind)
    VALUES (@layer, @code, @name, @district_code, @geometry_type, @geometry, @geometry_source, @min_lon, @min_lat, @max_lon, @max_lat,
    @label_lon, @label_lat, @centroid_lon, @centroid_lat, @population, @category, @category_extent, @category_share, @category_share_at_least,
    @imd_decile, @imd_rank, @imd_score, @cni_score, @cni_rank, @left_behind)`);
  const rtree = db.prepare<[number, number, number, number, number]>('INSERT INTO area_rtree VALUES (?, ?, ?, ?, ?)');
  return (layer, a) => {
    const id = Number(
      area.run({
        layer,
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
    return id;
  };
}

/** Every area's row but its geometry, by layer and name. */
export function eachAreaRow(db: Database.Database): IterableIterator<AreaRow> {
  return db.prepare<[], AreaRow>(`SELECT ${AREA_COLUMNS} FROM areas ORDER BY layer, name`).iterate();
}

/** An area's stored geometry (RFC 7946 JSON text) by id: prepared once, one primary-key read per call. */
export function geometryReader(db: Database.Database): (id: number) => string | undefined {
  const query = db.prepare<[number], { geometry: string }>('SELECT geometry FROM areas WHERE id = ?');
  return (id) => query.get(id)?.geometry;
}

/** The ids of the areas whose bounding box holds the point, from the R-tree: prepared once. */
export function rtreeReader(db: Database.Database): (lon: number, lat: number) => number[] {
  const query = db.prepare<[number, number, number, number], { id: number }>('SELECT id FROM area_rtree WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?');
  return (lon, lat) => query.all(lon, lon, lat, lat).map((r) => r.id);
}

/** Each area's label point, by layer and code (what placing groups needs of every area). */
export function eachLabelPoint(db: Database.Database): Generator<{ layer: LayerId; code: string; label: [number, number] }> {
  const rows = db.prepare<[], { layer: LayerId; code: string; label_lon: number; label_lat: number }>('SELECT layer, code, label_lon, label_lat FROM areas').iterate();
  return (function* () {
    for (const r of rows) yield { layer: r.layer, code: r.code, label: [r.label_lon, r.label_lat] as [number, number] };
  })();
}

/** A layer's polygon areas (label points left out) with their boxes, no geometry: prepared once. */
export function polygonBoxesReader(db: Database.Database): (layer: LayerId) => { id: number; code: string; geometryType: GeometryType; bbox: [number, number, number, number] }[] {
  const query = db.prepare<[LayerId], Pick<AreaRow, 'id' | 'code' | 'geometry_type' | 'min_lon' | 'min_lat' | 'max_lon' | 'max_lat'>>(
    "SELECT id, code, geometry_type, min_lon, min_lat, max_lon, max_lat FROM areas WHERE layer = ? AND geometry_type != 'Point'",
  );
  return (layer) => query.all(layer).map((r) => ({ id: r.id, code: r.code, geometryType: r.geometry_type, bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat] }));
}

/** What the build checks of a layer once written: its areas and the residents they sum to. */
export function layerTally(db: Database.Database, layer: LayerId): { n: number; pop: number } {
  return db.prepare<[LayerId], { n: number; pop: number }>('SELECT count(*) AS n, coalesce(sum(population), 0) AS pop FROM areas WHERE layer = ?').get(layer)!;
}

/** The areas and the R-tree's entries, which the build checks are as many. */
export function indexedTally(db: Database.Database): { areas: number; indexed: number } {
  return db.prepare<[], { areas: number; indexed: number }>('SELECT (SELECT count(*) FROM areas) AS areas, (SELECT count(*) FROM area_rtree) AS indexed').get()!;
}

/** How many areas of the layer have no IMD decile (the build requires every LSOA to have one). */
export function withoutImd(db: Database.Database, layer: LayerId): number {
  return db.prepare<[LayerId], { n: number }>('SELECT count(*) AS n FROM areas WHERE layer = ? AND imd_decile IS NULL').get(layer)!.n;
}
