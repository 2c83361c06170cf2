// What a printed profile keeps of a long designations list, so it stays one A4 page: the first rows
// (profile.css hides the rest on paper) and a sentence saying how many more the atlas lists.
import { h } from '../dom.ts';

/** Rows of a designations list a printed page keeps; profile.css hides the rest in print. */
export const PRINTED_DESIGNATIONS = 3;

/** The print-only note under a designations list longer than a page keeps; null when it all prints. */
export function moreDesignationsNote(count: number): HTMLElement | null {
  return count > PRINTED_DESIGNATIONS ? h('p', { class: 'print-only hint' }, `and ${count - PRINTED_DESIGNATIONS} more Appendix One rows reaching part of this area, each listed in the atlas.`) : null;
}
