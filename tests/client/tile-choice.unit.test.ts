// Which layers the map draws from vector tiles: every layer (the county's too) unless the URL says
// otherwise.
import { describe, expect, it } from 'vitest';
import { drawsFromTiles, TILE_THRESHOLD } from '../../client/map/tile-choice.ts';

describe('drawsFromTiles', () => {
  it('draws county-size and England-size layers from tiles', () => {
    expect(drawsFromTiles({ feature_count: 238 }, null)).toBe(true);
    expect(drawsFromTiles({ feature_count: 408 }, null)).toBe(true);
    expect(drawsFromTiles({ feature_count: 32640 }, null)).toBe(true);
    expect(drawsFromTiles({ feature_count: TILE_THRESHOLD }, null)).toBe(false);
  });

  it('honours ?tiles=1 and ?tiles=0 either way', () => {
    expect(drawsFromTiles({ feature_count: 238 }, '1')).toBe(true);
    expect(drawsFromTiles({ feature_count: 32640 }, '0')).toBe(false);
  });
});
