// The atlas page: keeps the map, legend, table, downloads and panels in step with the view state.
// State changes flow one way: controls → store (and URL) → here → every view of the data. The map is
// drawn first; the panels are built the moment it has drawn (see buildPanels).
import { api } from './api.ts';
import { loadCaseStudies } from './app/case-study-markers.ts';
import { openMap } from './app/open-map.ts';
import { GroupLayer } from './app/group-layer.ts';
import { saveMapSheet } from './app/map-sheet.ts';
import { PlacesLoader } from './app/places-loader.ts';
import { mapView, showState } from './app/show-state.ts';
import { countyOf, type County } from './county.ts';
import { byId } from './dom.ts';
import { renderMapTools } from './panels/map-export.ts';
import type { buildLegend } from './layers/legend-model.ts';
import type { MapPort } from './map/map-port.ts';
import { MapView } from './map/map-view.ts';
import { AreaPanel } from './panels/area-panel.ts';
import { ChartsPanel } from './panels/charts/charts-panel.ts';
import { ComparePanel } from './panels/compare.ts';
import { Controls } from './panels/controls.ts';
import { FilterControls } from './panels/filters.ts';
import { SearchBox } from './panels/search.ts';
import { ServiceChecker } from './panels/service-checker.ts';
import { BulkPostcodes } from './panels/bulk-postcodes.ts';
import { renderTabs, wireTabs } from './panels/tabs.ts';
import { LayerCache, type FirstLayer } from './state/layer-cache.ts';
import { LayerOutline } from './state/layer-outline.ts';
import { defaultLayer, hasPlaces, layerWords } from './state/layer-catalog.ts';
import type { LayerData } from './state/layer-data.ts';
import type { StateStore } from './state/store.ts';
import { addToCompare, compareStatus, removeFromCompare } from './state/compare-list.ts';
import { serialiseState, type AtlasState } from './state/url.ts';
import { TableView } from './table/table-view.ts';
import type { ClientConfig, LayerInfo, LayerId, SearchResult, ServicesResponse } from './types.ts';
import type { BBox } from './map/map-port.ts';
import { selectionActions, type Selection } from './selection.ts';

export interface Boot {
  config: ClientConfig;
  layers: LayerInfo[];
  services: ServicesResponse;
  /** The first layer's fetch (its summary when drawn from tiles without attributes), already under way. */
  firstLayer?: Promise<FirstLayer>;
}

export class App {
  /** The current layer's attributes, once loaded. */
  data: LayerData | null = null;
  /** A tiled layer shown from its summary while no attribute is needed (then data is null). */
  outline: LayerOutline | null = null;
  map!: MapPort;
  private readonly cache: LayerCache;
  // The panels, built by buildPanels once the first map has drawn (none is used before).
  private panel!: AreaPanel;
  private table!: TableView;
  private controls!: Controls;
  private filterControls!: FilterControls;
  private charts!: ChartsPanel;
  private compare!: ComparePanel;
  checker!: ServiceChecker;
  private panelsBuilt = false;
  /** The state before the first change made while the panels were not built yet (replayed once they are). */
  private changedFrom: AtlasState | null = null;
  private readonly selection: Selection;
  private loads = 0;
  private checkerNames: Promise<void> | null = null;
  /** The key as last drawn, for the saved map. */
  private legend: ReturnType<typeof buildLegend> | null = null;
  /** Every register's groups as points on the map (none drawn until a register is switched on). */
  private groups: GroupLayer | null = null;
  /** The places each area of the places layer (LSOAs) covers. */
  private readonly places: PlacesLoader;
  /** The county's name and districts, from /api/config. */
  readonly county: County;
  private readonly countyBounds: [number, number, number, number];
  /** Where the map opened when the link gave no position, for history entries without one. */
  private homeCamera: AtlasState['camera'] = null;

  constructor(readonly store: StateStore, readonly boot: Boot) {
    this.cache = new LayerCache(boot.layers, { services: boot.services.services, densityReferences: boot.config.density_references });
    this.county = countyOf(boot.config);
    // The first layer (the default) covers every district.
    this.countyBounds = (boot.layers.find((l) => l.id === defaultLayer()) ?? boot.layers[0]).bbox as [number, number, number, number];
    this.places = new PlacesLoader(() => {
      this.map.refreshTooltip();
      if (this.data && hasPlaces(this.data.layer)) this.refresh(this.store.get());
    });
    this.selection = selectionActions(this);
  }

