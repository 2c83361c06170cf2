// The side panel for a selected area: name, district, population, its 2008 designations, the seven
// services with ✓/✗, groups and density, IMD/CNI on LSOAs, and a link to its GeoJSON.
import { ApiError, api, areaUrl } from '../api.ts';
import { fill, h } from '../dom.ts';
import { formatNumber } from '../layers/classify.ts';
import { densityText } from '../layers/views/density.ts';
import { LAYER_WORDS } from '../state/ids.ts';
import type { AreaProps, DensityReference, LayerId } from '../types.ts';
import { designationsList, servicesList } from './services-answer.ts';

export interface PanelActions {
  close(): void;
  zoomTo(code: string): void;
}

const row = (term: string, value: Node | string) => [h('dt', {}, term), h('dd', {}, value)];

/** The area's density against each of the seed's reference figures, one line each. */
export function densityComparison(value: number | null, refs: readonly DensityReference[]): HTMLElement | null {
  if (value == null) return null;
  return h('ul', { class: 'plain' }, refs.map((r) => h('li', {}, `${value >= r.value ? 'At or above' : 'Below'} ${formatNumber(r.value)}: ${r.label}`)));
}

export class AreaPanel {
  private request: AbortController | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly actions: PanelActions,
    private readonly refs: readonly DensityReference[],
  ) {}

  async show(code: string, layer: LayerId, registersCounted: readonly string[], focus = false): Promise<void> {
    this.request?.abort();
    const req = (this.request = new AbortController());
    this.el.hidden = false;
    this.el.setAttribute('aria-busy', 'true');
    try {
      const [detail, answer] = await Promise.all([api.area(code, layer, registersCounted, req.signal), api.areaServices(code, layer, req.signal)]);
      if (req.signal.aborted) return;
      this.render(detail.properties, answer, registersCounted, focus);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      fill(this.el, this.closeButton(), h('p', { role: 'alert' }, err instanceof ApiError ? err.message : 'The area could not be loaded.'));
    } finally {
      if (this.request === req) this.el.removeAttribute('aria-busy');
    }
  }

  hide(): void {
    this.request?.abort();
    this.el.hidden = true;
    this.el.replaceChildren();
  }

  private closeButton(): HTMLElement {
    // Visible words, because on narrower screens closing the panel is also how the key comes back.
    return h('button', { type: 'button', class: 'panel-close', onclick: () => this.actions.close() }, h('span', { 'aria-hidden': 'true' }, '× '), 'Close');
  }

  private render(p: AreaProps, answer: Parameters<typeof servicesList>[0] & { summary: string }, counted: readonly string[], focus: boolean): void {
    const words = LAYER_WORDS[p.layer];
    const noun = p.code.startsWith('E43') ? 'unparished area' : words.one;
    const groups = counted.length ? (densityText(p) ?? `${p.groups} groups; no population figure`) : 'No register of groups is loaded.';
    const comparison = counted.length ? densityComparison(p.groups_per_1000, this.refs) : null;
    const heading = h('h2', { id: 'panel-title', tabindex: '-1' }, p.name);
    fill(
      this.el,
      this.closeButton(),
      heading,
      h('p', { class: 'panel-subtitle' }, `${noun[0].toUpperCase()}${noun.slice(1)} in ${p.district_name} · ${p.code}`),
      h('p', { class: 'panel-summary', 'data-testid': 'summary' }, answer.summary),
      h(
        'dl',
        { class: 'facts' },
        row('Population (Census 2021)', p.population != null ? `${p.population.toLocaleString('en-GB')}${p.population_note ? `. ${p.population_note}` : ''}` : (p.population_note ?? 'Not published for this area (counted in a neighbouring parish)')),
        row('Community groups', groups),
        comparison ? row('Compared with the reference figures (per 1,000)', comparison) : [],
        p.imd_decile != null ? row('IMD 2025 decile', `${p.imd_decile} (1 = most deprived 10% in England)`) : [],
        p.cni_score != null ? row('Community Needs Index 2023', `${formatNumber(p.cni_score)}${p.left_behind === 'yes' ? ' (a “left behind” area)' : ''} © OCSI and Local Trust`) : [],
      ),
      h('h3', {}, 'Appendix One designations (2008)'),
      designationsList(p.designations, p.code),
      h('h3', {}, 'Services'),
      servicesList(answer),
      h(
        'p',
        { class: 'panel-links' },
        h('button', { type: 'button', onclick: () => this.actions.zoomTo(p.code) }, 'Zoom to area'),
        h('a', { href: areaUrl(p.code, p.layer), download: `${p.code}.geojson` }, 'GeoJSON of this area'),
      ),
    );
    // Move focus only after a deliberate choice, so a screen reader reads the new panel.
    if (focus) heading.focus();
  }
}
