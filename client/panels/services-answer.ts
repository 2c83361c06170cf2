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
          // Printed profiles give the server's one-sentence form (the full reason can run to a page).
          h('p', { class: 'service-reason-brief' }, s.reason_brief),
        ),
      ),
    ),
  );
}

/** The server's own sentence for the designation (one home: server/domain/designation-words.ts). */
export const designationText = (d: Designation): string => d.text;

/**
 * The designations as one line per distinct route (the listing and the areas it comes through), in the
 * server's own words, naming the other rows that list the same route: compact for a Compare column.
 */
export function designationRoutes(designations: readonly Designation[]): string[] {
  const routes = new Map<string, Designation[]>();
  for (const d of designations) {
    const key = `${d.listed_as}|${d.via.map((v) => `${v.layer}/${v.code}`).join(',')}`;
    routes.set(key, [...(routes.get(key) ?? []), d]);
  }
  return [...routes.values()].map(([first, ...rest]) => (rest.length ? `${first.text} (also ${rest.map((d) => `${CATEGORY_LABELS[d.category]}, ${d.table} table`).join('; ')})` : first.text));
}

export function designationsList(designations: readonly Designation[]): HTMLElement {
  if (designations.length === 0) return h('p', {}, 'Not listed in Appendix One (2008). Services it has are inferred from the strategy text.');
  return h('ul', { class: 'designations' }, designations.map((d) => h('li', { 'data-extent': d.extent, 'data-confidence': d.confidence }, designationText(d))));
}
