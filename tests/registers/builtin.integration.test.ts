// The registers that come with the shared geodata: libraries split into community-run (CRL) and
// council-run (LAL) with closed ones left out, and the seed documents' case studies, placed in
// their parish or 2013 ward, with county-wide (and folded) groups listed but not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { postcodeKey } from '../../server/domain/names.ts';
import type { GroupRegisters, LoadedRegister } from '../../server/registers/group-registers.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import type { AtlasStore } from '../../server/store/atlas-store.ts';
import { BuildError } from '../../server/formats/build-error.ts';
import { loadBuiltinRegisters } from '../../server/registers/builtin.ts';
import { GEODATA_DIR } from '../support/paths.ts';
import { variantOf } from '../support/variant-dirs.ts';
import { countByLayer, locateGroup } from '../../server/registers/locate-groups.ts';
import { AtlasStore as Store } from '../../server/store/atlas-store.ts';
import { openRegisters, useRegisters } from './support.ts';

const held = useRegisters();
let store: AtlasStore;
let registers: GroupRegisters;
beforeAll(() => ({ store, registers } = held));
const read = (file: string) => parse(readFileSync(join(GEODATA_DIR, 'groups', file), 'utf8'), { columns: true, bom: true, trim: true }) as Record<string, string>[];
const total = (r: LoadedRegister, layer: string) => [...r.counts.get(layer as never)!.values()].reduce((a, b) => a + b, 0);

describe('the libraries register', () => {
  it('keeps open libraries only, with CRL and LAL as separate categories', () => {
    const rows = read('libraries-leicestershire.csv');
    const open = rows.filter((r) => r['Year closed'] === '');
    const libraries = registers.get('libraries')!;
    expect(libraries.kind).toBe('built-in');
    expect(libraries.categories).toEqual({
      'community-run library': open.filter((r) => r['Type of library'] === 'CRL').length,
      'council-run library': open.filter((r) => r['Type of library'] === 'LAL').length,
    });
    expect(libraries.groups).toHaveLength(open.length);
    // A closed library is not there, even where an open one shares its name (Castle Donington moved).
    const closed = rows.filter((r) => r['Year closed'] !== '');
    expect(closed.length).toBeGreaterThan(0);
    for (const c of closed) expect(libraries.groups.some((g) => g.name === c['Library name'] && g.postcode === store.postcode(postcodeKey(c.Postcode))?.postcode)).toBe(false);
  });

  it('places every open library by its postcode in an area of every layer', () => {
    const libraries = registers.get('libraries')!;
    for (const l of LAYERS) expect(total(libraries, l.id), l.id).toBe(libraries.groups.length);
    const anstey = libraries.groups.find((g) => g.name === 'Anstey')!;
    const pc = store.postcode(postcodeKey(anstey.postcode!))!;
    expect(anstey.point).toEqual([pc.lon, pc.lat]);
  });
});

describe('the case-studies register', () => {
  it('counts each placed group in the parish or 2013 ward it names', () => {
    const rows = read('case-studies.csv');
    const cases = registers.get('case-studies')!;
    expect(cases.groups).toHaveLength(rows.length);
    for (const row of rows.filter((r) => r.area_type !== 'county' && r.status !== 'closed')) {
      const layer = row.area_type === 'parish' ? 'parishes' : 'wards-2013';
      const group = cases.groups.find((g) => g.name === row.name)!;
      expect(group.notCounted, row.name).toBeNull();
      expect(group.placement[LAYERS.findIndex((l) => l.id === layer)], row.name).toBe(row.area_code);
    }
  });

  it('lists county-wide and folded groups without counting them in any area', () => {
    const rows = read('case-studies.csv');
    const cases = registers.get('case-studies')!;
    const listedOnly = rows.filter((r) => r.area_type === 'county' || r.status === 'closed').map((r) => r.name);
    expect(listedOnly.length).toBeGreaterThan(0);
    expect(cases.groups.filter((g) => g.notCounted !== null).map((g) => g.name).sort()).toEqual(listedOnly.sort());
    for (const l of LAYERS) expect(total(cases, l.id), l.id).toBe(rows.length - listedOnly.length);
    const county = cases.groups.find((g) => g.locatedBy === 'county')!;
    expect(county.point).toBeNull();
    expect(county.notCounted).toContain('county-wide');
  });
});

describe('the built-in registers placed by the build', () => {
  it('are stored placed exactly as reading and locating them against the store gives', () => {
    // What start-up did before the build placed them: read and check the files, then locate every group.
    const fresh = loadBuiltinRegisters(GEODATA_DIR, registers.gazetteer, () => {});
    expect(fresh.map((r) => r.name)).toEqual(['libraries', 'case-studies']);
    for (const r of fresh) {
      const stored = registers.get(r.name)!;
      expect(stored.kind).toBe('built-in');
      expect(stored.groups).toEqual(r.groups.map((g) => locateGroup(g, store, store.locator)));
      expect(stored.counts).toEqual(countByLayer(r.groups.map((g) => locateGroup(g, store, store.locator))));
    }
  });

  it('are placed without preparing a polygon when the registers open', () => {
    const own = new Store(store.path);
    try {
      const opened = openRegisters(own);
      expect(opened.get('libraries')!.counted).toBeGreaterThan(0);
      expect(own.preparedPolygons()).toBe(0);
      opened.close();
    } finally {
      own.close();
    }
  });
});

describe('a malformed built-in register file', () => {
  it('stops loading with a BuildError naming the file and the problem', () => {
    const dir = variantOf(GEODATA_DIR, 'groups/libraries-leicestershire.csv', (t) => `${t.split('\n').slice(0, 3).join('\n')}\nLeicestershire County Council,"Broken\n`);
    const gazetteer = registers.gazetteer;
    expect(() => loadBuiltinRegisters(dir, gazetteer, () => {})).toThrow(BuildError);
    expect(() => loadBuiltinRegisters(dir, gazetteer, () => {})).toThrow(/groups\/libraries-leicestershire\.csv: not valid CSV/);
  });
});
