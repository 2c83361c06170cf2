// The point index at England size and beyond: 200,000 areas (more than Math.min(...spread) can take
// as arguments) index without overflowing the stack, and points land in the right one. Geometry is
// read through each record's geometryJson, as the store hands it over, and only when a point needs it.
import { describe, expect, it } from 'vitest';
import { AreaLocator } from '../../server/store/area-locator.ts';
import type { AreaRecord } from '../../server/store/records.ts';

const SIDE = 0.004;
const PER_ROW = 500;

function square(i: number): AreaRecord {
  const x = -3 + (i % PER_ROW) * SIDE;
  const y = 50 + Math.floor(i / PER_ROW) * SIDE;
  const ring = [[x, y], [x + SIDE, y], [x + SIDE, y + SIDE], [x, y + SIDE], [x, y]];
  let reads = 0;
  return {
    code: `E01${String(i).padStart(6, '0')}`,
    bbox: [x, y, x + SIDE, y + SIDE],
    geometryType: 'Polygon',
    get geometryJson() {
      reads++;
      return JSON.stringify({ type: 'Polygon', coordinates: [ring] });
    },
    get geometry() {
      return { type: 'Polygon', coordinates: [ring] };
    },
    get reads() {
      return reads;
    },
  } as unknown as AreaRecord;
}

describe('AreaLocator at scale', () => {
  it('indexes 200,000 areas and places points in them, reading only the geometry it tests', () => {
    const areas = Array.from({ length: 200_000 }, (_, i) => square(i));
    const locator = new AreaLocator((layer) => (layer === 'lsoas' ? areas : []));
    for (const i of [0, 1, 499, 500, 123_456, 199_999]) {
      const x = -3 + (i % PER_ROW) * SIDE + SIDE / 3;
      const y = 50 + Math.floor(i / PER_ROW) * SIDE + SIDE / 3;
      expect(locator.place(x, y)).toEqual([null, null, areas[i].code, null]);
    }
    expect(locator.place(10, 10)).toEqual([null, null, null, null]);
    const read = areas.filter((a) => (a as unknown as { reads: number }).reads > 0).length;
    expect(read).toBeLessThan(100);
  });
});
