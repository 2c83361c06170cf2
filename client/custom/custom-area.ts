// "Your own area" on the atlas page: draw a polygon on the map (clicks, or Enter at the centre cross),
// or build one from areas opened by search, the table or the map; its profile opens beside the map
// with the figures set against the district and county, a printable profile and downloads. The area
// lives in the URL (custom=…), so a shared link reopens it.
import { STANDALONE } from '../state/standalone.ts';
import './custom.css';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { api, ApiError } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { layerWords } from '../state/layer-catalog.ts';
import type { StateStore } from '../state/store.ts';
import { serialiseState, type AtlasState } from '../state/url.ts';
import type { CustomProfileAnswer, LayerId } from '../types.ts';
import { customCsv, customGeojson, downloadLink } from './custom-downloads.ts';
import { customFiguresBlock } from './custom-figures.ts';
import { MAX_RING_POINTS, parseCustom, profileBody, writeCustom, type CustomSpec } from './custom-spec.ts';
import { DrawTool } from './draw-tool.ts';

const sameRegisters = (a: readonly string[] | null, b: readonly string[] | null) => (a ?? []).join(',') === (b ?? []).join(',');

export class CustomArea {
  private readonly draw: DrawTool | null;
  private readonly tools = byId('custom-tools');
  private readonly panel = byId('custom-panel');
  /** Areas chosen so far for an area made of areas. */
  private chosen: { layer: LayerId; code: string; name: string }[] = [];
  private request: AbortController | null = null;
  private readonly map: MapLibreMap | null;

  constructor(private readonly store: StateStore, map: MapLibreMap | null, private readonly nameOf: (code: string, layer: LayerId) => string | null, private readonly countyName: string) {
    this.draw = map ? new DrawTool(map) : null;
    if (this.draw) {
      this.draw.onChange = () => this.renderTools();
      this.draw.onFinish = () => this.finishDrawing();
    }
    this.map = map;
    store.subscribe((next, prev) => {
      // The registers counted are part of the link (registers=, beside custom=) whichever way the area was made:
      // a change of either works the profile out again, so what the panel shows is what the link reopens.
      if (next.custom !== prev.custom) void this.open(next);
      else if (next.custom && !sameRegisters(next.registers, prev.registers)) void this.open(next, false, true);
      else if (next.area !== prev.area) {
        // An area opened meanwhile shows in front; your own area's profile comes back with its button.
        if (next.area) this.panel.hidden = true;
        this.renderTools();
      }
    });
    this.renderTools();
    void this.open(store.get(), true);
  }

  private renderTools(): void {
    // A copy read from files cannot work out a new area's figures: POST /api/profile needs the live atlas.
    if (STANDALONE) return void fill(this.tools, h('p', { class: 'standalone-note', 'data-testid': 'needs-live-atlas' }, 'Needs the live atlas: this copy is read from files.'));
    const d = this.draw;
    const drawing = d?.active ?? false;
    const s = this.store.get();
    const open = s.area ? { code: s.area, layer: s.layer } : null;
    const openName = open ? this.name(open.code, open.layer) : null;
    fill(this.tools,
      !d ? h('p', { class: 'hint' }, 'Drawing needs the map (WebGL); you can still build an area from parishes, wards or LSOAs below.')
        : drawing
          ? h('div', { class: 'custom-drawing', role: 'group', 'aria-label': 'Drawing your own area' },
              h('p', { 'aria-live': 'polite', 'data-testid': 'custom-corners' }, `Click the map to add corners, or focus the map and press Enter to add the point under the centre cross. ${d.corners} corner${d.corners === 1 ? '' : 's'} so far; double-click or Finish to close it.`),
              h('button', { type: 'button', 'data-testid': 'custom-finish', disabled: d.corners < 3, onclick: () => this.finishDrawing() }, 'Finish'),
              h('button', { type: 'button', disabled: d.corners === 0, onclick: () => d.undo() }, 'Undo last corner'),
              h('button', { type: 'button', onclick: () => { d.cancel(); this.renderTools(); this.showShapeOf(null); } }, 'Cancel'))
          : h('button', { type: 'button', 'data-testid': 'custom-draw', onclick: () => { d.start(); this.renderTools(); } }, 'Draw an area on the map'),
      s.custom && this.panel.hidden ? h('button', { type: 'button', 'data-testid': 'custom-reopen', onclick: () => { this.panel.hidden = false; this.store.set({ area: null }); this.renderTools(); } }, 'Show your own area’s profile') : null,
      h('div', { class: 'custom-build' },
        h('p', {}, 'Or build one from areas: open a parish, ward or LSOA (search, the table or the map), then add it.'),
        h('button', { type: 'button', 'data-testid': 'custom-add', disabled: !open || this.chosen.some((c) => c.code === open.code && c.layer === open.layer), onclick: () => open && this.addChosen(open.layer, open.code, openName ?? open.code) },
          open ? `Add ${openName} (${layerWords(open.layer).one})` : 'Add the open area'),
        this.chosen.length
          ? [h('ul', { class: 'plain custom-chosen' }, this.chosen.map((c, i) => h('li', {}, `${c.name} (${layerWords(c.layer).one}) `, h('button', { type: 'button', class: 'link-button', 'aria-label': `Remove ${c.name}`, onclick: () => { this.chosen.splice(i, 1); this.renderTools(); } }, 'remove')))),
              h('button', { type: 'button', 'data-testid': 'custom-build', onclick: () => this.store.set({ custom: writeCustom({ kind: 'areas', areas: this.chosen.map(({ layer, code }) => ({ layer, code })) }) }) }, this.chosen.length === 1 ? 'Profile of this area' : `Profile of these ${this.chosen.length} areas together`)]
          : []),
    );
  }

