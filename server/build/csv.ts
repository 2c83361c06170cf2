// Reads a CSV file into typed rows, validating every row with zod and naming the line of the first bad one.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { BuildError, describeIssue } from './errors.ts';

export interface CsvRow<T> {
  line: number;
  value: T;
}

export function parseCsvText<S extends z.ZodType>(text: string, schema: S, label: string): CsvRow<z.output<S>>[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (err) {
    throw new BuildError(label, null, `not valid CSV (${(err as Error).message})`);
  }
  return records.map(({ record, info }) => {
    const result = schema.safeParse(record);
    if (!result.success) throw new BuildError(label, `line ${info.lines}`, describeIssue(result.error.issues[0]));
    return { line: info.lines, value: result.data };
  });
}

export function readCsv<S extends z.ZodType>(path: string, schema: S, label = path): CsvRow<z.output<S>>[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new BuildError(label, null, 'file is missing or unreadable');
  }
  return parseCsvText(text, schema, label);
}
