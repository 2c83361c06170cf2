// Streams the Charity Commission's `publicextract.charity` file, JSON (one array of objects) or
// tab-separated text (a header row, then one charity a line), record by record with well-kept parsers
// (stream-json, csv-parse): only the record being read is held, so a 400 MB extract costs a few MB here.
import { createReadStream } from 'node:fs';
import { jsonRecords } from './read-extract-json.ts';
import { textRecords } from './read-extract-text.ts';
import { fatal, type ExtractForm, type ExtractItem } from './extract-items.ts';

export type { ExtractForm, ExtractItem, ExtractProblem, ExtractRecord } from './extract-items.ts';

const CHUNK_BYTES = 1024 * 1024;

/** Which form the file is in, from its first characters: "[" is the JSON file, anything else the text file. */
export function extractForm(head: string): ExtractForm {
  return head.replace(/^\uFEFF/, '').trimStart().startsWith('[') ? 'json' : 'tsv';
}

/** Every record of the extract in file order, with problems where they occur. */
export async function* readExtract(path: string): AsyncGenerator<ExtractItem> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    const source = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    // The form is told by the first character that is not white space (or a byte-order mark).
    const head: Buffer[] = [];
    for (let next = await source.next(); !next.done; next = await source.next()) {
      head.push(next.value);
      if (next.value.toString('utf8').replace(/^\uFEFF/, '').trim() !== '') break;
    }
    const text = Buffer.concat(head).toString('utf8');
    if (text.replace(/^\uFEFF/, '').trim() === '') {
      yield fatal(1, 'the file is empty; expected the publicextract.charity JSON or text file');
      return;
    }
    const all = (async function* () {
      yield* head;
      for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
    })();
    yield* extractForm(text) === 'json' ? jsonRecords(all) : textRecords(all);
  } finally {
    file.destroy();
  }
}
