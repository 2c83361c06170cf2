// Whether the map draws a layer from vector tiles or from its whole GeoJSON. The county's layers
// weigh 420–580 bytes per area as gzip GeoJSON, so past TILE_THRESHOLD areas (about 1 MB) a layer
// comes as tiles (only what is in view) plus its attributes without geometry. ?tiles=1 forces tiles
// for every layer and ?tiles=0 forbids them; the choice is read once, before the URL is rewritten.
import type { LayerInfo } from '../types.ts';

export const TILE_THRESHOLD = 2000;

const forced = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('tiles');

export function drawsFromTiles(info: Pick<LayerInfo, 'feature_count'>, force: string | null = forced): boolean {
  if (force === '1') return true;
  if (force === '0') return false;
  return info.feature_count > TILE_THRESHOLD;
}

/** The properties the table, legend, tooltips and views read; the area panel fetches the rest itself. */
export const MAP_PROPERTIES = [
  'code', 'name', 'layer', 'district_code', 'district_name', 'category', 'category_extent', 'category_share', 'services', 'service_extent',
  'service_share', 'population', 'groups', 'groups_per_1000', 'groups_per_1000_lower', 'groups_per_1000_upper', 'density_flags',
  'imd_decile', 'imd_rank', 'cni_score', 'left_behind',
] as const;
