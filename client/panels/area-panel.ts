// The side panel for a selected area: name, district, population, its 2008 designations, the seven
// services with ✓/✗, groups and density, IMD/CNI on LSOAs, and a link to its GeoJSON.
import { ApiError, api, areaUrl, profileUrl } from '../api.ts';
import { fill, h } from '../dom.ts';
import { formatNumber } from '../layers/classify.ts';
import { densityText } from '../layers/views/density.ts';
import { areaNoun, capitalised, hasIndices, hasPlaces } from '../state/layer-catalog.ts';
import type { AreaDeprivation, AreaProps, DensityReference, LayerId } from '../types.ts';
import { deprivationMix, deprivationText } from './deprivation.ts';
import { benchmarkTable } from './benchmarks.ts';
import { designationsList, servicesList } from './services-answer.ts';

export interface PanelActions {
  close(): void;
  zoomTo(code: string): void;
  /** The parishes and wards an LSOA covers, as words, once known. */
  places(code: string): string | null;
  /** Focus somewhere sensible when whatever opened the panel is gone. */
  focusAfterClose(): void;
  /** The registers chosen in the atlas (null: all), which the profile link keeps. */
  registers(): readonly string[] | null;
  /** The atlas's query for the view shown, in the area's layer, which the profile's "Back to the atlas" returns to. */
  atlasView?(layer: LayerId): string;
  /** Puts the area on the Compare tab; says whether it is already there or the tab is full. */
  addToCompare(code: string, layer: LayerId): void;
  openCompare(): void;
  compareStatus(code: string, layer: LayerId): 'added' | 'full' | 'open';
}

/** Where focus was when the panel opened (a table row, search box, the map), to return it on close. */
function opener(panel: HTMLElement): HTMLElement | null {
  const a = document.activeElement;
  return a instanceof HTMLElement && a !== document.body && !panel.contains(a) ? a : null;
}

const row = (term: string, ...value: (Node | string | null)[]) => [h('dt', {}, term), h('dd', {}, ...value)];

/** The figures to read the area's density against: its district, the county, then the published
 *  references that fit the counted registers (or the plain statement that none does). */
export function densityComparison(p: AreaProps, refs: readonly DensityReference[], countyName: string, statement?: string): HTMLElement | null {
  const value = p.groups_per_1000;
  if (value == null) return null;
  const local = [
    ...(p.district_groups_per_1000 != null ? [`${p.district_name}: ${formatNumber(p.district_groups_per_1000)} per 1,000`] : []),
    ...(p.county_groups_per_1000 != null ? [`${countyName}: ${formatNumber(p.county_groups_per_1000)} per 1,000`] : []),
  ];
  return h('ul', { class: 'plain' }, [...local, ...referenceLines(value, refs, statement)].map((t) => h('li', {}, t)));
}

/** The rate against each published reference that fits the counted registers, or the plain statement that none does. */
export function referenceLines(value: number, refs: readonly DensityReference[], statement?: string): string[] {
  if (refs.length === 0) return statement ? [statement] : [];
  return refs.map((r) => `${value >= r.value ? 'At or above' : 'Below'} ${formatNumber(r.value)}: ${r.label}`);
}

