// Reads the JSON form of the extract (one array of charity objects) with stream-json's tokenizer and
// assembler, record by record. stream-json gives no positions, so the bytes are fed in pieces that end
// at a line break (at most PIECE_BYTES): every token a piece yields is on that piece's line, and a
// record's size is counted in whole pieces, so one over the limit is stopped while it is read.
import { StringDecoder } from 'node:string_decoder';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { CCEW_RECORD_LIMIT } from '../../config/limits.ts';
import { fatal, tooLong, type ExtractItem } from './extract-items.ts';

/** The most bytes fed to the tokenizer at once: a record is counted at most this much too large at each end. */
const PIECE_BYTES = 16 * 1024;
const NEWLINE = 10;

export async function* jsonRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<ExtractItem> {
  // Records are objects of plain fields; a string longer than a whole record is refused by the tokenizer itself.
  const tokenize = jsonParser({ packValues: true, streamValues: false, maxDepth: 64, maxPackedLength: CCEW_RECORD_LIMIT });
  const decoder = new StringDecoder('utf8');
  type State = 'start' | 'between' | 'object' | 'end';
  let state = 'start' as State;
  let line = 1;
  let record = 0;
  let startLine = 0;
  let bytes = 0;
  let assembler: Assembler | null = null;
  let first = true;

  /** Feeds one piece (all on `line`) and yields what it completes; returns true when reading must stop. */
  function* feed(text: string | typeof none, pieceBytes: number): Generator<ExtractItem, boolean> {
    let out: ReturnType<typeof tokenize>;
    try {
      out = tokenize(text as string); // none flushes the tokenizer (stream-chain's protocol)
    } catch (err) {
      const why = (err as Error).message.replace(/^parser: /, '');
      // A string longer than a whole record may hold is the tokenizer's own limit: a record too long.
      if (why.includes('maxPackedLength')) return (yield tooLong(state === 'object' ? startLine : line)), true;
      // A throw drops the piece's tokens: between records, the broken record is the next one, begun on this line.
      if (state === 'object') yield fatal(startLine, `record ${record} (line ${startLine}) is not valid JSON: ${why}`);
      else if (state === 'between') yield fatal(line, `record ${record + 1} (line ${line}) is not valid JSON: ${why}`);
      else yield fatal(line, `line ${line} is not valid JSON: ${why}`);
      return true;
    }
    if (state === 'object') bytes += pieceBytes;
    for (const token of isMany(out) ? (getManyValues(out) as Token[]) : []) {
      if (state === 'object') {
        assembler!.consume(token);
        if (!assembler!.done) continue;
        if (bytes > CCEW_RECORD_LIMIT) return (yield tooLong(startLine)), true;
        const cells = assembler!.current as Record<string, unknown>;
        assembler = null;
        state = 'between';
        yield { kind: 'record', form: 'json', line: startLine, record, cells };
      } else if (state === 'start') {
        if (token.name !== 'startArray') return (yield fatal(line, 'expected a JSON array of charity records ("[" first)')), true;
        state = 'between';
      } else if (state === 'between') {
        if (token.name === 'endArray') state = 'end';
        else if (token.name === 'startObject') {
          state = 'object';
          record++;
          startLine = line;
          bytes = pieceBytes;
          assembler = new Assembler();
          assembler.consume(token);
        } else return (yield fatal(line, `record ${record + 1} (line ${line}) is not a JSON object; expected an array of charity records`)), true;
      }
    }
    if (state === 'object' && bytes > CCEW_RECORD_LIMIT) return (yield tooLong(startLine)), true;
    return false;
  }

  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length;) {
      const newline = chunk.indexOf(NEWLINE, at);
      const end = Math.min(newline === -1 ? chunk.length : newline + 1, at + PIECE_BYTES);
      let text = decoder.write(chunk.subarray(at, end));
      if (first && text) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      if (yield* feed(text, end - at)) return;
      if (chunk[end - 1] === NEWLINE) line++;
      at = end;
    }
  }
  if (yield* feed(decoder.end(), 0)) return;
  if (yield* feed(none, 0)) return;
  const last: State = state; // set inside feed()
  if (last === 'object') yield fatal(startLine, `record ${record} (line ${startLine}) is cut off: the file ends inside it`);
  else if (last !== 'end') yield fatal(line, 'the JSON array is not closed ("]" missing); is the file complete?');
}
