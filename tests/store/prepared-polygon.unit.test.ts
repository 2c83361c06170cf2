// The exact point-in-polygon test behind group counting: inside, outside, holes, multipolygons,
// and points on edges and vertices (which count as inside, so neighbours can break the tie).
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { PreparedPolygon } from '../../server/geo/prepared-polygon.ts';

const square = (x: number, y: number, size: number) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const withHole: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2).reverse()] };
const two: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };

describe('PreparedPolygon', () => {
  it('tells inside from outside, and respects holes', () => {
    const p = new PreparedPolygon(withHole);
    expect(p.contains(1, 1)).toBe(true);
    expect(p.contains(9.5, 0.5)).toBe(true);
    expect(p.contains(5, 5)).toBe(false); // in the hole
    expect(p.contains(11, 5)).toBe(false);
    expect(p.contains(-0.5, 5)).toBe(false);
  });

  it('holds points on an edge or a vertex, including the hole edge', () => {
    const p = new PreparedPolygon(withHole);
    expect(p.contains(10, 3)).toBe(true);
    expect(p.contains(0, 0)).toBe(true);
    expect(p.contains(5, 10)).toBe(true);
    expect(p.contains(4, 5)).toBe(true);
  });

  it('checks every part of a multipolygon', () => {
    const p = new PreparedPolygon(two);
    expect(p.contains(0.5, 0.5)).toBe(true);
    expect(p.contains(5.5, 5.5)).toBe(true);
    expect(p.contains(3, 3)).toBe(false);
  });

  it('agrees with the plain crossing rule for a many-sided polygon (band index on)', () => {
    const ring = Array.from({ length: 400 }, (_, i) => {
      const a = (i / 400) * 2 * Math.PI;
      const r = 1 + 0.3 * Math.sin(7 * a);
      return [r * Math.cos(a), r * Math.sin(a)];
    });
    ring.push(ring[0]);
    const p = new PreparedPolygon({ type: 'Polygon', coordinates: [ring] });
    const naive = (x: number, y: number) => {
      let inside = false;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i];
        const [x2, y2] = ring[i + 1];
        if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
      }
      return inside;
    };
    for (let k = 0; k < 2000; k++) {
      const x = ((k * 7919) % 1000) / 333 - 1.5;
      const y = ((k * 104729) % 997) / 332 - 1.5;
      expect(p.contains(x, y), `${x},${y}`).toBe(naive(x, y));
    }
  });
});
