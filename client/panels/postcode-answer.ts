// A postcode's answer at the finest area known, as readable text: the server's summary, each service
// with ✓, ✗ or "part" and the sentence naming the area that settles it, and a button per area holding it.
import { h, srOnly } from '../dom.ts';
import { layerWords } from '../state/layer-catalog.ts';
import type { LayerId, PostcodeAnswer } from '../types.ts';

const MARK = { whole: '✓', part: '◐', none: '✗' } as const;
const SAID = { whole: 'Available: ', part: 'Part of the area: ', none: 'Not available: ' } as const;

export function postcodeAnswerView(a: PostcodeAnswer, showOnMap: (code: string, layer: LayerId) => void): HTMLElement {
  return h(
    'div',
    { class: 'postcode-answer', 'data-testid': 'postcode-answer' },
    h('h3', {}, `Postcode ${a.postcode}`),
    h('p', { class: 'answer-summary', 'data-testid': 'postcode-summary' }, a.summary),
    h(
      'ul',
      { class: 'services-list' },
      a.services.map((s) => {
        const state = s.extent === 'whole' ? 'whole' : s.extent === 'part' ? 'part' : 'none';
        return h(
          'li',
          { 'data-service': s.id, 'data-extent': state, 'data-decided-by': s.decided_by ?? '', class: state === 'whole' ? 'yes' : state === 'none' ? 'no' : 'part' },
          h('span', { class: 'mark', 'aria-hidden': 'true' }, MARK[state]),
          h('div', {}, h('strong', {}, srOnly(SAID[state]), `${s.name} (${s.short_name})`), h('p', { class: 'service-reason' }, s.reason)),
        );
      }),
    ),
    h(
      'p',
      { class: 'postcode-areas' },
      'Areas holding this postcode: ',
      (Object.entries(a.areas) as [LayerId, { code: string; name: string }][]).map(([layer, area], i) => [
        i ? ', ' : '',
        h('button', { type: 'button', class: 'link-button', onclick: () => showOnMap(area.code, layer) }, `${area.name} (${layerWords(layer).one})`),
      ]).flat(),
    ),
  );
}

/** The answer in brief beside the map's pin: the summary, and a way to the full answer in the checker. */
export function postcodeNote(a: PostcodeAnswer, more: () => void): HTMLElement {
  return h(
    'div',
    { class: 'postcode-note', 'data-testid': 'postcode-note' },
    h('p', {}, a.summary),
    h('button', { type: 'button', class: 'link-button', onclick: more }, 'Each service, and which area settles it'),
  );
}
