// The officer's question without the map: "which services can this parish access?". A plain form;
// the answer is the API's summary sentence and the seven services, each with its reason.
import { ApiError, api } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import type { County } from '../county.ts';
import { defaultLayer } from '../state/layer-catalog.ts';
import type { LayerId, ParishServicesAnswer, ServicesAnswer } from '../types.ts';

/** A full UK postcode, with or without its space (the server checks it is a real one). */
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
import { postcodeAnswerView } from './postcode-answer.ts';
import { servicesList } from './services-answer.ts';

export interface CheckerActions {
  /** Remembers the question in the URL. */
  asked(name: string): void;
  showOnMap(code: string, layer: LayerId): void;
  /** Marks where an answered postcode is (null: no postcode answered now). */
  pinPostcode(at: { lon: number; lat: number; postcode: string } | null): void;
}

export class ServiceChecker {
  private readonly input = byId<HTMLInputElement>('checker-name');
  private readonly result = byId('checker-result');

  constructor(private readonly actions: CheckerActions, private readonly county: County) {
    byId<HTMLFormElement>('checker-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.ask(this.input.value);
    });
  }

  /** Offers the parish names as suggestions while typing. */
  setNames(names: readonly string[]): void {
    fill(byId('checker-names'), [...names].sort((a, b) => a.localeCompare(b)).map((n) => h('option', { value: n })));
  }

  clear(): void {
    this.input.value = '';
    this.result.replaceChildren();
    this.actions.pinPostcode(null);
  }

  async ask(name: string): Promise<void> {
    const q = name.trim();
    if (!q) {
      fill(this.result, h('p', { role: 'alert' }, 'Type the name of a parish first.'));
      return;
    }
    this.input.value = q;
    this.actions.asked(q);
    this.result.setAttribute('aria-busy', 'true');
    try {
      if (POSTCODE.test(q)) return await this.askPostcode(q);
      this.actions.pinPostcode(null);
      this.render(await api.parishServices(q));
    } catch (err) {
      const suggestions = err instanceof ApiError && Array.isArray(err.extra.suggestions) ? (err.extra.suggestions as string[]) : [];
      fill(
        this.result,
        h('p', { role: 'alert' }, err instanceof ApiError ? err.message : 'The answer could not be loaded.'),
        suggestions.length ? h('p', {}, 'Did you mean: ', suggestions.map((s, i) => [i ? ', ' : '', h('button', { type: 'button', class: 'link-button', onclick: () => void this.ask(s) }, s)]).flat()) : null,
      );
    } finally {
      this.result.removeAttribute('aria-busy');
    }
  }

  /** A postcode: answered at the finest area known (every area holding it), with a pin where it is. */
  private async askPostcode(postcode: string): Promise<void> {
    const found = await api.postcodeAnswer(postcode);
    // The first layer covers every district, so a postcode with no area there is outside them.
    if (!found.areas[defaultLayer()] || found.lon === null || found.lat === null) {
      this.actions.pinPostcode(null);
      fill(this.result, h('p', { role: 'alert' }, `Postcode ${found.postcode} is outside the ${this.county.namedDistricts} the atlas covers.`));
      return;
    }
    this.actions.pinPostcode({ lon: found.lon, lat: found.lat, postcode: found.postcode! });
    fill(this.result, postcodeAnswerView(found, (code, layer) => this.actions.showOnMap(code, layer)));
  }

  private render(a: ServicesAnswer | ParishServicesAnswer, note?: string): void {
    const matched = 'matched' in a ? a.matched : null;
    const fuzzy = matched && matched.by !== 'exact';
    fill(
      this.result,
      h('h3', { id: 'checker-answer-title' }, `${a.area.name}, ${a.area.district_name}`),
      note ? h('p', { 'data-testid': 'checker-note' }, note) : null,
      fuzzy ? h('p', { class: 'muted' }, `You asked for “${matched.query}”; this is the closest match${matched.listed_as ? ` (Appendix One lists it as “${matched.listed_as}”)` : ''}.`) : null,
      h('p', { class: 'answer-summary', 'data-testid': 'checker-summary' }, a.summary),
      servicesList(a),
      h('p', {}, h('button', { type: 'button', onclick: () => this.actions.showOnMap(a.area.code, a.area.layer) }, `Show ${a.area.name} on the map`)),
      'other_matches' in a && a.other_matches.length
        ? h('p', { class: 'muted' }, 'Other matches: ', a.other_matches.map((m, i) => [i ? ', ' : '', h('button', { type: 'button', class: 'link-button', onclick: () => void this.ask(m.name) }, m.name)]).flat())
        : null,
    );
  }
}
