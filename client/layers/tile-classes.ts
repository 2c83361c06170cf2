// Class ids computed by MapLibre from the vector tiles' own properties, for the views whose class
// depends only on what the tiles carry (server/registry/tilesets.ts): the Appendix One category and the
// IMD decile. The same rules as server/domain/area-class.ts, written as style expressions, so these
// views draw without any area's attributes (tests/client/tile-classes.unit.test.ts checks they agree).
import type { ExpressionSpecification } from 'maplibre-gl';

/** categoryClass(category, category_extent); absent properties are nulls the tiles leave out. */
export const CATEGORY_TILE_CLASS = [
  'case', ['has', 'category'],
  ['concat', ['get', 'category'], ['match', ['get', 'category_extent'], 'part', ':part', ':whole']],
  'none',
] as unknown as ExpressionSpecification;

/** imdClass(imd_decile). */
export const IMD_TILE_CLASS = [
  'case', ['all', ['has', 'imd_decile'], ['!=', ['get', 'imd_decile'], 0]],
  ['concat', 'imd', ['to-string', ['get', 'imd_decile']]],
  'nodata',
] as unknown as ExpressionSpecification;
