// The Markdown table of every limit, made from limits.ts itself (its section headings, doc comments
// and values), so docs/reliability.md cannot drift from the code: a test compares the two.

const MB = 1024 * 1024;

/** 128 MB, 1 GB, 120 s, 10,000: a limit's value as a reader wants it, judged by its name. */
function shown(name: string, value: unknown): string {
  if (typeof value !== 'number') return String(value);
  if (/_MS$/.test(name)) return value % 1000 === 0 ? `${(value / 1000).toLocaleString('en-GB')} s` : `${value.toLocaleString('en-GB')} ms`;
  if (value >= MB && value % MB === 0) return value % (1024 * MB) === 0 ? `${value / (1024 * MB)} GB` : `${value / MB} MB`;
  if (/_MB$/.test(name)) return `${value.toLocaleString('en-GB')} MB`;
  return value.toLocaleString('en-GB');
}

/**
 * `source` is the text of limits.ts and `values` its exports. Each `// ── Heading ──` starts a section;
 * a constant takes the doc comment above it, or the one its group shares (constants declared together).
 */
export function limitsTable(source: string, values: Record<string, unknown>): string {
  const out: string[] = [];
  let doc = '';
  for (const line of source.split('\n')) {
    const heading = /^\/\/ ── (.+?) ─+$/.exec(line);
    if (heading) {
      out.push('', `**${heading[1]}**`, '', '| constant | value | what it bounds |', '|---|--:|---|');
      doc = '';
      continue;
    }
    const comment = /^\/\*\*\s*(.*?)\s*(\*\/)?$/.exec(line) ?? /^ \*\s*(.*?)\s*(\*\/)?$/.exec(line);
    if (comment && /^(\/\*\*| \*)/.test(line)) {
      doc = line.startsWith('/**') ? comment[1] : `${doc} ${comment[1]}`;
      continue;
    }
    const constant = /^export const (\w+)\b/.exec(line);
    if (constant && constant[1] in values) out.push(`| \`${constant[1]}\` | ${shown(constant[1], values[constant[1]])} | ${doc.replace(/\|/g, '\\|').trim()} |`);
    else if (line.trim() === '') doc = '';
  }
  return out.join('\n').trim();
}

export const TABLE_START = '<!-- limits table: made from server/config/limits.ts by `npm run docs:limits`; do not edit by hand -->';
export const TABLE_END = '<!-- end of limits table -->';

/** The document with its table (between the two markers) replaced by `table`. */
export function withLimitsTable(doc: string, table: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the document has no limits table markers (${TABLE_START} … ${TABLE_END})`);
  return `${doc.slice(0, start + TABLE_START.length)}\n${table}\n${doc.slice(end)}`;
}
