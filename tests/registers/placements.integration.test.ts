// Groups are placed when a register is imported and stored with the atlas build they were placed
// against (issue 22 item 2), so loading the register (server start, the groups thread) only reads;
// against another build, or from a registers database made before placements were stored, they
// are placed again and counted the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/registry/layers.ts';
import type { GroupRegisters } from '../../server/registers/group-registers.ts';
import { placedFor } from '../../server/registers/locate-groups.ts';
import { RegisterDb } from '../../server/registers/register-db.ts';
import type { AtlasStore } from '../../server/store/atlas-store.ts';
import { csv, freshRegistersPath, insidePoint, openRegisters, useRegisters } from './support.ts';

const held = useRegisters();
let store: AtlasStore;
let registers: GroupRegisters;
beforeAll(() => ({ store, registers } = held));

function rows() {
  const parishes = store.areas('parishes').filter((a) => a.geometry.type !== 'Point');
  const points = [parishes[3], parishes[30], parishes[60]].map((a) => insidePoint(store, 'parishes', a.code));
  const county = store.covers.code;
  return csv(['name', 'category', 'lon', 'lat', 'area_code'], [...points.map((p, i) => [`Hall ${i}`, 'arts', p[0], p[1], '']), ['Everywhere', 'arts', '', '', county], ['By ward', 'sport', '', '', store.areas('wards')[5].code]]);
}

describe('placements stored with an import', () => {
  it('are read back as the import placed them, with their sums, for the atlas build they were placed against', () => {
    registers.import({ register: 'placed', format: 'csv', content: rows() });
    const db = new RegisterDb(registers.dbPath);
    try {
      const read = db.placed('placed', placedFor(store.inputsHash));
      expect(read).not.toBeNull();
      expect(read).toEqual(registers.get('placed')!.groups);
      expect(read!.map((g) => g.notCounted === null)).toEqual([true, true, true, false, true]);
      // What they add up to is stored too: a server loading the register reads that one row.
      const loaded = registers.get('placed')!;
      expect(db.placedSummary('placed', placedFor(store.inputsHash))).toEqual({ rows: 5, counted: 4, counts: loaded.counts, categories: loaded.categories, notCounted: loaded.notCounted });
      // Another atlas build: nothing to read, so the groups will be placed again.
      expect(db.placed('placed', placedFor('another build'))).toBeNull();
      expect(db.placedSummary('placed', placedFor('another build'))).toBeNull();
    } finally {
      db.close();
    }
  });

  it('are placed again when a registers database has none, with the same counts', () => {
    const path = freshRegistersPath();
    const old = new RegisterDb(path);
    // As an import before placements were stored: the groups as given and geocoded only.
    registers.import({ register: 'source', format: 'csv', content: rows() });
    const source = registers.get('source')!;
    old.replace({ name: 'older', importId: 'x', source: 'test', fileName: null, importedAt: source.importedAt, report: '{}', comparison: 'none' }, source.groups.map(({ point: _p, placement: _q, notCounted: _n, ...g }) => g));
    expect(old.placed('older', placedFor(store.inputsHash))).toBeNull();
    old.close();
    const reopened = openRegisters(store, path);
    try {
      const older = reopened.get('older')!;
      for (const l of LAYERS) expect(older.counts.get(l.id), l.id).toEqual(source.counts.get(l.id));
      expect(older.groups).toEqual(source.groups);
    } finally {
      reopened.close();
    }
  });
});
