// District boundaries are the edges two districts share plus the outer edge; edges inside a
// district, shared by two of its areas, are not drawn. Each district's edges are joined into lines.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { chainSegments, districtOutlines } from '../../server/pipeline/district-outlines.ts';

const square = (x: number, y: number, districtCode: string): { districtCode: string; geometry: Polygon } => ({
  districtCode,
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});
const DISTRICTS = [{ code: 'A', name: 'Ayton' }, { code: 'B', name: 'Beeston' }];

/** The unit edges of a district's lines, each as "x,y x,y" sorted, so joins and direction do not matter. */
const edges = (lines: number[][][]) =>
  lines.flatMap((line) => line.slice(1).map((p, i) => [line[i].join(','), p.join(',')].sort().join(' '))).sort();

describe('districtOutlines', () => {
  it('drops the edge between two areas of the same district and joins the rest into one closed line', () => {
    const [a] = districtOutlines([square(0, 0, 'A'), square(1, 0, 'A')], DISTRICTS);
    expect(a.properties).toEqual({ code: 'A', name: 'Ayton' });
    expect(edges(a.geometry.coordinates)).toHaveLength(6);
    expect(edges(a.geometry.coordinates)).not.toContain('1,0 1,1');
    expect(a.geometry.coordinates).toHaveLength(1);
    const [line] = a.geometry.coordinates;
    expect(line[0]).toEqual(line[line.length - 1]);
  });

  it('gives the edge between areas of different districts to both districts', () => {
    const [a, b] = districtOutlines([square(0, 0, 'A'), square(1, 0, 'B')], DISTRICTS);
    expect(edges(a.geometry.coordinates)).toContain('1,0 1,1');
    expect(edges(b.geometry.coordinates)).toContain('1,0 1,1');
    expect(edges(a.geometry.coordinates)).toHaveLength(4);
  });

  it('ignores label points (point-only parishes) and districts with no areas', () => {
    const point = { districtCode: 'B', geometry: { type: 'Point' as const, coordinates: [0.5, 0.5] } };
    const out = districtOutlines([square(0, 0, 'A'), point], DISTRICTS);
    expect(out.map((d) => d.properties.code)).toEqual(['A']);
    expect(edges(out[0].geometry.coordinates)).toHaveLength(4);
  });
});

describe('chainSegments', () => {
  it('joins segments given in any order and direction into one line', () => {
    const lines = chainSegments([[[1, 0], [2, 0]], [[3, 0], [2, 0]], [[0, 0], [1, 0]]]);
    expect(lines).toHaveLength(1);
    expect(lines[0].map((p) => p[0]).join()).toMatch(/^(0,1,2,3|3,2,1,0)$/);
  });
});
