// Reads the text form of the extract with csv-parse: tab-delimited, no quoting (the Commission's text
// file does not quote, so a quote is a character like any other), CRLF or LF line ends, a header row.
// A line break inside a field ends a line early; such a line is joined with the next one, as one record.
import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { CCEW_RECORD_LIMIT } from '../../config/limits.ts';
import { CCEW_REQUIRED_FIELDS } from './fields.ts';
import { fatal, tooLong, type ExtractItem } from './extract-items.ts';

export async function* textRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<ExtractItem> {
  const source = Readable.from(chunks);
  const parser = parse({
    delimiter: '\t',
    quote: false,
    record_delimiter: ['\r\n', '\n'],
    bom: true,
    relax_column_count: true, // a line with a tab too many or too few is reported here, with its line
    skip_empty_lines: false,
    info: true,
    // csv-parse counts the bytes of a record's fields, so it stops a long line before holding it; a record
    // joined from broken lines is counted below from info.bytes, delimiters and line ends included.
    max_record_size: CCEW_RECORD_LIMIT,
  });
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);

  let header: string[] | null = null;
  let record = 0;
  let read = 0; // bytes consumed up to the end of the last record
  let pending: { line: number; fields: string[]; bytes: number } | null = null;
  try {
    for await (const { record: fields, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const bytes = info.bytes - read;
      read = info.bytes;
      const line = info.lines;
      if (header === null) {
        header = fields.map((h) => h.trim());
        const missing = CCEW_REQUIRED_FIELDS.filter((f) => !header!.includes(f));
        if (missing.length)
          return yield fatal(1, `the header has no ${missing.map((f) => `"${f}"`).join(', ')}; expected the charity table of the register extract (publicextract.charity), tab-separated with its header row`);
        continue;
      }
      if (pending === null && fields.length === 1 && fields[0] === '') continue; // an empty line
      if (pending) {
        pending.fields[pending.fields.length - 1] += `\n${fields[0]}`;
        pending.fields.push(...fields.slice(1));
        pending.bytes += bytes;
      } else pending = { line, fields: [...fields], bytes };
      if (pending.bytes > CCEW_RECORD_LIMIT) return yield tooLong(pending.line);
      if (pending.fields.length < header.length) continue;
      const done = pending;
      pending = null;
      if (done.fields.length > header.length) {
        const joined = done.line === line ? '' : ` (lines ${done.line}–${line} read as one record)`;
        yield { kind: 'problem', line: done.line, field: header[header.length - 1] ?? null, reason: `line ${done.line} has ${done.fields.length} fields but the header has ${header.length}${joined}; a tab is missing or extra`, fatal: false, fields: done.fields };
        continue;
      }
      record++;
      const cells: Record<string, unknown> = {};
      header.forEach((h, i) => (cells[h] = done.fields[i]));
      yield { kind: 'record', form: 'tsv', line: done.line, record, cells };
    }
  } catch (err) {
    const e = err as { code?: string; lines?: number; message: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE') return yield tooLong(pending?.line ?? e.lines ?? 0);
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) return yield fatal(e.lines ?? 0, `the text file cannot be read: ${e.message}`);
    throw err;
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (header === null) return yield fatal(1, 'the file has no header row');
  const open = pending as { line: number; fields: string[] } | null;
  if (open) yield { kind: 'problem', line: open.line, field: header[open.fields.length - 1] ?? null, reason: `line ${open.line} has ${open.fields.length} fields but the header has ${header.length}; the file ends inside this record`, fatal: false };
}
