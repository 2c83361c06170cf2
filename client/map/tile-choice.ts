// Whether the map draws a layer from vector tiles or from its whole GeoJSON. Tiles, at every size:
// at England size only what is in view is sent, and even the county's 238 parishes reach their first
// drawn map sooner from the prebuilt tiles (measured in headless Chromium, README "Time to first
// map"): MapLibre's worker neither cuts the GeoJSON into tiles nor re-encodes them, and the GPU draws
// fewer vertices. ?tiles=0 forbids tiles (the GeoJSON path stays, and is tested) and ?tiles=1 forces
// them; the choice is read once, before the URL is rewritten.
import type { LayerInfo } from '../types.ts';

/** Layers with more areas than this draw from tiles: all of them. */
export const TILE_THRESHOLD = 0;

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
