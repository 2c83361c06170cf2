// The search box: an ARIA combobox over /api/search (parish, ward and LSOA names, the seed's
// spellings, and postcodes). Choosing a result hands it to the app, which zooms and opens the panel.
import { api } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { layerWords } from '../state/layer-catalog.ts';
import type { SearchResult } from '../types.ts';

export class SearchBox {
  private readonly input = byId<HTMLInputElement>('search-input');
  private readonly list = byId<HTMLUListElement>('search-results');
  private readonly status = byId('search-status');
  private readonly message = byId('search-message');
  private results: SearchResult[] = [];
  /** Whether the server found the name itself (false: only near spellings, offered but never opened by Enter). */
  private found = true;
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: AbortController | null = null;

  constructor(private readonly choose: (r: SearchResult) => void) {
    this.input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.lookup(this.input.value), 180);
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    byId<HTMLFormElement>('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
  }

  private async lookup(q: string): Promise<void> {
    this.request?.abort();
    if (q.trim().length < 2) return this.close();
    const req = (this.request = new AbortController());
    try {
      const res = await api.search(q.trim(), req.signal);
      this.show(res.results, res.found, res.note);
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.status.textContent = 'Search is not available right now.';
    }
  }

  private async submit(): Promise<void> {
    clearTimeout(this.timer);
    if (this.active < 0) await this.lookup(this.input.value);
    // Enter opens what the list shows first; a name that was not found opens nothing (the message says so).
    const pick = this.active >= 0 ? this.results[this.active] : this.found ? this.results[0] : undefined;
    if (pick) this.pick(pick);
    else if (this.results.length) {
      this.list.hidden = false;
      this.message.hidden = false;
    }
  }

  private show(results: SearchResult[], found = true, note: string | null = null): void {
    this.results = results;
    this.found = found;
    this.active = -1;
    fill(
      this.list,
      results.map((r, i) =>
        h(
          'li',
          { id: `search-option-${i}`, role: 'option', 'aria-selected': 'false', onmousedown: (e: Event) => (e.preventDefault(), this.pick(r)) },
          h('span', { class: 'option-name' }, r.name),
          h('span', { class: 'option-detail' }, r.type === 'postcode' ? 'Postcode' : `${layerWords(r.layer).one} · ${r.district_name}${r.listed_as ? ` · listed as “${r.listed_as}”` : ''}`),
        ),
      ),
    );
    this.list.hidden = results.length === 0;
    this.input.setAttribute('aria-expanded', String(results.length > 0));
    this.status.textContent = results.length ? `${results.length} results; use the up and down arrows to choose.` : '';
    // Said on screen, not only to screen readers: a silent empty list reads as a broken search.
    // The server's own words: "not found, these are the closest names", or "Appendix One lists it but no area has that name".
    this.message.textContent = note ?? '';
    this.message.hidden = !note;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') return this.close();
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    if (!this.results.length) return;
    e.preventDefault();
    this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.results.length) % this.results.length;
    this.list.querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    this.input.setAttribute('aria-activedescendant', `search-option-${this.active}`);
    this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
  }

  private pick(r: SearchResult): void {
    this.input.value = r.name;
    this.close();
    this.choose(r);
  }

  private close(): void {
    this.list.hidden = true;
    if (this.input.value.trim().length < 2) this.message.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
