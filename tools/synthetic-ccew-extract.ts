// Writes a charity table in the Commission's published layout (every field of the data definition, in
// its order), as JSON or tab-separated text, from records the caller describes. For tests and the
// benchmark only: no real extract is ever committed. Written in pieces, so 200,000 rows stay small.
import { closeSync, openSync, writeSync } from 'node:fs';
import { CCEW_CHARITY_FIELDS } from '../server/registers/ccew/fields.ts';

export type CharityField = (typeof CCEW_CHARITY_FIELDS)[number];
export type CharityRow = Partial<Record<CharityField, string | number | boolean | null>>;

const DATE_FIELDS = new Set<string>(['date_of_extract', 'date_of_registration', 'date_of_removal', 'latest_acc_fin_period_start_date', 'latest_acc_fin_period_end_date', 'date_cio_dissolution_notice']);

/** A registered main charity with every field set as the register would set it; `row` overrides any. */
export function charityRow(n: number, row: CharityRow = {}): CharityRow {
  const base: CharityRow = {
    date_of_extract: '2025-11-03', organisation_number: 5_000_000 + n, registered_charity_number: 1_100_000 + n, linked_charity_number: 0,
    charity_name: `Synthetic Charity ${n}`, charity_type: 'Other', charity_registration_status: 'Registered', date_of_registration: '2012-04-17',
    date_of_removal: null, charity_reporting_status: 'Submission Received', latest_acc_fin_period_start_date: '2024-04-01',
    latest_acc_fin_period_end_date: '2025-03-31', latest_income: 1000 + (n % 97) * 517.25, latest_expenditure: 900 + (n % 89) * 411.5,
    charity_contact_address1: `${n} High Street`, charity_contact_address2: null, charity_contact_address3: null, charity_contact_address4: null,
    charity_contact_address5: null, charity_contact_postcode: null, charity_contact_phone: '0116 000 0000', charity_contact_email: null,
    charity_contact_web: null, charity_company_registration_number: null, charity_insolvent: false, charity_in_administration: false,
    charity_previously_excepted: null, charity_is_cdf_or_cif: null, charity_is_cio: n % 3 === 0, cio_is_dissolved: false,
    date_cio_dissolution_notice: null, charity_activities: 'Provides activities for local people, "young and old".', charity_gift_aid: null,
    charity_has_land: null,
  };
  return { ...base, ...row };
}

/** As the JSON file gives a value: dates with a time, booleans and numbers as JSON, nothing as null. */
function jsonValue(field: string, v: CharityRow[CharityField]) {
  if (v === undefined || v === null) return null;
  return DATE_FIELDS.has(field) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00` : v;
}

/** As the text file gives a value: dates with a time, True/False, nothing as an empty cell. */
function textValue(field: string, v: CharityRow[CharityField]) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return DATE_FIELDS.has(field) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v} 00:00:00` : String(v);
}

export function jsonRecord(row: CharityRow): string {
  return JSON.stringify(Object.fromEntries(CCEW_CHARITY_FIELDS.map((f) => [f, jsonValue(f, row[f])])));
}

export function textLine(row: CharityRow): string {
  return CCEW_CHARITY_FIELDS.map((f) => textValue(f, row[f])).join('\t');
}

/**
 * Writes the rows as publicextract.charity.json (a JSON array, one record a line after a BOM, as the
 * Commission's file starts) or publicextract.charity.txt (header row, CRLF line ends).
 */
export function writeExtract(path: string, form: 'json' | 'tsv', rows: Iterable<CharityRow | string>): void {
  const fd = openSync(path, 'w');
  try {
    let buffer = '';
    const out = (s: string) => {
      buffer += s;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    };
    let first = true;
    out(form === 'json' ? '\uFEFF[' : `\uFEFF${CCEW_CHARITY_FIELDS.join('\t')}\r\n`);
    // A string is written as given: a malformed record for the tests.
    for (const row of rows) {
      const text = typeof row === 'string' ? row : form === 'json' ? jsonRecord(row) : textLine(row);
      out(form === 'json' ? `${first ? '' : ','}\n${text}` : `${text}\r\n`);
      first = false;
    }
    if (form === 'json') out('\n]');
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}
