// Which layers the map draws from vector tiles: those past the size threshold, or all/none when the
// URL forces it.
import { describe, expect, it } from 'vitest';
import { drawsFromTiles, TILE_THRESHOLD } from '../../client/map/tile-choice.ts';

describe('drawsFromTiles', () => {
  it('draws layers above the threshold from tiles and smaller ones as GeoJSON', () => {
    expect(drawsFromTiles({ feature_count: 408 }, null)).toBe(false);
    expect(drawsFromTiles({ feature_count: TILE_THRESHOLD }, null)).toBe(false);
    expect(drawsFromTiles({ feature_count: TILE_THRESHOLD + 1 }, null)).toBe(true);
  });

  it('honours ?tiles=1 and ?tiles=0 either way', () => {
    expect(drawsFromTiles({ feature_count: 238 }, '1')).toBe(true);
    expect(drawsFromTiles({ feature_count: 32640 }, '0')).toBe(false);
  });
});
