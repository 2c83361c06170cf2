// The small gaps found by hostile testing, each pinned: the CSV formula guard, OGC datetime, the
// area panel's registers, and the CSV column check.
import { describe, expect, it } from 'vitest';
import { areaUrl } from '../../client/api.ts';
import { csvCell } from '../../server/http/presenters/csv.ts';
import { datetimeParam } from '../../server/ogc/params.ts';
import { readCsvRows } from '../../server/registers/read-csv-rows.ts';

describe('CSV formula guard', () => {
  it('prefixes a formula that starts with a minus and a digit, and leaves plain numbers alone', () => {
    expect(csvCell("-1+cmd|' /C calc'!A0")).toBe("'-1+cmd|' /C calc'!A0");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(-52.5)).toBe('-52.5');
    expect(csvCell(-1e-7)).toBe('-1e-7');
  });
});

describe('OGC datetime', () => {
  const ok = (s: string) => datetimeParam.safeParse(s).success;
  it('refuses days and times that do not exist, and reversed intervals', () => {
    expect(ok('2020-02-30')).toBe(false);
    expect(ok('2021-02-29')).toBe(false);
    expect(ok('2024-01-01T25:00:00Z')).toBe(false);
    expect(ok('2024-05-01/2020-01-01')).toBe(false);
    expect(datetimeParam.safeParse('2024-05-01/2020-01-01').error?.issues[0].message).toContain('reversed');
  });
  it('accepts real instants and intervals, open or closed', () => {
    expect(ok('2020-02-29')).toBe(true);
    expect(ok('2024-01-01T00:00:00Z/..')).toBe(true);
    expect(ok('../2024-01-01')).toBe(true);
    expect(ok('2020-01-01/2024-05-01T12:00:00+01:00')).toBe(true);
  });
});

describe('the area panel', () => {
  it('asks for the area with the registers the map counts', () => {
    expect(areaUrl('E04005341', 'parishes', ['b', 'a'])).toBe('/api/areas/E04005341?layer=parishes&registers=b%2Ca');
    expect(areaUrl('E04005341', 'parishes', [])).toBe('/api/areas/E04005341?layer=parishes');
  });
});

describe('CSV columns', () => {
  it('finds a duplicate among 1,000 columns (one pass, not quadratic)', () => {
    const header = ['name', 'category', 'postcode', ...Array.from({ length: 996 }, (_, i) => `c${i}`), 'C5'].join(',');
    expect(readCsvRows(`${header}\n`).problem?.reason).toBe('column "c5" appears twice');
  });
  it('refuses a line longer than the record cap with its line number', () => {
    const r = readCsvRows(`name,category,postcode\nA,"${'x'.repeat(70_000)}",LE1 1AA\n`);
    expect(r.problem).toMatchObject({ line: 2, kind: 'bad_file' });
  });
});
