// Charity Commission extracts for the tests, written by the tests in the official layout
// (tools/synthetic-ccew-extract.ts), with real postcodes read from GEODATA_DIR: some whose
// centroid the atlas places in the county, some in the file but outside it, and one not in the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { charityRow, writeExtract, type CharityRow } from '../../tools/synthetic-ccew-extract.ts';
import type { AtlasStore } from '../../server/store/atlas-store.ts';
import { GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

export interface SharedPostcodes {
  /** Postcodes whose centroid lies in an LSOA of the county, with that LSOA (as the registers count). */
  inside: { postcode: string; lsoa: string }[];
  /** Postcodes in the shared file whose centroid is in no area of the county. */
  outside: string[];
  /** A well-formed postcode that is not in the shared file. */
  unknown: string;
}

export function sharedPostcodes(store: AtlasStore, take = 3): SharedPostcodes {
  const rows = parse(readFileSync(join(GEODATA_DIR, 'postcodes', 'postcodes-leicestershire.csv'), 'utf8'), { columns: true }) as { postcode: string; lat: string; lon: string }[];
  const inside: SharedPostcodes['inside'] = [];
  const outside: string[] = [];
  // Every 97th postcode, so the picks spread over the file rather than one street.
  for (let i = 0; i < rows.length && (inside.length < take || outside.length < 1); i += 97) {
    const r = rows[i];
    const lsoa = store.placeInLayers(Number(r.lon), Number(r.lat)).find((p) => p.area.layer === 'lsoas');
    if (lsoa && lsoa.boundaryWith.length === 0) {
      if (inside.length < take) inside.push({ postcode: r.postcode, lsoa: lsoa.area.code });
    } else if (!lsoa && store.placeInLayers(Number(r.lon), Number(r.lat)).length === 0 && outside.length < 1) outside.push(r.postcode);
  }
  const known = new Set(rows.map((r) => r.postcode.replace(/\s+/g, '')));
  const unknown = ['SW1A 1AA', 'EH1 1YZ', 'CF10 1EP'].find((p) => !known.has(p.replace(/\s+/g, '')))!;
  return { inside, outside, unknown };
}

/** The extract every test reads: three kept charities and one of each reason to leave a record out. */
export function extractRows(p: SharedPostcodes): CharityRow[] {
  return [
    charityRow(1, { charity_contact_postcode: p.inside[0].postcode, charity_name: 'Wigston Scouts', latest_income: 12345.67, date_of_registration: '1965-02-01' }),
    charityRow(2, { charity_contact_postcode: p.inside[1].postcode.toLowerCase().replace(/\s+/g, '') }),
    charityRow(3, { charity_contact_postcode: p.inside[2].postcode, latest_income: null }),
    charityRow(4, { charity_contact_postcode: p.inside[0].postcode, charity_registration_status: 'Removed', date_of_removal: '2019-06-30' }),
    charityRow(5, { charity_contact_postcode: p.inside[0].postcode, registered_charity_number: 1_100_001, linked_charity_number: 1, charity_type: null }),
    charityRow(6, { charity_contact_postcode: null }),
    charityRow(7, { charity_contact_postcode: p.outside[0] }),
    charityRow(8, { charity_contact_postcode: p.unknown }),
  ];
}

export function extractFile(form: 'json' | 'tsv', rows: Iterable<CharityRow | string>): string {
  const path = join(tempDir('ccew'), form === 'json' ? 'publicextract.charity.json' : 'publicextract.charity.txt');
  writeExtract(path, form, rows);
  return path;
}
