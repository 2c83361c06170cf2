// The deprivation summary of any area, read from the area API: the share of its residents in the most
// deprived fifth of England (IMD 2025 deciles 1–2), beside its district's and the county's, so parishes
// and wards (which have no decile of their own) are not left with "LSOAs only".
import { h } from '../dom.ts';
import type { AreaDeprivation } from '../types.ts';

const pct = (v: number | null | undefined) => (v == null ? 'no figure' : `${Math.round(v * 100)}%`);

/** "23% of residents (1,204 of 5,216) live in IMD 2025 deciles 1–2; Melton 9%, Leicestershire 6%". */
export function deprivationText(d: AreaDeprivation | null | undefined, districtName: string, countyName: string): string {
  if (!d || !d.residents_with_decile) return 'No Output Area of this area has an IMD 2025 decile.';
  return `${pct(d.share_deciles_1_2)} of residents (${d.residents_deciles_1_2.toLocaleString('en-GB')} of ${d.residents_with_decile.toLocaleString('en-GB')}) live in the most deprived fifth of England (IMD 2025 deciles 1–2); ${districtName} ${pct(d.district_share_deciles_1_2)}, ${countyName} ${pct(d.county_share_deciles_1_2)}.`;
}

/** The residents by decile as a small table (decile 1 first), the mix behind the share. */
export function deprivationMix(d: AreaDeprivation | null | undefined): HTMLElement | null {
  if (!d || !d.residents_with_decile) return null;
  return h('table', { class: 'mix-table', 'data-testid': 'imd-mix' },
    h('caption', { class: 'sr-only' }, 'Residents by IMD 2025 decile (1 = most deprived)'),
    h('tr', {}, h('th', { scope: 'row' }, 'Decile'), d.residents_by_decile.map((_, i) => h('th', { scope: 'col' }, String(i + 1)))),
    h('tr', {}, h('th', { scope: 'row' }, 'Residents'), d.residents_by_decile.map((n) => h('td', { class: 'num' }, n ? n.toLocaleString('en-GB') : '–'))));
}
