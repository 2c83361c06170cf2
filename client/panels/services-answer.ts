// The answer to "which services can this area access", as readable text: the API's summary and
// each of the seven services with ✓/✗, what it is, and which Appendix One row grants it.
import { h, srOnly } from '../dom.ts';
import type { Designation, ServicesAnswer } from '../types.ts';
import { CATEGORY_LABELS, partText } from '../layers/views/category.ts';

export function servicesList(answer: Pick<ServicesAnswer, 'services'>): HTMLElement {
  return h(
    'ul',
    { class: 'services-list' },
    answer.services.map((s) =>
      h(
        'li',
        { 'data-service': s.id, 'data-available': String(s.available), class: s.available ? 'yes' : 'no' },
        h('span', { class: 'mark', 'aria-hidden': 'true' }, s.available ? '✓' : '✗'),
        h(
          'div',
          {},
          h(
            'strong',
            {},
            srOnly(s.available ? 'Available: ' : 'Not available: '),
            `${s.name} (${s.short_name})`,
            s.extent === 'part' ? h('span', { class: 'tag' }, partText(s.share)) : null,
            s.available && s.reasons.every((r) => 'inferred' in r) ? h('span', { class: 'tag' }, 'inferred from the strategy text') : null,
          ),
          h('p', { class: 'service-description' }, s.description),
          h('p', { class: 'service-reason' }, s.reason),
        ),
      ),
    ),
  );
}

const CONFIDENCE_WORDS = { listed: 'listed as', resolved: 'resolved from', inferred: 'inferred from' } as const;

export function designationText(d: Designation, selfCode: string): string {
  const lower = d.lower_confidence ? ' (lower confidence)' : '';
  const where = `${CATEGORY_LABELS[d.category]}, ${d.table} table, ${CONFIDENCE_WORDS[d.confidence]} “${d.listed_as}”${lower}`;
  // A "(part)" entry that names the whole of this area still reaches only an unspecified part of it.
  const extent = d.extent === 'part' ? partText(d.share !== null && d.share >= 0.999 ? null : d.share) : 'whole area';
  const direct = d.via.length === 1 && d.via[0].code === selfCode;
  const via = direct ? '' : `; through ${d.via.map((v) => `${v.name}${v.share != null ? ` (${Math.round(v.share * 100)}% of residents)` : ''}`).join(', ')}`;
  return `${where}: ${extent}${via}`;
}

/**
 * The designations as one line per distinct route (the name listed and what it reached through),
 * naming the tables that list it, for a compact column: "Listed as “Melton Mowbray” (Priority and
 * Link tables): in part; through Melton Mowbray".
 */
export function designationRoutes(designations: readonly Designation[], selfCode: string): string[] {
  const routes = new Map<string, { head: string; tables: string[]; extents: string[] }>();
  for (const d of designations) {
    const direct = d.via.length === 1 && d.via[0].code === selfCode;
    const via = direct ? '' : `; through ${d.via.map((v) => v.name).join(', ')}`;
    const head = `${CONFIDENCE_WORDS[d.confidence][0].toUpperCase()}${CONFIDENCE_WORDS[d.confidence].slice(1)} “${d.listed_as}”${d.lower_confidence ? ' (lower confidence)' : ''}`;
    const key = `${head}${via}`;
    const r = routes.get(key) ?? { head, tables: [], extents: [] };
    routes.set(key, r);
    const table = `${CATEGORY_LABELS[d.category]}, ${d.table}`;
    if (!r.tables.includes(table)) r.tables.push(table);
    const extent = d.extent === 'part' ? partText(d.share !== null && d.share >= 0.999 ? null : d.share) : 'whole area';
    if (!r.extents.includes(extent)) r.extents.push(extent);
  }
  return [...routes].map(([key, r]) => `${r.head} (${r.tables.join('; ')}): ${r.extents.join(' or ')}${key.slice(r.head.length)}`);
}

export function designationsList(designations: readonly Designation[], selfCode: string): HTMLElement {
  if (designations.length === 0) return h('p', {}, 'Not listed in Appendix One (2008). Services it has are inferred from the strategy text.');
  return h('ul', { class: 'designations' }, designations.map((d) => h('li', { 'data-extent': d.extent, 'data-confidence': d.confidence }, designationText(d, selfCode))));
}
