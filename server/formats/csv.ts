// Reads a CSV file (the build's sources, the built-in registers) into zod-checked rows, naming the line of the
// first bad one. Small files are read whole; large ones (the postcode file: 2 million rows at England size)
// are streamed in chunks through the same csv-parse engine, so no more than one chunk's rows are ever held.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { Parser } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { BuildError, describeIssue } from './build-error.ts';

export interface CsvRow<T> {
  line: number;
  value: T;
}

const OPTIONS = { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true } as const;
type Parsed = { record: Record<string, string>; info: { lines: number } };

function checked<S extends z.ZodType>({ record, info }: Parsed, schema: S, label: string): CsvRow<z.output<S>> {
  const result = schema.safeParse(record);
  if (!result.success) throw new BuildError(label, `line ${info.lines}`, describeIssue(result.error.issues[0]));
  return { line: info.lines, value: result.data };
}

export function parseCsvText<S extends z.ZodType>(text: string, schema: S, label: string): CsvRow<z.output<S>>[] {
  let records: Parsed[];
  try {
    records = parse(text, OPTIONS);
  } catch (err) {
    throw new BuildError(label, null, `not valid CSV (${(err as Error).message})`);
  }
  return records.map((r) => checked(r, schema, label));
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

const CHUNK_BYTES = 1 << 20;

interface IncrementalParser {
  info: { lines: number };
  parse(bytes: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

/**
 * Calls `each` with every valid row, in file order, reading the file a chunk at a time: csv-parse's
 * incremental engine (the one its stream wraps) carries a row split across chunks over to the next.
 * Records come as arrays keyed by the header here (csv-parse's per-record objects and info copies cost
 * three times as much over 2 million rows). Synchronous, so the build stays one transaction; the first
 * bad row throws, naming its line.
 */
export function streamCsv<S extends z.ZodType>(path: string, schema: S, label: string, each: (row: CsvRow<z.output<S>>) => void): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new BuildError(label, null, 'file is missing or unreadable');
  }
  try {
    // The stream's own synchronous engine (not in csv-parse's typings): parse(bytes, end, push, close).
    const engine = (new Parser({ skip_empty_lines: true, trim: true, bom: true }) as unknown as { api: IncrementalParser }).api;
    let header: string[] | null = null;
    const push = (cells: string[]) => {
      if (!header) return void (header = cells);
      const line = engine.info.lines;
      if (cells.length !== header.length) throw new BuildError(label, `line ${line}`, `has ${cells.length} fields; the header has ${header.length}`);
      const record: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) record[header[i]] = cells[i];
      each(checked({ record, info: { lines: line } }, schema, label));
    };
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      // The engine keeps a reference to a partial row, so each chunk gets its own copy of the bytes.
      const error = engine.parse(n > 0 ? Buffer.from(buffer.subarray(0, n)) : undefined, n === 0, push, () => {});
      if (error) throw new BuildError(label, null, `not valid CSV (${error.message})`);
      if (n === 0) break;
    }
  } catch (err) {
    if (err instanceof BuildError) throw err;
    throw new BuildError(label, null, `not valid CSV (${(err as Error).message})`);
  } finally {
    closeSync(fd);
  }
}
