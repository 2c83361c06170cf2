// docs/reliability.md's table of every limit is the one limits.ts makes of itself (npm run docs:limits):
// a limit added, changed or re-worded in the code and not in the docs fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config/config.ts';
import * as limits from '../../server/config/limits.ts';
import { limitsTable, TABLE_END, TABLE_START, withLimitsTable } from '../../server/config/limits-table.ts';

const source = readFileSync(join(PROJECT_ROOT, 'server', 'config', 'limits.ts'), 'utf8');
const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'reliability.md'), 'utf8');

describe('the table of every limit', () => {
  it('in docs/reliability.md is the one limits.ts makes now (run npm run docs:limits after a change)', () => {
    const table = limitsTable(source, limits);
    expect(withLimitsTable(doc, table)).toBe(doc);
  });

  it('has a row for every exported limit, with its value as a reader wants it', () => {
    const table = limitsTable(source, limits);
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(Object.keys(limits).length);
    expect(table).toContain(`| \`REGISTER_UPLOAD_LIMIT\` | 5 MB |`);
    expect(table).toContain(`| \`IMPORT_TIME_LIMIT_MS\` | 120 s |`);
    expect(table).toContain(`| \`CACHE_TOTAL_BYTES\` | ${limits.CACHE_TOTAL_BYTES / 1024 / 1024} MB |`);
  });

  it('notices a changed value', () => {
    const table = limitsTable(source, { ...limits, LIST_PAGE_MAX: 2000 });
    expect(withLimitsTable(doc, table)).not.toBe(doc);
    expect(doc.indexOf(TABLE_START)).toBeLessThan(doc.indexOf(TABLE_END));
  });
});
