// The vector tilesets the build writes and the API serves: one per boundary layer plus the district
// outlines, their zoom range and the fields each source layer carries (the TileJSON vector_layers).
import { LAYER_IDS, type LayerId } from './layers.ts';

export const TILESET_IDS = [...LAYER_IDS, 'districts'] as const;
export type TilesetId = (typeof TILESET_IDS)[number];

/** The layer the district outlines are drawn from: LSOAs nest exactly in districts and cover the whole area. */
export const DISTRICT_OUTLINES_FROM: LayerId = 'lsoas';

export const isTilesetId = (id: string): id is TilesetId => (TILESET_IDS as readonly string[]).includes(id);

/**
 * z6 shows a region (a 626 km tile); the map itself opens no further out than z7. At z11 one tile unit
 * is 4.8 m, four times finer than the ONS generalised (BGC, 20 m) boundaries, and geojson-vt keeps
 * every vertex at the last zoom, so deeper tiles would only repeat the same vertices (and z12 alone
 * would triple the tile count): MapLibre overzooms z11 tiles for closer views.
 */
export const TILE_MIN_ZOOM = 6;
export const TILE_MAX_ZOOM = 11;
export const TILE_EXTENT = 4096;

/** Source layers inside the tiles: polygons (and point-only parishes), their label points, district lines. */
export const SOURCE_LAYERS = { areas: 'areas', labels: 'labels', districts: 'districts' } as const;

/**
 * Label points only from z10, where the map starts writing area names (client/layers/labels.ts):
 * at England size they would otherwise be a third of every regional tile, for names nobody sees.
 */
export const LABELS_MIN_ZOOM = 10;
export const sourceLayerMinZoom = (sourceLayer: string) => (sourceLayer === SOURCE_LAYERS.labels ? LABELS_MIN_ZOOM : TILE_MIN_ZOOM);

type FieldType = 'String' | 'Number';
/**
 * Each polygon carries what the map reads from it and nothing more: the code (hover, selection, class
 * joins, filters), name and district (tooltip, district filter), and the class of the views computed
 * from the tile (category with its extent and share; the IMD decile on LSOAs, client/layers/tile-classes.ts).
 * Unique numbers cost the most bytes in a tile: population (label order, on the label points) and the
 * CNI score (quantile classes joined by code) were 7-13% of a regional tile's gzip bytes and are left out.
 */
const AREA_FIELDS: Record<string, FieldType> = {
  code: 'String', name: 'String', district_code: 'String',
  category: 'String', category_extent: 'String', category_share: 'Number',
};
const LSOA_FIELDS: Record<string, FieldType> = { imd_decile: 'Number' };
const LABEL_FIELDS: Record<string, FieldType> = { code: 'String', name: 'String', population: 'Number' };
const DISTRICT_FIELDS: Record<string, FieldType> = { code: 'String', name: 'String' };

export interface VectorLayer {
  id: string;
  description: string;
  fields: Record<string, FieldType>;
}

/** What each source layer of a tileset carries, described once for the build and the TileJSON document. */
export function vectorLayers(tileset: TilesetId): VectorLayer[] {
  if (tileset === 'districts') return [{ id: SOURCE_LAYERS.districts, description: 'District boundaries (lines shared by two districts or on the edge of the area covered), one feature per district.', fields: DISTRICT_FIELDS }];
  const layer: LayerId = tileset;
  return [
    { id: SOURCE_LAYERS.areas, description: 'Area polygons (point-only parishes as points), keyed by GSS code, with the properties the map styles read.', fields: layer === 'lsoas' ? { ...AREA_FIELDS, ...LSOA_FIELDS } : AREA_FIELDS },
    { id: SOURCE_LAYERS.labels, description: 'One point per area where its name is written.', fields: LABEL_FIELDS },
  ];
}
