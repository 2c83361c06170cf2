// The search box: an ARIA combobox over /api/search (parish, ward and LSOA names, the seed's
// spellings, and postcodes). Choosing a result hands it to the app, which zooms and opens the panel.
import { api } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { LAYER_WORDS } from '../state/ids.ts';
import type { SearchResult } from '../types.ts';

export class SearchBox {
  private readonly input = byId<HTMLInputElement>('search-input');
  private readonly list = byId<HTMLUListElement>('search-results');
  private readonly status = byId('search-status');
  private readonly message = byId('search-message');
  private results: SearchResult[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: AbortController | null = null;

  /**
   * @param currentLayer - the layer on the map: Enter on a typed name prefers an area of that layer
   *   (then any current layer), so a near match never quietly switches the map to the 2013 wards.
   */
  constructor(
    private readonly choose: (r: SearchResult) => void,
    private readonly currentLayer: () => string,
  ) {
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
      this.show(res.results);
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.status.textContent = 'Search is not available right now.';
    }
  }

  private async submit(): Promise<void> {
    clearTimeout(this.timer);
    if (this.active < 0) await this.lookup(this.input.value);
    const pick = this.active >= 0 ? this.results[this.active] : this.best();
    if (pick) this.pick(pick);
  }

  /** The result Enter opens when none is highlighted: an exact postcode, else the best area of the map's layer. */
  private best(): SearchResult | undefined {
    const top = this.results[0];
    if (!top || top.type === 'postcode') return top;
    const layer = this.currentLayer();
    return this.results.find((r) => r.type === 'area' && r.layer === layer) ?? this.results.find((r) => r.type === 'area' && r.layer !== 'wards-2013') ?? top;
  }

  private show(results: SearchResult[]): void {
    this.results = results;
    this.active = -1;
    fill(
      this.list,
      results.map((r, i) =>
        h(
          'li',
          { id: `search-option-${i}`, role: 'option', 'aria-selected': 'false', onmousedown: (e: Event) => (e.preventDefault(), this.pick(r)) },
          h('span', { class: 'option-name' }, r.name),
          h('span', { class: 'option-detail' }, r.type === 'postcode' ? 'Postcode' : `${LAYER_WORDS[r.layer].one} · ${r.district_name}${r.listed_as ? ` · listed as “${r.listed_as}”` : ''}`),
        ),
      ),
    );
    this.list.hidden = results.length === 0;
    this.input.setAttribute('aria-expanded', String(results.length > 0));
    this.status.textContent = results.length ? `${results.length} results; use the up and down arrows to choose.` : '';
    // Said on screen, not only to screen readers: a silent empty list reads as a broken search.
    this.message.textContent = results.length ? '' : `No parish, ward, LSOA or postcode matches “${this.input.value.trim()}”. Check the spelling, or try a full postcode such as LE8 0JH.`;
    this.message.hidden = results.length > 0;
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
