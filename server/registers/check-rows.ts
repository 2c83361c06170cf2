// Checks every row of a register file before anything is stored: each row is validated and placed,
// and every problem is collected (not only the first), so the person importing can fix them all at once.
import { isRejection, validateRow, type GroupInput, type Rejection } from './group-input.ts';
import { placeGroup, type Gazetteer } from './place-group.ts';
import { readCsvRows, type ReadRows } from './read-csv-rows.ts';
import { readGeojsonRows } from './read-geojson-rows.ts';

/** The forms a register is read from: the atlas's own CSV and GeoJSON, and the Charity Commission extract. */
export const REGISTER_FORMATS = ['csv', 'geojson', 'ccew'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];
/** The forms read whole into rows of the atlas's columns. */
export type RowFormat = Exclude<RegisterFormat, 'ccew'>;

export interface CheckedRows {
  format: RegisterFormat;
  rowsRead: number;
  groups: GroupInput[];
  /** In file order; a file-level problem (bad header, not CSV) is the only entry when present. */
  rejections: Rejection[];
  ignoredColumns: string[];
}

export function readRows(format: RowFormat, content: string | object): ReadRows {
  return format === 'csv' ? readCsvRows(String(content)) : readGeojsonRows(content);
}

export function checkRows(format: RowFormat, content: string | object, gazetteer: Gazetteer): CheckedRows {
  return checkReadRows(format, readRows(format, content), gazetteer);
}

/** For rows already read (the built-in registers map their own columns). */
export function checkReadRows(format: RowFormat, read: ReadRows, gazetteer: Gazetteer): CheckedRows {
  if (read.problem) return { format, rowsRead: 0, groups: [], rejections: [read.problem], ignoredColumns: [] };
  const groups: GroupInput[] = [];
  const rejections = [...read.rejected];
  for (const raw of read.rows) {
    const row = validateRow(raw);
    const placed = isRejection(row) ? row : placeGroup(row, raw.line, gazetteer);
    if (isRejection(placed)) rejections.push(placed);
    else groups.push(placed);
  }
  rejections.sort((a, b) => a.line - b.line);
  const rowsRead = read.rows.length + read.rejected.length;
  if (rowsRead === 0) rejections.push({ line: format === 'csv' ? 2 : 0, field: null, kind: 'bad_file', reason: 'the file holds no groups; to remove a register, delete it' });
  return { format, rowsRead, groups, rejections, ignoredColumns: read.ignoredColumns };
}
