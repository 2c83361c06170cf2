// "No area matches these filters", said where the eye is (over the map and atop the table) with a
// Clear filters button beside it, so an empty grey map or a "0 of 0" table is never left unexplained.
import { byId, fill, h } from '../dom.ts';

const SLOTS = ['no-match-map', 'no-match-table'] as const;

/**
 * Shows or hides the notice in each slot.
 * @param phrases - the filters in words ("cannot access Neighbourhood Wardens", "IMD decile 1–2").
 */
export function renderNoMatch(empty: boolean, many: string, phrases: readonly string[], clear: () => void): void {
  for (const id of SLOTS) {
    const slot = byId(id);
    slot.hidden = !empty;
    if (!empty) {
      fill(slot);
      continue;
    }
    fill(slot,
      h('p', {}, h('strong', {}, 'No area matches these filters'), ` (${phrases.join(', ')}): none of the ${many} is kept. Loosen or clear a filter.`),
      h('button', { type: 'button', class: 'clear-filters', onclick: clear }, 'Clear filters'));
  }
}
