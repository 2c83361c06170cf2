// Counting groups into areas on the real boundaries: known points land in known areas, a point on
// a boundary shared by two parishes is counted once (in the lower code), every layer counts each
// group once, and the locator agrees with the store's R-tree + turf look-up.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GroupRegisters } from '../../server/registers/group-registers.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import type { AtlasStore } from '../../server/store/atlas-store.ts';
import { csv, insidePoint, useRegisters } from './support.ts';

const held = useRegisters();
let store: AtlasStore;
let registers: GroupRegisters;
beforeAll(() => ({ store, registers } = held));
const POINT_HEADER = ['name', 'category', 'lon', 'lat'];

/** The lowest code among the store's containing areas of the layer: the documented tie-break. */
const expectedCode = (lon: number, lat: number, layer: string) =>
  store
    .containing(lon, lat)
    .filter((a) => a.layer === layer)
    .map((a) => a.code)
    .sort()[0] ?? null;

describe('group counts', () => {
  it('counts groups at known points in the areas that hold them, in every layer', () => {
    const polygons = store.areas('parishes').filter((a) => a.geometry.type !== 'Point');
    const [a, b] = [polygons[10], polygons[40]];
    const pa = insidePoint(store, 'parishes', a.code);
    const pb = insidePoint(store, 'parishes', b.code);
    registers.import({ register: 'known', format: 'csv', content: csv(POINT_HEADER, [['A1', 'x', ...pa], ['A2', 'x', ...pa], ['B1', 'y', ...pb]]) });
    expect(Object.fromEntries(registers.counts('parishes', ['known']))).toEqual({ [a.code]: 2, [b.code]: 1 });
    for (const l of LAYERS.filter((x) => x.id !== 'parishes')) {
      const want = new Map<string, number>();
      for (const [p, n] of [[pa, 2], [pb, 1]] as const) {
        const code = expectedCode(p[0], p[1], l.id)!;
        want.set(code, (want.get(code) ?? 0) + n);
      }
      expect(new Map(registers.counts(l.id, ['known'])), l.id).toEqual(want);
    }
  });

  it('counts a group on the boundary between two parishes once, in the lower code', () => {
    const owners = new Map<string, Set<string>>();
    for (const area of store.areas('parishes')) {
      if (area.geometry.type === 'Point') continue;
      const rings = area.geometry.type === 'Polygon' ? area.geometry.coordinates : area.geometry.coordinates.flat();
      for (const ring of rings) for (const [x, y] of ring) owners.set(`${x},${y}`, (owners.get(`${x},${y}`) ?? new Set()).add(area.code));
    }
    const [key, codes] = [...owners].find(([, c]) => c.size === 2)!;
    const [lon, lat] = key.split(',').map(Number);
    // The shared vertex really is in both parishes by the store's own (boundary-inclusive) test.
    expect(store.containing(lon, lat).filter((x) => x.layer === 'parishes').map((x) => x.code).sort()).toEqual([...codes].sort());
    registers.import({ register: 'edge', format: 'csv', content: csv(POINT_HEADER, [['On the line', 'x', lon, lat]]) });
    expect(Object.fromEntries(registers.counts('parishes', ['edge']))).toEqual({ [[...codes].sort()[0]]: 1 });
    for (const l of LAYERS) expect([...registers.counts(l.id, ['edge']).values()].reduce((s, n) => s + n, 0), l.id).toBe(1);
  });

  it('counts every located group exactly once per layer', () => {
    const postcodes = store.postcodesStartingWith('LE', 100_000).filter((_, i) => i % 40 === 0);
    const inside = postcodes.filter((p) => store.containing(p.lon, p.lat).length > 0);
    const report = registers.import({ register: 'many', format: 'csv', content: csv(['name', 'category', 'postcode'], inside.map((p, i) => [`G${i}`, 'x', p.postcode])) });
    expect(report.imported).toBe(inside.length);
    for (const l of LAYERS) {
      const total = [...registers.counts(l.id, ['many']).values()].reduce((s, n) => s + n, 0);
      const oracle = inside.filter((p) => expectedCode(p.lon, p.lat, l.id) !== null).length;
      expect(total, l.id).toBe(oracle);
      expect(report.layers[l.id].located, l.id).toBe(oracle);
    }
  });

  it('places points exactly as the R-tree + turf look-up does', () => {
    const [minX, minY, maxX, maxY] = [-1.6, 52.39, -0.66, 52.98];
    for (let i = 0; i < 3000; i++) {
      const lon = minX + ((i * 7919) % 3001) / 3000 * (maxX - minX);
      const lat = minY + ((i * 104729) % 2999) / 2998 * (maxY - minY);
      const placed = registers.locator.place(lon, lat);
      LAYERS.forEach((l, k) => expect(placed[k], `${l.id} at ${lon},${lat}`).toBe(expectedCode(lon, lat, l.id)));
    }
  });

  it('adds up the selected registers and caches per register version', () => {
    const both = registers.counts('parishes', ['known', 'edge']);
    const sum = new Map(registers.counts('parishes', ['known']));
    for (const [c, n] of registers.counts('parishes', ['edge'])) sum.set(c, (sum.get(c) ?? 0) + n);
    expect(new Map(both)).toEqual(sum);
    expect(registers.counts('parishes', ['known', 'edge'])).toBe(both);
    const all = registers.counts('parishes', null);
    expect([...all.values()].reduce((s, n) => s + n, 0)).toBe(registers.all().reduce((s, r) => s + [...r.counts.get('parishes')!.values()].reduce((a, b) => a + b, 0), 0));
  });
});
