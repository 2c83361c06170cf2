// In a standalone copy (client/state/standalone.ts), says at the top of the page what the copy holds
// and what needs the live atlas, and switches off the controls that would need it (postcode look-up,
// the service checker, bulk postcodes, choosing registers, importing), each with the reason beside it.
import { h } from '../dom.ts';
import { NEEDS_LIVE_ATLAS, STANDALONE, STANDALONE_DATE } from '../state/standalone.ts';

const LIVE_ONLY = '#checker-form, #bulk-form, #register-options, #register-admin-body';

export function showStandaloneNotice(doc: Document = document): void {
  if (!STANDALONE) return;
  const made = STANDALONE_DATE ? ` Made on ${new Date(`${STANDALONE_DATE}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.` : '';
  const notice = h('p', { class: 'standalone-notice', role: 'note', 'data-testid': 'standalone-notice' }, NEEDS_LIVE_ATLAS + made);
  doc.getElementById('main')?.prepend(notice);
  for (const box of doc.querySelectorAll<HTMLElement>(LIVE_ONLY)) {
    box.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLTextAreaElement | HTMLSelectElement>('input, button, textarea, select').forEach((c) => (c.disabled = true));
    box.before(h('p', { class: 'standalone-note', 'data-testid': 'needs-live-atlas' }, 'Needs the live atlas: this copy is read from files.'));
  }
  const search = doc.getElementById('search-input') as HTMLInputElement | null;
  if (search) search.placeholder = 'e.g. Kibworth (names only in this copy)';
}
