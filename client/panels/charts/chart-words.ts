// What the charts count, in words: the registers by name with their groups and the total, the
// "not every group" caveat, and whether the 95% intervals overlap (so a gap is not over-read).
import type { ClientConfig } from '../../types.ts';

/** No register lists every group: said beside every chart of groups. */
export const notEveryGroup = 'Not every group: each register lists only the groups it knows of (a library’s noticeboard, a charity register, a case study), so a low rate can mean a thin register as much as few groups.';

/**
 * "Registers counted: libraries (50 groups) and case-studies (17 groups), 67 groups in all; the decile
 * charts pool 61 of them (those in the LSOAs shown)." Numbers are the server's (groups counted, not rows listed).
 */
export function countedText(all: ClientConfig['registers'], chosen: readonly string[] | null, pooled: number, narrowed: boolean): string {
  const registers = all.filter((r) => !chosen || chosen.includes(r.name));
  if (registers.length === 0) return 'No register of groups is counted, so the charts show no groups.';
  const each = registers.map((r) => `${r.name} (${(r.counted ?? r.rows).toLocaleString('en-GB')} groups)`);
  const total = registers.reduce((n, r) => n + (r.counted ?? r.rows), 0);
  const list = each.length > 1 ? `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]}` : each[0];
  const sum = registers.length > 1 ? `: ${total.toLocaleString('en-GB')} groups = ${registers.map((r) => (r.counted ?? r.rows).toLocaleString('en-GB')).join(' + ')}` : '';
  const shown = narrowed || pooled !== total ? `; the decile charts pool ${pooled.toLocaleString('en-GB')} of them (those in the LSOAs shown)` : '';
  return `Registers counted: ${list}${sum}${shown}.`;
}

export interface Interval {
  label: string;
  lower: number | null;
  upper: number | null;
}

/** Whether the intervals overlap, said plainly, naming the pairs that do not (a gap unlikely to be chance alone). */
export function intervalsText(intervals: readonly Interval[]): string {
  const known = intervals.filter((i): i is Interval & { lower: number; upper: number } => i.lower != null && i.upper != null);
  if (known.length < 2) return '';
  const apart: string[] = [];
  for (const [n, a] of known.entries())
    for (const b of known.slice(n + 1)) if (a.lower > b.upper || b.lower > a.upper) apart.push(a.lower > b.upper ? `${a.label} above ${b.label}` : `${b.label} above ${a.label}`);
  if (apart.length === 0) return 'Every 95% interval overlaps every other: the differences between the bars may be chance, and no bar is shown to be higher than another.';
  const named = apart.length > 3 ? `${apart.slice(0, 3).join('; ')} and ${apart.length - 3} more pairs` : apart.join('; ');
  return `Most 95% intervals overlap, so most differences may be chance; these do not overlap: ${named}.`;
}
