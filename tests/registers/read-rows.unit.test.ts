// Reading register files: CSV headers matched loosely, line numbers that point at the right line
// (blank lines, quoted line breaks), whole-file problems, and GeoJSON features numbered from 1.
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../server/registers/read-csv-rows.ts';
import { readGeojsonRows } from '../../server/registers/read-geojson-rows.ts';

describe('readCsvRows', () => {
  it('matches column names whatever their case, spacing or common synonym, and reports unused columns', () => {
    const r = readCsvRows('\uFEFFName, CATEGORY ,Post Code,Website,Phone\nA,b,le17 4ed,https://a.example,0116\n');
    expect(r.problem).toBeNull();
    expect(r.rows).toEqual([{ line: 2, cells: { name: 'A', category: 'b', postcode: 'le17 4ed', url: 'https://a.example' } }]);
    expect(r.ignoredColumns).toEqual(['Phone']);
  });

  it('numbers rows by the line they start on, across blank lines and quoted line breaks', () => {
    const r = readCsvRows('name,category,postcode\n\nA,b,x\n"Two\nline name",c,y\nD,e,z\n');
    expect(r.rows.map((x) => [x.line, x.cells.name])).toEqual([
      [3, 'A'],
      [4, 'Two\nline name'],
      [6, 'D'],
    ]);
  });

  it('rejects a row with more fields than the header, by its line, and keeps reading', () => {
    const r = readCsvRows('name,category,postcode\nA,b,c\nD,e,f,g\n');
    expect(r.rows).toHaveLength(1);
    expect(r.rejected).toEqual([expect.objectContaining({ line: 3, kind: 'invalid_value' })]);
  });

  it.each([
    ['name,postcode\nA,x\n', 'missing column "category"'],
    ['name,category,lon\nA,b,1\n', 'column "lat" is missing'],
    ['name,category,phone\nA,b,1\n', 'no location column'],
    ['name,category,name,postcode\n', 'column "name" appears twice'],
    ['', 'the file is empty'],
  ])('refuses the whole file when the header is wrong: %j', (text, reason) => {
    const r = readCsvRows(text);
    expect(r.problem?.kind).toBe('bad_file');
    expect(r.problem?.reason).toContain(reason);
  });
});

describe('readGeojsonRows', () => {
  const point = (lon: number, lat: number, properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });

  it('reads points and their properties, numbering features from 1', () => {
    const r = readGeojsonRows(JSON.stringify({ type: 'FeatureCollection', features: [point(-1.2, 52.6, { name: 'A', category: 'b', phone: 1 }), { type: 'Feature', geometry: null, properties: { name: 'B', category: 'c', postcode: 'LE17 4ED' } }] }));
    expect(r.rows).toEqual([
      { line: 1, cells: { name: 'A', category: 'b', lon: -1.2, lat: 52.6 } },
      { line: 2, cells: { name: 'B', category: 'c', postcode: 'LE17 4ED' } },
    ]);
    expect(r.ignoredColumns).toEqual(['phone']);
  });

  it('rejects features that are not points, by feature number', () => {
    const line = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { name: 'L', category: 'x' } };
    const r = readGeojsonRows({ type: 'FeatureCollection', features: [point(-1.2, 52.6, { name: 'A', category: 'b' }), line] });
    expect(r.rejected).toEqual([expect.objectContaining({ line: 2, field: 'geometry', reason: 'geometry must be a Point, not LineString' })]);
  });

  it.each([
    ['{', 'not valid JSON'],
    ['{"type":"FeatureCollection","crs":{"type":"name"},"features":[]}', 'crs'],
    ['{"type":"Point","coordinates":[0,0]}', 'FeatureCollection'],
  ])('refuses the whole file: %s', (text, reason) => {
    expect(readGeojsonRows(text).problem?.reason).toContain(reason);
  });
});
