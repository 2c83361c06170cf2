// The import report as plain text for the command line: the outcome first, then every rejected
// row with its line, then where the imported groups landed.
import type { ImportReport } from './import-report.ts';

const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
const list = (counts: Record<string, number | undefined>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k.replace(/_/g, ' ')} ${n}`)
    .join(', ') || 'none';

export function reportText(r: ImportReport): string {
  const from = r.file_name ? ` from ${r.file_name}` : '';
  const lines: string[] = [];
  if (r.status === 'rejected') {
    lines.push(`Register "${r.register}" NOT imported${from}: ${r.rejected} problem${r.rejected === 1 ? '' : 's'} in ${rows(r.rows_read)}. Nothing was changed.`);
    lines.push(`  problems by kind: ${list(r.rejections_by_kind)}`);
    for (const x of r.rejections) lines.push(`  ${x.line ? `line ${x.line}` : x.feature ? `feature ${x.feature}` : 'file'}: ${x.reason}`);
    if (r.rejections_listed < r.rejected) lines.push(`  … and ${r.rejected - r.rejections_listed} more`);
    return lines.join('\n');
  }
  lines.push(`Register "${r.register}" ${r.replaced_previous ? 'replaced' : 'imported'}${from}: ${rows(r.rows_read)} read, ${r.imported} imported, 0 rejected.`);
  lines.push(`  source: ${r.source}`);
  if (r.excluded) {
    lines.push(`  left out: ${r.excluded.total} of ${rows(r.rows_read)} (${r.extract?.form === 'json' ? 'JSON' : 'text'} extract${r.extract?.date_of_extract ? ` of ${r.extract.date_of_extract}` : ''}):`);
    for (const [reason, n] of Object.entries(r.excluded.by_reason)) lines.push(`    ${reason.replace(/_/g, ' ')}: ${n} (${r.excluded.reasons[reason as keyof typeof r.excluded.reasons]})`);
    for (const odd of r.excluded.odd_records) lines.push(`    odd record: ${odd.reason}`);
  }
  lines.push(`  located by: ${list(r.located_by)}`);
  lines.push(`  categories: ${list(r.categories)}`);
  lines.push(`  counted in areas: ${r.counted}; listed only: ${r.imported - r.counted}`);
  for (const n of r.not_counted) lines.push(`    line ${n.line} "${n.name}": ${n.reason}`);
  for (const [layer, l] of Object.entries(r.layers)) lines.push(`  ${layer}: ${l.located} located in ${l.areas_with_groups} areas${l.not_located ? `, ${l.not_located} not located` : ''}`);
  if (r.ignored_columns.length) lines.push(`  columns not used: ${r.ignored_columns.join(', ')}`);
  return lines.join('\n');
}