export class AreaPanel {
  private request: AbortController | null = null;
  private returnTo: HTMLElement | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly actions: PanelActions,
    private readonly refs: readonly DensityReference[],
    /** The county's name for its rows (from /api/config). */
    private readonly countyName: string,
  ) {
    // Escape closes the panel from inside it, or from the map it belongs to.
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || this.el.hidden || e.defaultPrevented) return;
      const t = e.target as HTMLElement;
      if (this.el.contains(t) || t === document.body || t.matches('canvas.maplibregl-canvas')) {
        e.preventDefault();
        this.close();
      }
    });
  }

  /** Closes the panel and gives focus back to what opened it. */
  close(): void {
    const back = this.returnTo;
    this.returnTo = null;
    this.actions.close();
    if (back?.isConnected && back.offsetParent !== null) back.focus();
    else this.actions.focusAfterClose();
  }

  async show(code: string, layer: LayerId, registersCounted: readonly string[], focus = false): Promise<void> {
    this.request?.abort();
    const req = (this.request = new AbortController());
    if (this.el.hidden) this.returnTo = opener(this.el);
    this.el.hidden = false;
    this.el.setAttribute('aria-busy', 'true');
    try {
      const [detail, answer] = await Promise.all([api.area(code, layer, registersCounted, req.signal), api.areaServices(code, layer, req.signal)]);
      if (req.signal.aborted) return;
      // The references that fit the counted registers come with the detail (issue 11); the configured list is the fallback.
      const fit = detail.density?.reference;
      this.render(detail.properties, answer, registersCounted, focus, fit ? { refs: fit.references, statement: fit.statement } : { refs: this.refs }, detail.deprivation);
      // Each figure against the district and the county, after the facts.
      this.el.querySelector('.facts')?.after(h('h3', {}, 'Against the district and the county'), benchmarkTable(detail, (id) => answer.services.find((s) => s.id === id)?.short_name ?? id, this.countyName));
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

  private closeButton(): HTMLElement[] {
    // On a phone the panel is a bottom sheet: its handle closes it by a tap or a swipe down.
    const handle = h('button', { type: 'button', class: 'sheet-handle', 'aria-label': 'Close the area panel (or swipe down)', onclick: () => this.close() });
    let startY: number | null = null;
    handle.addEventListener('pointerdown', (e) => {
      startY = e.clientY;
      // Keep the pointer's events on the handle while the finger travels down the screen.
      handle.setPointerCapture(e.pointerId);
    });
    handle.addEventListener('pointerup', (e) => {
      if (startY !== null && e.clientY - startY > 30) this.close();
      startY = null;
    });
    return [handle, h('button', { type: 'button', class: 'panel-close', onclick: () => this.close() }, h('span', { 'aria-hidden': 'true' }, '× '), 'Close')];
  }

  /** "Add to compare"; once added it opens the Compare tab, and it stays focused in between. */
  private compareButton(code: string, layer: LayerId): HTMLElement {
    const status = this.actions.compareStatus(code, layer);
    const words = { added: 'Open Compare', full: 'Compare is full (4 areas)', open: 'Add to compare' };
    const button: HTMLButtonElement = h('button', { type: 'button', 'data-testid': 'add-compare', 'data-status': status, disabled: status === 'full', onclick: () => {
      if (status === 'added') return this.actions.openCompare();
      this.actions.addToCompare(code, layer);
      const next = this.compareButton(code, layer);
      button.replaceWith(next);
      next.focus();
    } }, words[status]);
    return button;
  }

  private render(p: AreaProps, answer: Parameters<typeof servicesList>[0] & { summary: string }, counted: readonly string[], focus: boolean, fit: { refs: readonly DensityReference[]; statement?: string }, deprivation?: AreaDeprivation | null): void {
    const noun = areaNoun(p.layer, p.code);
    const groups = counted.length ? (densityText(p) ?? `${p.groups} groups; no population figure`) : 'No register of groups is loaded.';
    const comparison = counted.length ? densityComparison(p, fit.refs, this.countyName, fit.statement) : null;
    const heading = h('h2', { id: 'panel-title', tabindex: '-1' }, p.name);
    const places = hasPlaces(p.layer) ? this.actions.places(p.code) : null;
    fill(
      this.el,
      this.closeButton(),
      heading,
      h('p', { class: 'panel-subtitle' }, `${capitalised(noun)} in ${p.district_name} · ${p.code}`),
      places ? h('p', { class: 'panel-places', 'data-testid': 'places' }, `Covers ${places}`) : null,
      h('p', { class: 'panel-summary', 'data-testid': 'summary' }, answer.summary),
      h(
        'dl',
        { class: 'facts' },
        row('Population (Census 2021)', p.population != null ? `${p.population.toLocaleString('en-GB')}${p.population_note ? `. ${p.population_note}` : ''}` : (p.population_note ?? 'Not published for this area (counted in a neighbouring parish)')),
        row('Community groups', groups),
        comparison ? row('Compared with the reference figures (per 1,000)', comparison) : [],
        p.imd_decile != null ? row('IMD 2025 decile', `${p.imd_decile} (1 = most deprived 10% in England)`) : [],
        deprivation && !hasIndices(p.layer) ? row('Deprivation (IMD 2025, by its Output Areas’ LSOAs)', h('span', { 'data-testid': 'deprivation' }, deprivationText(deprivation, p.district_name, this.countyName)), deprivationMix(deprivation)) : [],
        p.cni_score != null ? row('Community Needs Index 2023', `${formatNumber(p.cni_score)}${p.left_behind === 'yes' ? ' (a “left behind” area)' : ''} © OCSI and Local Trust`) : [],
      ),
      h('h3', {}, 'Appendix One designations (2008)'),
      designationsList(p.designations),
      h('h3', {}, 'Services'),
      servicesList(answer),
      h(
        'p',
        { class: 'panel-links' },
        h('button', { type: 'button', onclick: () => this.actions.zoomTo(p.code) }, 'Zoom to area'),
        this.compareButton(p.code, p.layer),
        h('a', { href: profileUrl(p.code, p.layer, this.actions.registers(), this.actions.atlasView?.(p.layer)), 'data-testid': 'profile-link' }, 'Printable profile'),
        h('a', { href: areaUrl(p.code, p.layer), download: `${p.code}.geojson` }, 'GeoJSON of this area'),
      ),
    );
    // Move focus only after a deliberate choice, so a screen reader reads the new panel.
    if (focus) heading.focus();
    if (focus) this.el.scrollIntoView({ block: 'nearest' });
  }
}