  /** The area's name: from the loaded layer, or (a layer drawn from tiles) asked of the API once, then shown. */
  private name(code: string, layer: LayerId): string {
    const known = this.nameOf(code, layer) ?? this.names.get(`${layer}/${code}`);
    if (known) return known;
    if (!this.names.has(`${layer}/${code}`)) {
      this.names.set(`${layer}/${code}`, '');
      void api.area(code, layer, null).then((a) => {
        this.names.set(`${layer}/${code}`, a.properties.name);
        this.renderTools();
      }, () => {});
    }
    return code;
  }

  private readonly names = new Map<string, string>();

  private addChosen(layer: LayerId, code: string, name: string): void {
    this.chosen.push({ layer, code, name });
    this.renderTools();
  }

  private finishDrawing(): void {
    if (!this.draw) return;
    const corners = this.draw.finish();
    this.renderTools();
    if (corners.length < 3) return;
    // A shared link holds at most MAX_RING_POINTS corners; a longer drawing keeps every other one.
    const ring = corners.length > MAX_RING_POINTS ? corners.filter((_, i) => i % Math.ceil(corners.length / MAX_RING_POINTS) === 0) : corners;
    this.store.set({ custom: writeCustom({ kind: 'polygon', ring }), area: null });
  }

  private showShapeOf(a: CustomProfileAnswer | null): void {
    this.draw?.show(a ? (a.geometry as GeoJSON.Geometry) : null);
  }

  /** Opens (or closes) the profile for the state's custom area; `refresh`: the same area with other registers (focus stays put). */
  private async open(s: AtlasState, first = false, refresh = false): Promise<void> {
    this.request?.abort();
    const spec = parseCustom(s.custom);
    if (!spec) {
      this.panel.hidden = true;
      this.showShapeOf(null);
      return;
    }
    const request = (this.request = new AbortController());
    this.panel.hidden = false;
    fill(this.panel, h('p', { role: 'status' }, 'Working out your area’s profile…'));
    try {
      const answer = await api.customProfile(profileBody(spec, s.registers), request.signal);
      if (request.signal.aborted) return;
      this.render(answer, spec, s);
      this.showShapeOf(answer);
      // Made just now (not opened from a link): the answer takes focus, so it is read out and, on a phone, comes into view.
      if (!first && !refresh) byId('custom-title').focus();
      if (first && !s.camera) this.map?.fitBounds(answer.bbox as [number, number, number, number], { padding: 40, duration: 0 });
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      fill(this.panel, this.closeButton(), h('h2', {}, 'Your own area'), h('p', { role: 'alert', 'data-testid': 'custom-problem' }, err instanceof ApiError ? err.message : 'The profile could not be worked out.'));
    }
  }

  private closeButton(): HTMLElement {
    return h('button', { type: 'button', class: 'panel-close', 'aria-label': 'Close your own area', onclick: () => this.store.set({ custom: null }) }, '×');
  }

  private render(a: CustomProfileAnswer, spec: CustomSpec, s: AtlasState): void {
    const file = `custom-area-${new Date().toISOString().slice(0, 10)}`;
    const printUrl = `/area/custom?${serialiseState({ ...s, area: null, compare: [], parish: null })}`;
    fill(this.panel,
      this.closeButton(),
      h('p', { class: 'panel-kicker' }, 'Your own area'),
      h('h2', { id: 'custom-title', tabindex: '-1' }, a.name),
      h('p', { class: 'panel-subtitle' }, spec.kind === 'polygon' ? `Drawn on the map · ${spec.ring.length} corners` : `Made of ${spec.areas.length} area${spec.areas.length === 1 ? '' : 's'}`),
      h('div', { class: 'panel-actions' },
        h('a', { href: printUrl, class: 'button-link', 'data-testid': 'custom-print', target: '_blank', rel: 'noopener' }, 'Print profile'),
        downloadLink('Download GeoJSON', `${file}.geojson`, 'application/geo+json', () => customGeojson(a), 'custom-geojson'),
        downloadLink('Download CSV', `${file}.csv`, 'text/csv', () => customCsv(a), 'custom-csv')),
      customFiguresBlock(a, this.countyName),
      h('p', { class: 'hint' }, `${a.attribution} Licence: ${a.licence}.`),
    );
  }
}
