// The class ids a tiled map computes from the tiles' own properties (client/layers/tile-classes.ts)
// are the ones the shared rules give (server/domain/area-class.ts), which the legend counts on the
// server and the views' classify use: evaluated by MapLibre's own expression engine for every
// category, extent and decile, including the properties a tile leaves out when they are null.
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { categoryClass, imdClass } from '../../server/domain/area-class.ts';
import { CATEGORIES, type Category, type Extent } from '../../server/domain/vocabulary.ts';
import { CATEGORY_TILE_CLASS, IMD_TILE_CLASS } from '../../client/layers/tile-classes.ts';
import { categoryView } from '../../client/layers/views/category.ts';
import { imdView } from '../../client/layers/views/deprivation.ts';
import type { AreaProps } from '../../client/types.ts';

/** Evaluates a style expression on a polygon feature with the given tile properties. */
function evaluator(expression: unknown) {
  const parsed = createExpression(expression, 'layers[0].filter');
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return (properties: Record<string, unknown>) => parsed.value.evaluate({ zoom: 8 }, { type: 3, properties } as never) as string;
}

/** Tiles drop null properties (server/pipeline/tiles.ts), so a null is an absent key. */
const tileProps = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).filter(([, v]) => v != null));

describe('class ids from the tiles agree with the shared rules', () => {
  it('category: every category and extent, and unlisted areas', () => {
    const fromTile = evaluator(CATEGORY_TILE_CLASS);
    const view = categoryView();
    const cases: [Category | null, Extent | null][] = [[null, null], ...CATEGORIES.flatMap((c) => (['whole', 'part'] as const).map((e): [Category, Extent] => [c, e]))];
    for (const [category, extent] of cases) {
      const expected = categoryClass(category, extent);
      expect(fromTile(tileProps({ category, category_extent: extent })), `${category} ${extent}`).toBe(expected);
      expect(view.classify({ category, category_extent: extent } as AreaProps)).toBe(expected);
      expect(view.classes.map((c) => c.id)).toContain(expected);
    }
  });

  it('IMD decile: 1 to 10, and none', () => {
    const fromTile = evaluator(IMD_TILE_CLASS);
    const view = imdView();
    for (const decile of [null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const expected = imdClass(decile);
      expect(fromTile(tileProps({ imd_decile: decile })), String(decile)).toBe(expected);
      expect(view.classify({ imd_decile: decile } as AreaProps)).toBe(expected);
      expect(view.classes.map((c) => c.id)).toContain(expected);
    }
  });
});
