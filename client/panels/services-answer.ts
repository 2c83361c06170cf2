// The answer to "which services can this area access", as readable text: the API's summary and
// each of the seven services with ✓/✗, what it is, and which Appendix One row grants it.
import { h, srOnly } from '../dom.ts';
import type { Designation, ServicesAnswer } from '../types.ts';
import { CATEGORY_LABELS } from '../layers/views/category.ts';

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
          h('strong', {}, srOnly(s.available ? 'Available: ' : 'Not available: '), `${s.name} (${s.short_name})`, s.extent === 'part' ? h('span', { class: 'tag' }, 'part of the area') : null),
          h('p', { class: 'service-description' }, s.description),
          h('p', { class: 'service-reason' }, s.reason),
        ),
      ),
    ),
  );
}

export function designationText(d: Designation, selfCode: string): string {
  const where = `${CATEGORY_LABELS[d.category]}, ${d.table} table, listed as “${d.listed_as}”`;
  const extent = d.extent === 'part' ? 'part of the area' : 'whole area';
  const direct = d.via.length === 1 && d.via[0].code === selfCode;
  const via = direct ? '' : `; through ${d.via.map((v) => `${v.name}${v.share != null ? ` (${Math.round(v.share * 100)}% of residents)` : ''}`).join(', ')}`;
  return `${where}: ${extent}${via}`;
}

export function designationsList(designations: readonly Designation[], selfCode: string): HTMLElement {
  if (designations.length === 0) return h('p', {}, 'Not listed in Appendix One (2008).');
  return h('ul', { class: 'designations' }, designations.map((d) => h('li', { 'data-extent': d.extent }, designationText(d, selfCode))));
}