  /** Everything but the map, built once the first map has drawn: with the CPU slowed 4× building them
   *  first held the map back by about 0.2 s of main-thread time (docs/benchmarks.md, "Time to first map"). */
  private buildPanels(): void {
    if (this.panelsBuilt) return;
    this.panelsBuilt = true;
    const { store, boot } = this;
    this.controls = new Controls(store, boot.config, boot.services.services);
    this.filterControls = new FilterControls(store, boot.services.services);
    this.charts = new ChartsPanel(boot.services.services, boot.config.registers, this.county.name);
    this.compare = new ComparePanel({
      remove: (key) => store.set((s) => removeFromCompare(s, key)),
      add: (code, layer) => store.set((s) => addToCompare(s, code, layer)),
      show: (code, layer) => this.selection.select(code, layer, { zoom: true, focus: true, tab: 'map' }),
    }, this.county.name);
    this.panel = new AreaPanel(
      byId('area-panel'),
      {
        close: () => store.set({ area: null }), zoomTo: (code) => this.selection.zoomTo(code), places: (code) => this.places.of(code), focusAfterClose: () => this.focusAfterClose(), registers: () => store.get().registers,
        atlasView: (layer) => serialiseState({ ...store.get(), layer, area: null, tab: 'map', compare: [], parish: null }),
        addToCompare: (code, layer) => store.set((s) => addToCompare(s, code, layer)),
        compareStatus: (code, layer) => compareStatus(store.get(), code, layer),
        openCompare: () => store.set({ tab: 'compare' }),
      },
      boot.config.density_references,
      this.county.name,
    );
    this.table = new TableView((code) => this.selection.select(code, store.get().layer, { focus: true }));
    this.checker = new ServiceChecker({
      asked: (parish) => store.set({ parish }),
      showOnMap: (code, layer) => this.selection.select(code, layer, { zoom: true, focus: true, tab: 'map' }),
      pinPostcode: (at) => this.map?.pinPostcode(at),
    }, this.county);
    new BulkPostcodes(boot.services.services);
    new SearchBox((r: SearchResult) => void this.selection.choose(r));
    wireTabs((tab) => store.set({ tab }));
    const s = store.get();
    this.controls.render(s);
    this.filterControls.render(s);
    this.onTab(s);
    const map = this.maplibre();
    this.groups = new GroupLayer(store, boot.config.registers, map);
    if (map) renderMapTools(() => this.saveMapPng(map));
    this.refresh(s);
    this.selection.show(s);
    // A change made meanwhile (a move of the map, Back) is drawn into the panels now.
    const from = this.changedFrom;
    this.changedFrom = null;
    if (from) void this.onChange(store.get(), from);
  }

  async start(): Promise<void> {
    const s = this.store.get();
    // Settled as soon as the layer list is in, which the page already waited for.
    if (this.boot.firstLayer) this.cache.prime(s.layer, s.registers, await this.boot.firstLayer);
    // Which tab shows decides whether the map is visible; the tabs themselves are wired later.
    renderTabs(s.tab);
    this.map = await openMap(
      { container: byId('map'), basemapStyleUrl: this.boot.config.basemap_style_url, camera: s.camera, bounds: this.countyBounds, label: `Map of ${this.county.name} areas`, overlay: byId('area-panel') },
      // A chosen area's panel takes focus, so it is read out and, on a phone, brought into view.
      { describe: (code, tile) => this.describe(code, tile), select: (code) => this.selection.select(code, this.store.get().layer, { focus: true }) },
    );
    if (!s.camera) this.homeCamera = this.map.camera();
    this.map.onMove((camera) => this.store.set({ camera }));
    this.store.subscribe((next, prev) => void this.onChange(next, prev));
    // A link with a selection or district but no map position opens zoomed to it.
    if (s.area && !s.camera) this.selection.expect({ zoom: true });
    await this.load(s);
    this.buildPanels(); // built by load already, unless another load took over
    if (s.district && !s.area && !s.camera) this.fitDistrict(s.district);
    void loadCaseStudies(this.map, this.store, this.boot.config.registers);
    if (s.parish) void this.checker.ask(s.parish);
  }

