// Streams the Charity Commission's `publicextract.charity` file, JSON (one array of objects) or
// tab-separated text (a header row, then one charity a line), record by record: the file is read in
// 1 MiB chunks and only the record being read is held, so a 400 MB extract costs a few MB here.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CCEW_REQUIRED_FIELDS } from './fields.ts';

/** The longest single record accepted, in characters; the longest real one (long activities) is far shorter. */
export const MAX_RECORD_CHARS = 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

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
  /** The file cannot be read on from here (not the charity table, a record too long, a broken array). */
  fatal: boolean;
}

export type ExtractItem = ExtractRecord | ExtractProblem;

function* chunks(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    for (let n; (n = readSync(fd, buffer, 0, CHUNK_BYTES, null)) > 0; ) yield decoder.write(buffer.subarray(0, n));
    yield decoder.end();
  } finally {
    closeSync(fd);
  }
}

const fatal = (line: number, reason: string): ExtractProblem => ({ kind: 'problem', line, field: null, reason, fatal: true });
const tooLong = (line: number) => fatal(line, `the record starting on line ${line} is longer than ${MAX_RECORD_CHARS.toLocaleString('en-GB')} characters; is this the charity table of the register extract?`);

/** Which form the file is in, from its first character: "[" is the JSON file, anything else the text file. */
export function extractForm(head: string): ExtractForm {
  return head.replace(/^\uFEFF/, '').trimStart().startsWith('[') ? 'json' : 'tsv';
}

/** Every record of the extract in file order, with problems where they occur. */
export function* readExtract(path: string): Generator<ExtractItem> {
  const source = chunks(path);
  let first = source.next();
  while (!first.done && first.value.replace(/^\uFEFF/, '').trim() === '') first = source.next();
  if (first.done) {
    yield fatal(1, 'the file is empty; expected the publicextract.charity JSON or text file');
    return;
  }
  const form = extractForm(first.value);
  const all = (function* () {
    yield first.value as string;
    yield* source;
  })();
  yield* form === 'json' ? jsonRecords(all) : tsvRecords(all);
}

function* tsvRecords(text: Iterable<string>): Generator<ExtractItem> {
  let header: string[] | null = null;
  let line = 0;
  let record = 0;
  // A record whose line ended early: a line break inside a field (the text file does not quote), joined with the next line.
  let pending: { line: number; fields: string[]; chars: number } | null = null;

  function* take(raw: string): Generator<ExtractItem> {
    line++;
    const row = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (header === null) {
      header = row.replace(/^\uFEFF/, '').split('\t').map((h) => h.trim());
      const missing = CCEW_REQUIRED_FIELDS.filter((f) => !header!.includes(f));
      if (missing.length) yield fatal(1, `the header has no ${missing.map((f) => `"${f}"`).join(', ')}; expected the charity table of the register extract (publicextract.charity), tab-separated with its header row`);
      return;
    }
    if (row === '' && pending === null) return;
    const fields = row.split('\t');
    if (pending) {
      pending.fields[pending.fields.length - 1] += `\n${fields[0]}`;
      pending.fields.push(...fields.slice(1));
      pending.chars += row.length;
    } else pending = { line, fields, chars: row.length };
    if (pending.chars > MAX_RECORD_CHARS) {
      yield tooLong(pending.line);
      return;
    }
    if (pending.fields.length < header.length) return;
    const done = pending;
    pending = null;
    if (done.fields.length > header.length) {
      const joined = done.line === line ? '' : ` (lines ${done.line}–${line} read as one record)`;
      yield { kind: 'problem', line: done.line, field: header[header.length - 1] ?? null, reason: `line ${done.line} has ${done.fields.length} fields but the header has ${header.length}${joined}; a tab is missing or extra`, fatal: false };
      return;
    }
    record++;
    const cells: Record<string, unknown> = {};
    header.forEach((h, i) => (cells[h] = done.fields[i]));
    yield { kind: 'record', form: 'tsv', line: done.line, record, cells };
  }

  let rest = '';
  for (const chunk of text) {
    const all = rest + chunk;
    let start = 0;
    for (let end; (end = all.indexOf('\n', start)) !== -1; start = end + 1) {
      for (const item of take(all.slice(start, end))) {
        yield item;
        if (item.kind === 'problem' && item.fatal) return;
      }
    }
    rest = all.slice(start);
    if (rest.length > MAX_RECORD_CHARS) return yield tooLong(line + 1);
  }
  if (rest !== '') for (const item of take(rest)) yield item;
  if (header === null) return yield fatal(1, 'the file has no header row');
  const open = pending as { line: number; fields: string[] } | null;
  if (open) yield { kind: 'problem', line: open.line, field: (header as string[])[open.fields.length - 1] ?? null, reason: `line ${open.line} has ${open.fields.length} fields but the header has ${(header as string[]).length}; the file ends inside this record`, fatal: false };
}

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const OPEN = 123;
const CLOSE = 125;

