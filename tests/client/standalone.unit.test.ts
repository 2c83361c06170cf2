// The standalone page's two pure parts: the file name it asks for in place of an API address (the
// name the export wrote, server/export/standalone.ts), and its search over the exported names.
import { describe, expect, it } from 'vitest';
import { sortedUrl } from '../../server/export/standalone.ts';
import { exportName } from '../../server/export/static-export.ts';
import { rankNames } from '../../client/state/standalone-search.ts';
import { fileUrl } from '../../client/state/standalone.ts';

const ORIGIN = 'http://copy.example';

describe('fileUrl', () => {
  it('leaves every address alone in the live page', () => {
    expect(fileUrl('/api/areas/E04013143?layer=parishes', false, ORIGIN)).toBe('/api/areas/E04013143?layer=parishes');
  });

  it('names the file the export wrote for the same request, whatever the parameter order', () => {
    const exported = exportName(sortedUrl('/api/analysis/ranked', { layer: 'parishes', by: 'category', district: 'E07000131' }));
    expect(decodeURIComponent(fileUrl('/api/analysis/ranked?layer=parishes&by=category&district=E07000131', true, ORIGIN))).toBe(exported);
    expect(fileUrl('/api/layers', true, ORIGIN)).toBe(exportName('/api/layers'));
    expect(decodeURIComponent(fileUrl('/api/layers/wards.geojson?registers=libraries%2Ccase-studies', true, ORIGIN))).toBe('/api/layers/wards.geojson@registers=libraries,case-studies');
  });

  it('reads any origin\'s /api/ address from this site (TileJSON names the export origin), and nothing else', () => {
    expect(fileUrl('https://atlas.example.org/api/tiles/parishes/8/127/84.mvt?v=abc', true, ORIGIN)).toBe(`${ORIGIN}/api/tiles/parishes/8/127/84.mvt@v=abc`);
    expect(fileUrl('/glyphs/Open Sans Regular/0-255.pbf', true, ORIGIN)).toBe('/glyphs/Open Sans Regular/0-255.pbf');
    expect(fileUrl('/api/layers@', true, ORIGIN)).toBe('/api/layers@');
  });
});

const entry = (key: string, code: string, layer: 'parishes' | 'wards', listed_as: string | null = null) => ({
  key, code, layer, name: key, district_name: 'Harborough', category: null, label: [0, 0] as [number, number], bbox: [0, 0, 1, 1] as [number, number, number, number], listed_as,
});

describe('rankNames', () => {
  const names = [entry('ashby parva', 'E04000001', 'parishes'), entry('ashby magna', 'E04000002', 'parishes'), entry('great ashby', 'E04000003', 'parishes'), entry('ashby', 'E05000001', 'wards'), entry('ashby', 'E04000002', 'parishes', 'Ashby')];

  it('ranks an Appendix One name, then exact, prefix and word prefix, keeping the file order within a kind, one result per area', () => {
    const r = rankNames(names, 'Ashby');
    expect(r.results.map((x) => `${x.type === 'area' ? x.code : x.name}:${x.matched}`)).toEqual(['E04000002:listed', 'E05000001:exact', 'E04000001:prefix', 'E04000003:word_prefix']);
    expect(r.found).toBe(true);
  });

  it('says a postcode needs the live atlas, and an unknown name that it was not found', () => {
    expect(rankNames(names, 'LE8 0JH').note).toContain('needs the live atlas');
    const none = rankNames(names, 'Xyzzy');
    expect(none.results).toEqual([]);
    expect(none.note).toContain('Xyzzy');
  });
});