  private async onChange(s: AtlasState, prev: AtlasState): Promise<void> {
    if (!this.panelsBuilt) return void (this.changedFrom ??= prev);
    // Back/Forward restore the entry's own camera rather than fitting the district or area again.
    const restoring = this.store.restoring;
    this.controls.render(s);
    this.filterControls.render(s);
    if (s.tab !== prev.tab) {
      renderTabs(s.tab);
      if (s.tab === 'map') this.map.resize();
      if (s.tab === 'table') this.table.reveal();
      if (s.tab === 'table' && hasPlaces(s.layer) && !this.places.loaded) void this.places.load();
      // A tiled layer's table needs the attributes the first map did without.
      if (s.tab === 'table' && !this.data && this.outline) void this.load(s);
    }
    if (s.tab !== prev.tab || s.compare !== prev.compare || String(s.registers) !== String(prev.registers)) this.onTab(s);
    if (s.cases !== prev.cases) this.map.showCaseStudies(s.cases);
    if (s.points !== prev.points) this.groups?.show(s);
    if (s.parish !== prev.parish && restoring) {
      if (s.parish) void this.checker.ask(s.parish);
      else this.checker.clear();
    }
    if (restoring) this.restoreCamera(s.camera);
    if (s.layer !== prev.layer || String(s.registers) !== String(prev.registers)) return this.load(s);
    if (s.view !== prev.view || s.service !== prev.service || s.district !== prev.district || s.filters !== prev.filters) {
      this.refresh(s);
      if (s.district !== prev.district && !restoring) this.fitDistrict(s.district);
    }
    if (s.area !== prev.area) this.selection.show(s);
  }

  /** The Charts and Compare tabs fetch their data only when shown, and the checker its parish names. */
  private onTab(s: AtlasState): void {
    this.charts.setActive(s.tab === 'charts');
    if (s.tab === 'checker' && !this.checkerNames) {
      // The checker answers for parishes: the first layer's names (the default layer).
      this.checkerNames = this.cache.collection(defaultLayer(), null).then((c) => this.checker.setNames(c.features.map((f) => f.properties.name)));
      this.checkerNames.catch(() => (this.checkerNames = null));
    }
    if (s.tab === 'compare' || s.compare.length === 0) void this.compare.show(s.compare, s.registers);
    else byId('compare-count').textContent = `(${s.compare.length})`;
  }

  /** The map as a PNG sheet with its title, key, scale, north arrow, source and licence. */
  private async saveMapPng(map: NonNullable<ReturnType<App['maplibre']>>): Promise<void> {
    const layerData = this.data ?? this.outline;
    if (!layerData || !this.legend) throw new Error('the map has not finished loading');
    await saveMapSheet(map, { layer: layerData.layer, collection: layerData.collection, legend: this.legend });
  }

  private restoreCamera(camera: AtlasState['camera']): void {
    if (camera) this.map.jumpTo(camera);
    else if (this.homeCamera) this.map.jumpTo(this.homeCamera);
  }

  /** Where focus goes when the area panel closes and whatever opened it has gone. */
  private focusAfterClose(): void {
    const tab = this.store.get().tab;
    const target = tab === 'map' ? document.querySelector<HTMLElement>('canvas.maplibregl-canvas') : byId(`tab-btn-${tab}`);
    (target ?? byId('main')).focus();
  }

  /** Loads (or takes from cache) the layer with the registers counted, then redraws everything. */
  private async load(s: AtlasState): Promise<void> {
    const token = ++this.loads;
    const mapEl = byId('map');
    mapEl.dataset.state = 'loading';
    let data: LayerData | LayerOutline;
    try {
      data = await this.layerFor(s);
    } catch (err) {
      if (token !== this.loads) return;
      this.buildPanels(); // the rest of the page works without the layer
      mapEl.dataset.state = 'error';
      byId('status').textContent = `The ${layerWords(s.layer).many} could not be loaded: ${(err as Error).message}`;
      // A shared link may name a register that has since been removed: fall back to all registers.
      if (s.registers) this.store.set({ registers: null });
      return;
    }
    if (token !== this.loads) return;
    performance.mark('atlas-layer-ready');
    [this.data, this.outline] = data instanceof LayerOutline ? [null, data] : [data, null];
    // A tiled layer's first view has no tooltip yet: the LSOA places (a file that grows with the layer) wait for the first hover.
    if (hasPlaces(data.layer) && !this.cache.tiled(data.layer)) void this.places.load();
    this.map.showLayer(data);
    // The state may have moved on while the layer loaded (a district or filter chosen meanwhile).
    const now = this.store.get();
    // Before the first map has drawn, the map alone (the panels follow its first idle); but a link that
    // opens an area has its panel in the first view, and the map fits the area beside it.
    if (this.panelsBuilt) {
      this.refresh(now);
      this.selection.show(now);
    } else if (now.area) this.buildPanels();
    else this.map.setView(...mapView(now, this.data ? { data: this.data } : { data: null, outline: this.outline! }));
    await this.map.idle();
    if (token !== this.loads) return;
    if (!document.body.dataset.firstIdle) {
      // Time from navigation to the first fully drawn map, read by the browser tests and benchmarks.
      performance.mark('atlas-first-idle');
      document.body.dataset.firstIdle = String(Math.round(performance.now()));
    }
    // The panels, at once after the first map: the map reads "ready" once they are in too.
    this.buildPanels();
    Object.assign(mapEl.dataset, { state: 'ready', layer: s.layer });
    document.body.dataset.ready = 'true';
  }

