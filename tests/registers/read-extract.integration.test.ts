// The extract reader streams in 1 MiB chunks: records, strings and escapes cut by a chunk boundary
// must read exactly as JSON.parse reads the whole file. The boundary is moved over every position of
// a dense run of escapes by padding the file's start.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExtract } from '../../server/registers/ccew/read-extract.ts';
import { charityRow, jsonRecord, textLine } from '../../tools/synthetic-ccew-extract.ts';
import { CCEW_CHARITY_FIELDS } from '../../server/registers/ccew/fields.ts';
import { tempDir } from '../support/variant-dirs.ts';

// Quotes, backslashes and braces inside strings, as charity activities carry them.
const ACTIVITIES = 'Runs a "club" \\ for {young} and [old]; path C:\\\\hall\\ '.repeat(40);
const rows = Array.from({ length: 700 }, (_, i) => charityRow(i + 1, { charity_activities: `${i}: ${ACTIVITIES}` }));

describe('readExtract', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])('reads every JSON record across chunk boundaries (start padded by %i)', (pad) => {
    const body = `${' '.repeat(pad)}[${rows.map(jsonRecord).join(',\n')}]`;
    expect(body.length).toBeGreaterThan(1024 * 1024 + 1000); // the file spans two chunks
    const path = join(tempDir('extract'), 'publicextract.charity.json');
    writeFileSync(path, body);
    const read = [...readExtract(path)];
    expect(read.filter((r) => r.kind === 'problem')).toEqual([]);
    expect(read.map((r) => (r.kind === 'record' ? r.cells.charity_activities : null))).toEqual(JSON.parse(body).map((r: { charity_activities: string }) => r.charity_activities));
  });

  it('reads the text file across chunk boundaries, numbering lines from the header', () => {
    const path = join(tempDir('extract'), 'publicextract.charity.txt');
    writeFileSync(path, `${CCEW_CHARITY_FIELDS.join('\t')}\r\n${rows.map(textLine).join('\r\n')}\r\n`);
    const read = [...readExtract(path)];
    expect(read).toHaveLength(rows.length);
    expect(read.map((r) => (r.kind === 'record' ? [r.line, r.cells.registered_charity_number] : r))).toEqual(rows.map((r, i) => [i + 2, String(r.registered_charity_number)]));
  });
});
