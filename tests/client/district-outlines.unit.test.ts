// District boundaries are the edges two districts share plus the outer edge; edges inside a
// district, shared by two of its areas, are not drawn.
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { districtOutlines } from '../../client/layers/district-outlines.ts';

const square = (x: number, y: number, district: string): Feature<Polygon, { district_code: string }> => ({
  type: 'Feature',
  properties: { district_code: district },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});

const edges = (fc: ReturnType<typeof districtOutlines>) =>
  fc.features[0].geometry.coordinates.map((seg) => seg.map((p) => p.join(',')).sort().join(' ')).sort();

describe('districtOutlines', () => {
  it('drops the edge between two areas of the same district', () => {
    const out = edges(districtOutlines([square(0, 0, 'A'), square(1, 0, 'A')]));
    expect(out).toHaveLength(6);
    expect(out).not.toContain('1,0 1,1');
  });

  it('keeps the edge between areas of different districts', () => {
    const out = edges(districtOutlines([square(0, 0, 'A'), square(1, 0, 'B')]));
    expect(out).toHaveLength(7);
    expect(out).toContain('1,0 1,1');
  });

  it('ignores label points (point-only parishes)', () => {
    const point = { type: 'Feature' as const, properties: { district_code: 'A' }, geometry: { type: 'Point' as const, coordinates: [0.5, 0.5] } };
    expect(edges(districtOutlines([square(0, 0, 'A'), point]))).toHaveLength(4);
  });
});
