// The case-study groups as a list beside the map (name and one-line story), so the stories are
// readable without the map; each can be shown on the map. Says so plainly when none are loaded.
import { byId, fill, h } from '../dom.ts';
import type { CaseStudyCollection, CaseStudyProps } from '../types.ts';

/** Kind and source of a case study, and why it is not counted when it is not. */
export function caseStudyNote(p: CaseStudyProps): string {
  return [p.kind ?? p.category, p.source, p.counted === false ? `not counted (${p.not_counted ?? 'listed only'})` : null].filter(Boolean).join(' · ');
}

export function renderCaseStudies(collection: CaseStudyCollection | null, show: (index: number) => void): void {
  const el = byId('case-list');
  const placed = (collection?.features ?? []).filter((f) => f.geometry?.type === 'Point');
  byId('case-count').textContent = collection ? `(${placed.length})` : '';
  if (!collection) {
    fill(el, h('p', { class: 'notice', 'data-testid': 'no-case-studies' }, 'No case-study register is loaded, so there are no case-study markers. They appear when the “case-studies” register is loaded.'));
    return;
  }
  if (!placed.length) {
    fill(el, h('p', { class: 'notice' }, 'The case-study register has no groups placed in a single area.'));
    return;
  }
  fill(
    el,
    h(
      'ul',
      { class: 'case-list' },
      placed.map((f, i) =>
        h(
          'li',
          {},
          h('strong', {}, f.properties.name),
          f.properties.summary ? h('p', {}, f.properties.summary) : null,
          h('p', { class: 'muted' }, caseStudyNote(f.properties)),
          h('button', { type: 'button', class: 'link-button', 'aria-label': `Show ${f.properties.name} on the map`, onclick: () => show(i) }, 'Show on map'),
        ),
      ),
    ),
  );
}
