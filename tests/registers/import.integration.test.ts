// Importing a register against the real atlas: the happy path and its report, every rejection
// reason with its line number, all-or-nothing imports, atomic replacement, and registers that
// outlive a rebuilt atlas file or are changed by another process.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GroupRegisters } from '../../server/registers/group-registers.ts';
import { RegisterError } from '../../server/registers/register-name.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { tempDir } from '../support/variant-dirs.ts';
import { atlasDbPath, csv, freshRegistersPath, insidePoint, openRegisters, useRegisters } from './support.ts';

const held = useRegisters();
let store: AtlasStore;
let registers: GroupRegisters;
let inCounty: { postcode: string; parish: string }[];
let outside: string;

const HEADER = ['name', 'category', 'postcode', 'lon', 'lat', 'area_code'];
const countsOf = (g: GroupRegisters, name: string) => Object.fromEntries(LAYERS.map((l) => [l.id, [...g.counts(l.id, [name])].sort()]));
const rejectionOf = (fn: () => unknown): RegisterError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof RegisterError) return err;
    throw err;
  }
  throw new Error('expected the import to be rejected');
};

beforeAll(() => {
  ({ store, registers } = held);
  // Postcodes in and outside the county, decided by the store's own R-tree look-up, not by the code under test.
  const le = store.postcodesStartingWith('LE', 3000);
  inCounty = le
    .map((p) => ({ postcode: p.postcode, parish: store.containing(p.lon, p.lat).find((a) => a.layer === 'parishes')?.code }))
    .filter((p): p is { postcode: string; parish: string } => p.parish !== undefined)
    .slice(0, 3);
  outside = store.postcodesStartingWith('', 100_000).find((p) => store.containing(p.lon, p.lat).length === 0)!.postcode;
});

