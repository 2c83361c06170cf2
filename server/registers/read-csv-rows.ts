// Reads a register CSV into rows with their line numbers. Column names are matched without regard
// to case, spaces or common synonyms (Longitude → lon), and columns the atlas does not use are
// reported rather than refused, since directories exported from other systems carry many.
import { parse } from 'csv-parse/sync';
import type { RawRow, Rejection } from './group-input.ts';
import { MAX_EMPTY_ROWS } from '../config/limits.ts';

const SYNONYMS: Record<string, string> = {
  longitude: 'lon', lng: 'lon', long: 'lon',
  latitude: 'lat',
  post_code: 'postcode', postal_code: 'postcode',
  areacode: 'area_code', gss_code: 'area_code',
  website: 'url', web: 'url',
  description: 'summary',
};
export const KNOWN_COLUMNS = ['name', 'category', 'postcode', 'lon', 'lat', 'area_code', 'source', 'url', 'summary'];

export interface ReadRows {
  rows: RawRow[];
  /** Rows that could not even be split into the header's columns. */
  rejected: Rejection[];
  ignoredColumns: string[];
  /** A problem with the whole file (not CSV, missing columns); no rows are read then. */
  problem: Rejection | null;
}

/** Directories exported from other systems carry a few dozen columns; thousands means the file is not a register. */
export const MAX_COLUMNS = 1000;
/** The longest record (line) csv-parse will hold, in characters; the longest valid row is well under 3,000. */
export const MAX_FIELD_BYTES = 64 * 1024;

const column = (header: string) => {
  const key = header.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return SYNONYMS[key] ?? key;
};

const fail = (line: number, reason: string): ReadRows => ({ rows: [], rejected: [], ignoredColumns: [], problem: { line, field: null, kind: 'bad_file', reason } });

/** The header's columns (by their atlas names) and the ones the atlas does not use, or why the file is refused. */
function checkHeader(record: string[]): { headers: string[]; ignoredColumns: string[] } | ReadRows {
  if (record.length > MAX_COLUMNS) return fail(1, `has ${record.length} columns; a register may have at most ${MAX_COLUMNS}`);
  const headers = record.map(column);
  // One pass with a set: indexOf per column was quadratic (100,000 columns took 40 s to refuse).
  const seen = new Set<string>();
  const duplicate = headers.find((h) => h !== '' && (seen.has(h) || !seen.add(h)));
  if (duplicate) return fail(1, `column "${duplicate}" appears twice`);
  for (const required of ['name', 'category']) if (!headers.includes(required)) return fail(1, `missing column "${required}"`);
  const hasPoint = headers.includes('lon') && headers.includes('lat');
  if (headers.includes('lon') !== headers.includes('lat')) return fail(1, `column "${headers.includes('lon') ? 'lat' : 'lon'}" is missing; coordinates need both lon and lat`);
  if (!hasPoint && !headers.includes('postcode') && !headers.includes('area_code')) return fail(1, 'no location column: give postcode, lon and lat, or area_code');
  return { headers, ignoredColumns: record.filter((_, i) => !KNOWN_COLUMNS.includes(headers[i])) };
}

export function readCsvRows(text: string): ReadRows {
  // Checked before parsing, so a header of 100,000 columns costs a string search, not a parse.
  const headerEnd = text.indexOf('\n');
  if ((headerEnd === -1 ? text.length : headerEnd) > MAX_FIELD_BYTES)
    return fail(1, `the header line is longer than ${MAX_FIELD_BYTES} characters; a register may have at most ${MAX_COLUMNS} columns; is this a register directory?`);
  let header: { headers: string[]; ignoredColumns: string[] } | null = null;
  let headerProblem: ReadRows | null = null;
  const rows: RawRow[] = [];
  const rejected: Rejection[] = [];
  let emptyRows = 0;
  let tooManyEmpty: ReadRows | null = null;
  // Each record becomes its row as csv-parse reads it (on_record returns nothing, so it keeps none):
  // holding every parsed record first cost as much memory again as the rows themselves.
  const onRecord = (record: string[], lines: number) => {
    if (header === null) {
      const checked = checkHeader(record);
      if ('problem' in checked) {
        headerProblem = checked;
        throw headerProblem; // stops the parse; caught below
      }
      header = checked;
      return;
    }
    const { headers } = header;
    // `lines` is where the record ends; quoted fields may hold line breaks, so count back to its start.
    const line = lines - record.reduce((n, field) => n + field.split('\n').length - 1, 0);
    // A row of blank cells (",,,") is bad input, not a group; a file of them is not a register, and
    // is refused at once rather than read to its end (a 5 MB file of them held the import slot 44 s).
    if (record.every((cell) => cell === '')) {
      rejected.push({ line, field: null, kind: 'invalid_value', reason: 'the row is empty (every cell is blank)' });
      if (++emptyRows > MAX_EMPTY_ROWS) {
        tooManyEmpty = fail(line, `more than ${MAX_EMPTY_ROWS} empty rows (the last at line ${line}); is this a register?`);
        throw tooManyEmpty;
      }
      return;
    }
    // Fewer cells than headers is how spreadsheets save empty trailing cells; more means a stray comma.
    if (record.length > headers.length) rejected.push({ line, field: null, kind: 'invalid_value', reason: `has ${record.length} fields but the header has ${headers.length}; is a comma missing its quotes?` });
    else rows.push({ line, cells: Object.fromEntries(headers.map((h, i) => [h, record[i]]).filter(([h]) => KNOWN_COLUMNS.includes(h))) });
  };
  try {
    parse(text, {
      bom: true, skip_empty_lines: true, trim: true, relax_column_count: true,
      on_record: (record: string[], { lines }: { lines: number }) => onRecord(record, lines),
      max_record_size: MAX_FIELD_BYTES,
    } as never);
  } catch (err) {
    if (err === headerProblem) return headerProblem!;
    if (err === tooManyEmpty) return tooManyEmpty!;
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      const line = (err as { lines?: number }).lines ?? 1;
      return fail(line, `line ${line} is longer than ${MAX_FIELD_BYTES} characters; is this a register directory?`);
    }
    const e = err as { lines?: number; message: string };
    return fail(e.lines ?? 1, `not valid CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`);
  }
  const read = header as { ignoredColumns: string[] } | null; // set inside onRecord, which TypeScript cannot see
  if (read === null) return fail(1, 'the file is empty; expected a header line with name, category and a location column');
  return { rows, rejected, ignoredColumns: read.ignoredColumns, problem: null };
}