  /**
   * The current layer's attributes when they are loaded or the state needs them; a tiled layer's
   * summary when the state can be drawn from the tiles alone (see LayerOutline).
   */
  private async layerFor(s: AtlasState): Promise<LayerData | LayerOutline> {
    if (!this.cache.tiled(s.layer) || this.cache.hasData(s.layer, s.registers)) return this.cache.data(s.layer, s.registers);
    const outline = await this.cache.outline(s.layer, s.registers);
    return outline.serves(s) ? outline : this.cache.data(s.layer, s.registers);
  }

  private refresh(s: AtlasState): void {
    const data = this.data;
    const outline = this.outline;
    if (!data && !outline) return;
    // A view, filter or tab the tiles cannot serve: load the attributes, which refreshes again.
    if (!data && !outline!.serves(s)) return void this.load(s);
    const views = { map: this.map, table: this.table, charts: this.charts, services: this.boot.services.services, districts: this.boot.config.districts, places: this.places.lookup(), clearFilters: () => this.filterControls.clear() };
    this.legend = showState(s, data ? { data } : { data: null, outline: outline! }, views);
    // The table names LSOAs by their places: fetch them (once) when it is shown.
    if (hasPlaces((data ?? outline)!.layer) && s.tab === 'table' && !this.places.loaded) void this.places.load();
  }

  private fitDistrict(district: string | null): void {
    const data = this.data;
    const boxes = data ? data.shown(district).map((a) => data.byCode.get(a.code)?.bbox) : (this.outline?.boxes(district) ?? []);
    this.map.fitAll(boxes.filter((b): b is BBox => Boolean(b)));
  }

  /** Tooltip text for an area under the pointer; tile: the properties its vector tile carries (used before the attributes load). */
  describe(code: string, tile?: Record<string, unknown>) {
    const p = this.data?.byCode.get(code)?.properties ?? (this.outline && tile ? this.outline.props(tile) : null);
    const s = this.store.get();
    const view = this.data?.view(s) ?? this.outline?.view(s);
    if (!p || !view) return null;
    const cls = view.classes.find((c) => c.id === view.classify(p));
    const places = hasPlaces(p.layer) ? this.places.of(code) : null;
    return { name: p.name, detail: places ? `${places} · ${p.district_name}` : p.district_name, value: view.valueText(p) ?? cls?.label ?? null };
  }

  showPanel(code: string, layer: LayerId, focus: boolean): void {
    if (!this.panelsBuilt) return; // shown by buildPanels
    // An LSOA's panel names its places, so wait for them (one small request, made once).
    const ready = hasPlaces(layer) ? this.places.load() : Promise.resolve();
    void ready.then(() => this.panel.show(code, layer, (this.data ?? this.outline)?.collection.registers_counted ?? [], focus));
  }

  /** Whether the shown layer has the area (a tiled layer shown from its summary takes any code: the tiles decide). */
  knows(code: string): boolean {
    return this.data ? this.data.byCode.has(code) : this.outline !== null;
  }

  /** The area's extent: from the attributes, or (without them) from the area's own answer. */
  async areaBox(code: string, layer: LayerId): Promise<BBox | null> {
    const known = this.data?.byCode.get(code)?.bbox;
    if (known || this.data) return known ?? null;
    const area = await api.area(code, layer, this.store.get().registers).catch(() => null);
    return ((area as { bbox?: BBox } | null)?.bbox) ?? null;
  }

  /** An area found by search while the Compare tab shows: offered there, where the search was made. */
  offerCompare(area: { code: string; layer: LayerId; name: string; district_name: string }): void {
    const detail = `${layerWords(area.layer).one} in ${area.district_name}`;
    this.compare.offer({ code: area.code, layer: area.layer, name: area.name, detail }, this.store.get().compare);
  }

  hidePanel(): void {
    this.panel?.hide();
  }

  /** The MapLibre map, when there is one (for end-to-end tests and the browser console). */
  maplibre() {
    return this.map instanceof MapView ? this.map.map : null;
  }

  /** Highlights the selected area's row without rebuilding the table. */
  markSelectedRow(code: string | null): void {
    this.table?.markSelected(code);
  }
}