describe('importing a register', () => {
  it('imports postcodes typed any way, coordinates and area codes, and reports where they landed', () => {
    const [a, b] = inCounty;
    const [lon, lat] = insidePoint(store, 'wards', store.areas('wards')[0].code);
    const messy = (pc: string) => pc.toLowerCase().replace(' ', '  ');
    const text = csv(HEADER, [
      ['Tea club', 'social', messy(a.postcode), '', '', ''],
      ['Choir', 'arts', b.postcode.replace(' ', ''), '', '', ''],
      ['Walkers', 'health', '', lon, lat, ''],
      ['Village hall committee', 'social', '', '', '', store.areas('parishes')[5].code],
      ['County network', 'umbrella', '', '', '', 'E10000018'],
    ]);
    const report = registers.import({ register: 'happy', format: 'csv', content: text, fileName: 'happy.csv' });
    expect(report).toMatchObject({ status: 'imported', rows_read: 5, imported: 5, rejected: 0, counted: 4, replaced_previous: false });
    expect(report.located_by).toEqual({ postcode: 2, coordinates: 1, area_code: 1, county: 1 });
    expect(report.categories).toEqual({ arts: 1, health: 1, social: 2, umbrella: 1 });
    expect(report.not_counted).toEqual([{ name: 'County network', line: 6, reason: expect.stringContaining('county-wide') }]);
    for (const l of LAYERS) expect(report.layers[l.id].located + report.layers[l.id].not_located).toBe(5);
    expect(report.layers.parishes.located).toBe(4);
    expect(registers.counts('parishes', ['happy']).get(a.parish)).toBeGreaterThanOrEqual(1);
    expect(registers.registers().find((r) => r.name === 'happy')).toMatchObject({ rows: 5, source: 'imported from happy.csv' });
  });

  it('rejects each kind of bad row with its line number and reason, and imports nothing', () => {
    const good = inCounty[0].postcode;
    const text = csv(HEADER, [
      ['Fine group', 'social', good, '', '', ''],
      ['Ghost group', 'social', 'LE99 9ZZ', '', '', ''],
      ['City group', 'social', outside, '', '', ''],
      ['Far away', 'social', '', -0.1276, 51.5072, ''],
      ['Nowhere', 'social', '', '', '', 'E04999999'],
      ['', 'social', good, '', '', ''],
      ['No category', '', good, '', '', ''],
      ['Lost', 'social', '', '', '', ''],
    ]);
    const err = rejectionOf(() => registers.import({ register: 'bad', format: 'csv', content: text }));
    expect(err.status).toBe(422);
    expect(err.report!.rejections.map((r) => [r.line, r.kind])).toEqual([
      [3, 'unknown_postcode'],
      [4, 'outside_county'],
      [5, 'outside_county'],
      [6, 'unknown_area_code'],
      [7, 'empty_field'],
      [8, 'empty_field'],
      [9, 'no_location'],
    ]);
    const reasons = err.report!.rejections.map((r) => r.reason);
    expect(reasons[0]).toBe('unknown postcode "LE99 9ZZ"');
    expect(reasons[1]).toContain(`postcode ${outside} is outside the county`);
    expect(reasons[2]).toBe('coordinates -0.1276, 51.5072 are outside the county');
    expect(reasons[3]).toContain('unknown area code "E04999999"');
    expect(reasons.slice(4, 6)).toEqual(['required field "name" is empty', 'required field "category" is empty']);
    expect(err.report).toMatchObject({ status: 'rejected', rows_read: 8, imported: 0, rejected: 7 });
    expect(registers.registers().some((r) => r.name === 'bad')).toBe(false);
  });

  it('numbers GeoJSON problems by feature', () => {
    const features = [
      { type: 'Feature', geometry: { type: 'Point', coordinates: insidePoint(store, 'lsoas', store.areas('lsoas')[0].code) }, properties: { name: 'A', category: 'x' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [-0.1276, 51.5072] }, properties: { name: 'B', category: 'x' } },
    ];
    const err = rejectionOf(() => registers.import({ register: 'geo', format: 'geojson', content: JSON.stringify({ type: 'FeatureCollection', features }) }));
    expect(err.report!.rejections).toEqual([{ feature: 2, field: 'lon', kind: 'outside_county', reason: 'coordinates -0.1276, 51.5072 are outside the county' }]);
  });

  it('leaves the earlier register, its counts and the version unchanged when a file has one bad row', () => {
    const rows = inCounty.map((p, i) => [`Group ${i}`, 'social', p.postcode, '', '', '']);
    registers.import({ register: 'steady', format: 'csv', content: csv(HEADER, rows) });
    const before = { summary: registers.registers().find((r) => r.name === 'steady'), counts: countsOf(registers, 'steady'), version: registers.version() };
    const bad = csv(HEADER, [...rows, ...rows, ['Ghost', 'social', 'LE99 9ZZ', '', '', '']]);
    const err = rejectionOf(() => registers.import({ register: 'steady', format: 'csv', content: bad }));
    expect(err.report!.rejections).toEqual([expect.objectContaining({ line: 8, kind: 'unknown_postcode' })]);
    expect(registers.registers().find((r) => r.name === 'steady')).toEqual(before.summary);
    expect(countsOf(registers, 'steady')).toEqual(before.counts);
    expect(registers.version()).toBe(before.version);
  });

  it('replaces a register as a whole on re-import', () => {
    const one = csv(HEADER, [['Only one', 'social', inCounty[1].postcode, '', '', '']]);
    registers.import({ register: 'swap', format: 'csv', content: csv(HEADER, inCounty.map((p, i) => [`G${i}`, 'x', p.postcode, '', '', ''])) });
    const version = registers.version();
    const report = registers.import({ register: 'swap', format: 'csv', content: one });
    expect(report.replaced_previous).toBe(true);
    expect(registers.registers().find((r) => r.name === 'swap')!.rows).toBe(1);
    expect([...registers.counts('parishes', ['swap'])]).toEqual([[inCounty[1].parish, 1]]);
    expect(registers.version()).not.toBe(version);
  });

  it('refuses the built-in register names and badly formed names', () => {
    const text = csv(HEADER, [['A', 'x', inCounty[0].postcode, '', '', '']]);
    expect(rejectionOf(() => registers.import({ register: 'libraries', format: 'csv', content: text })).status).toBe(409);
    expect(rejectionOf(() => registers.import({ register: 'My Register', format: 'csv', content: text })).status).toBe(400);
  });
});

describe('registers outside the atlas database', () => {
  it('survive a rebuilt atlas file and are re-located against it', () => {
    const path = freshRegistersPath();
    const first = openRegisters(store, path);
    first.import({ register: 'kept', format: 'csv', content: csv(HEADER, inCounty.map((p, i) => [`G${i}`, 'x', p.postcode, '', '', ''])) });
    const counts = countsOf(first, 'kept');
    first.close();
    const rebuilt = join(tempDir('rebuilt'), 'atlas.sqlite');
    copyFileSync(atlasDbPath(), rebuilt);
    const store2 = new AtlasStore(rebuilt);
    const second = openRegisters(store2, path);
    expect(countsOf(second, 'kept')).toEqual(counts);
    second.close();
    store2.close();
  });

  it('picks up an import made by another process (the CLI) at the next request', () => {
    const path = freshRegistersPath();
    const server = openRegisters(store, path);
    const cli = openRegisters(store, path);
    const version = server.version();
    cli.import({ register: 'from-cli', format: 'csv', content: csv(HEADER, [['A', 'x', inCounty[2].postcode, '', '', '']]) });
    expect(server.version()).not.toBe(version);
    expect(server.counts('parishes', ['from-cli']).get(inCounty[2].parish)).toBe(1);
    cli.close();
    server.close();
  });
});
