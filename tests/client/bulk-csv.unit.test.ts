// Many postcodes from a paste or a CSV: the postcode column is found, quoted fields survive, and the
// CSV written back keeps every input column beside each postcode's areas and services.
import '../support/client-layers.ts';
import { describe, expect, it } from 'vitest';
import { bulkCsv, parseCsv, postcodesOf, readBulkInput } from '../../client/postcodes/bulk-csv.ts';
import type { PostcodeResult } from '../../client/types.ts';

const services = [
  { id: 'nw', short_name: 'NW' },
  { id: 'scat', short_name: 'SCAT' },
];
const found: PostcodeResult = {
  query: 'le67 3wa', postcode: 'LE67 3WA', found: true, lon: -1.37, lat: 52.72,
  areas: { parishes: { code: 'E43000107', name: 'North West Leicestershire, unparished area', district_name: 'North West Leicestershire' }, lsoas: { code: 'E01025930', name: 'North West Leicestershire 010B', district_name: 'North West Leicestershire' } },
  services: [
    { id: 'nw', available: true, extent: 'whole', decided_by: 'lsoas/E01025930', share: 1, share_of: null, at_least: false },
    { id: 'scat', available: true, extent: 'part', decided_by: null, share: 0.182, share_of: 'parishes/E43000264', at_least: true },
  ],
};
const missing: PostcodeResult = { query: 'ZZ99 9ZZ', postcode: 'ZZ99 9ZZ', found: false, lon: null, lat: null, areas: {}, services: [] };

describe('reading many postcodes', () => {
  it('reads a pasted column with no header', () => {
    const input = readBulkInput('LE67 3WA\nle11 3aa\n\n');
    expect(input.header).toBeNull();
    expect(postcodesOf(input)).toEqual(['LE67 3WA', 'le11 3aa']);
  });

  it('finds the postcode column of a CSV by its header, through quoted commas and CRLF', () => {
    const input = readBulkInput('\uFEFFname,"address, town",Postcode\r\n"Hall, The",Coalville,LE67 3WA\r\nChapel,"Says ""hi""",LE11 3AA\r\n');
    expect(input.header).toEqual(['name', 'address, town', 'Postcode']);
    expect(input.column).toBe(2);
    expect(postcodesOf(input)).toEqual(['LE67 3WA', 'LE11 3AA']);
    expect(input.rows[1][1]).toBe('Says "hi"');
  });

  it('reads a tab-separated spreadsheet paste', () => {
    expect(parseCsv('a\tLE67 3WA\nb\tLE11 3AA')).toEqual([['a', 'LE67 3WA'], ['b', 'LE11 3AA']]);
  });
});

describe('writing the answer as CSV', () => {
  it('keeps the input columns and adds areas and services with the area that settles each', () => {
    const input = readBulkInput('name,postcode\n"=cmd",LE67 3WA\nNowhere,ZZ99 9ZZ\n');
    const lines = bulkCsv(input, [found, missing], services).trim().split('\r\n');
    expect(lines[0]).toBe('name,postcode,found,matched_postcode,lon,lat,parish_code,parish_name,ward_2025_code,ward_2025_name,lsoa_code,lsoa_name,ward_2013_code,ward_2013_name,NW,NW share,NW share is a lower bound,NW share of,NW decided by,SCAT,SCAT share,SCAT share is a lower bound,SCAT share of,SCAT decided by');
    // A formula in the input stays text.
    expect(lines[1]).toMatch(/^'=cmd,LE67 3WA,yes,LE67 3WA,-1.37,52.72,E43000107,/);
    expect(lines[1]).toContain(',yes,,,,lsoas/E01025930,part,0.182,yes,parishes/E43000264,');
    expect(lines[2]).toMatch(/^Nowhere,ZZ99 9ZZ,no,ZZ99 9ZZ,,,/);
  });
});
