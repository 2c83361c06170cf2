// What the extract readers yield: a record with where it starts, or a problem naming its line. Shared by
// the JSON and the text reader (read-extract-json.ts, read-extract-text.ts).
import { CCEW_RECORD_LIMIT } from '../../config/limits.ts';

export type ExtractForm = 'json' | 'tsv';

export interface ExtractRecord {
  kind: 'record';
  form: ExtractForm;
  /** The line the record starts on (1-based; the text file's header is line 1). */
  line: number;
  /** The record's position in the file, from 1. */
  record: number;
  cells: Record<string, unknown>;
}

export interface ExtractProblem {
  kind: 'problem';
  line: number;
  field: string | null;
  reason: string;
  /** The file cannot be read on from here (not the charity table, a record too long, broken JSON). */
  fatal: boolean;
  /** A text line with a tab too many: its fields, whose columns cannot be trusted, so that the county can still be told first. */
  fields?: string[];
}

export type ExtractItem = ExtractRecord | ExtractProblem;

export const fatal = (line: number, reason: string): ExtractProblem => ({ kind: 'problem', line, field: null, reason, fatal: true });

export const tooLong = (line: number) =>
  fatal(line, `the record starting on line ${line} is longer than ${CCEW_RECORD_LIMIT.toLocaleString('en-GB')} bytes; is this the charity table of the register extract?`);
