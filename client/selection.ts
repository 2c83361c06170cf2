// Selecting an area from anywhere (map click, table, search, postcode, service checker): update the
// state, then highlight it, open its panel and, when asked, zoom to it once its layer is loaded.
import { api, ApiError } from './api.ts';
import type { BBox, MapPort } from './map/map-port.ts';
import type { ServiceChecker } from './panels/service-checker.ts';
import type { StateStore } from './state/store.ts';
import { byId } from './dom.ts';
import type { TabId } from './state/ids.ts';
import { selectArea } from './state/transitions.ts';
import type { AtlasState } from './state/url.ts';
import type { LayerId, SearchResult } from './types.ts';
import type { County } from './county.ts';
import { defaultLayer } from './state/layer-catalog.ts';
import { postcodeNote } from './panels/postcode-answer.ts';

export interface SelectOptions {
  zoom?: boolean;
  /** Move keyboard focus to the panel (after a deliberate choice, not on page load). */
  focus?: boolean;
  tab?: TabId;
}

export type Selection = ReturnType<typeof selectionActions>;

/** What selecting needs of the page (the App provides it): declared here, so this module does not import the App. */
export interface SelectionHost {
  readonly store: StateStore;
  readonly map: MapPort;
  readonly checker: ServiceChecker;
  readonly county: County;
  areaBox(code: string, layer: LayerId): Promise<BBox | null>;
  knows(code: string): boolean;
  markSelectedRow(code: string | null): void;
  showPanel(code: string, layer: LayerId, focus: boolean): void;
  hidePanel(): void;
  offerCompare(area: { code: string; layer: LayerId; name: string; district_name: string }): void;
}

export function selectionActions(app: SelectionHost) {
  let pending: SelectOptions = {};

  const zoomTo = (code: string) => {
    void app.areaBox(code, app.store.get().layer).then((bbox) => bbox && app.map.fit(bbox, 12));
  };

  const show = (s: AtlasState) => {
    const known = s.area && app.knows(s.area) ? s.area : null;
    app.map.select(known);
    app.markSelectedRow(s.area);
    if (s.area) app.showPanel(s.area, s.layer, Boolean(pending.focus));
    else app.hidePanel();
    if (s.area && pending.zoom) zoomTo(s.area);
    pending = {};
  };

  const select = (code: string, layer: LayerId, opts: SelectOptions = {}) => {
    pending = opts;
    const s = app.store.get();
    if (s.area === code && s.layer === layer) {
      if (opts.tab) app.store.set({ tab: opts.tab });
      show(app.store.get());
      return;
    }
    app.store.set((st) => ({ ...selectArea(st, code, layer), tab: opts.tab ?? st.tab }));
  };

  /** A search result: an area directly, or a postcode through the look-up of its containing areas. */
  const choose = async (r: SearchResult) => {
    const tab = app.store.get().tab === 'checker' ? 'map' : undefined;
    // On the Compare tab the area panel is hidden: the tab itself offers the area for comparison.
    const comparing = app.store.get().tab === 'compare';
    if (r.type === 'area' && comparing) return app.offerCompare(r);
    if (r.type === 'area') return select(r.code, r.layer, { zoom: true, focus: true, tab });
    try {
      // Answered at the finest area known (the summary says which services every area holding it settles), pinned where it is.
      const found = await api.postcodeAnswer(r.name);
      const layer = app.store.get().layer;
      // Not in the layer shown: the first layer's area (it covers every district).
      const area = found.areas[layer] ?? found.areas[defaultLayer()];
      if (!area || found.lon === null || found.lat === null) {
        byId('status').textContent = `Postcode ${r.name} is outside the ${app.county.namedDistricts}.`;
        return;
      }
      const areaLayer = found.areas[layer] ? layer : defaultLayer();
      byId('status').textContent = found.summary;
      if (comparing) return app.offerCompare({ ...area, layer: areaLayer });
      select(area.code, areaLayer, { tab });
      const more = () => {
        app.store.set({ tab: 'checker' });
        void app.checker.ask(found.postcode!);
      };
      app.map.pinPostcode({ lon: found.lon, lat: found.lat, postcode: found.postcode!, note: postcodeNote(found, more) });
    } catch (err) {
      byId('status').textContent = err instanceof ApiError ? err.message : 'The postcode could not be looked up.';
    }
  };

  /** Options for the next show(), e.g. zooming to a selection restored from a link without a camera. */
  const expect = (opts: SelectOptions) => {
    pending = opts;
  };

  return { select, show, zoomTo, choose, expect };
}