/** The first unescaped quote at or after `from`, or -1 when the string runs past the chunk. */
function closingQuote(chunk: string, from: number): number {
  for (let q = chunk.indexOf('"', from); q !== -1; q = chunk.indexOf('"', q + 1)) {
    let slashes = 0;
    while (q - 1 - slashes >= from && chunk.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
  }
  return -1;
}

/** How many backslashes end the chunk (after `from`): an odd number escapes the next chunk's first character. */
function trailingBackslashes(chunk: string, from: number): number {
  let n = 0;
  while (chunk.length - 1 - n >= from && chunk.charCodeAt(chunk.length - 1 - n) === BACKSLASH) n++;
  return n;
}

function* jsonRecords(text: Iterable<string>): Generator<ExtractItem> {
  // Where we are: before "[", between records, inside one, or after "]".
  let state: 'start' | 'between' | 'object' | 'end' = 'start';
  let line = 1;
  let record = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let chars = 0;
  let startLine = 0;
  let expectComma = false;

  for (const chunk of text) {
    let segment = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (state === 'object') {
        if (inString) {
          // Jump to the closing quote rather than step through the text (most of a record is strings).
          if (escaped) {
            escaped = false;
            continue;
          }
          const close = closingQuote(chunk, i);
          if (close === -1) {
            escaped = trailingBackslashes(chunk, i) % 2 === 1;
            i = chunk.length;
          } else {
            inString = false;
            i = close;
          }
          continue;
        }
        if (c === QUOTE) inString = true;
        else if (c === OPEN || c === 91) depth++;
        else if ((c === CLOSE || c === 93) && --depth === 0) {
          parts.push(chunk.slice(segment, i + 1));
          const body = parts.join('');
          parts = [];
          record++;
          state = 'between';
          expectComma = true;
          let cells: unknown;
          try {
            cells = JSON.parse(body);
          } catch (err) {
            yield { kind: 'problem', line: startLine, field: null, reason: `record ${record} (line ${startLine}) is not valid JSON: ${(err as Error).message}`, fatal: false };
            continue;
          }
          if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) return yield fatal(startLine, `record ${record} (line ${startLine}) is not a JSON object`);
          yield { kind: 'record', form: 'json', line: startLine, record, cells: cells as Record<string, unknown> };
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === NEWLINE || c === 0xfeff) continue;
      const ch = chunk[i];
      if (state === 'start') {
        if (ch !== '[') return yield fatal(line, 'expected a JSON array of charity records ("[" first)');
        state = 'between';
      } else if (state === 'between') {
        if (ch === ']') state = 'end';
        else if (ch === ',' && expectComma) expectComma = false;
        else if (ch === '{' && !expectComma) {
          state = 'object';
          depth = 1;
          startLine = line;
          segment = i;
          chars = 0;
        } else return yield fatal(line, `expected ${expectComma ? '"," or "]"' : 'a record ("{")'} after record ${record}, found "${ch}"; the JSON array is broken here`);
      } else return yield fatal(line, `unexpected "${ch}" after the end of the JSON array`);
    }
    if (state === 'object') {
      const tail = chunk.slice(segment);
      chars += tail.length;
      if (chars > MAX_RECORD_CHARS) return yield tooLong(startLine);
      parts.push(tail);
    }
  }
  if (state === 'object') yield fatal(startLine, `record ${record + 1} (line ${startLine}) is cut off: the file ends inside it`);
  else if ((state as string) !== 'end') yield fatal(line, 'the JSON array is not closed ("]" missing); is the file complete?');
}
