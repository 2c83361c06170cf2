// `npm run docs:limits`: rewrites the table of every limit in docs/reliability.md from server/config/limits.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/config/config.ts';
import * as limits from '../server/config/limits.ts';
import { limitsTable, withLimitsTable } from '../server/config/limits-table.ts';

const docPath = join(PROJECT_ROOT, 'docs', 'reliability.md');
const table = limitsTable(readFileSync(join(PROJECT_ROOT, 'server', 'config', 'limits.ts'), 'utf8'), limits);
writeFileSync(docPath, withLimitsTable(readFileSync(docPath, 'utf8'), table));
console.log(`docs/reliability.md: ${table.split('\n').filter((l) => l.startsWith('| `')).length} limits written`);
