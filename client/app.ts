// The atlas page: keeps the map, legend, table, downloads and panels in step with the view state.
// State changes flow one way: controls → store (and URL) → here → every view of the data.
import { api } from './api.ts';
import { byId, h } from './dom.ts';
import { GroupPoints } from './map/group-points.ts';
import { renderPointToggles, syncPointToggles } from './panels/group-toggles.ts';
import { RegistersAdmin } from './panels/registers-admin.ts';
import { mapPng, renderMapTools } from './panels/map-export.ts';
import { buildLegend } from './layers/legend-model.ts';
import { NoMap, type MapPort } from './map/map-port.ts';
import { MapView } from './map/map-view.ts';
import { AreaPanel } from './panels/area-panel.ts';
import { renderCaseStudies } from './panels/case-studies.ts';
import { ChartsPanel } from './panels/charts/charts-panel.ts';
import { ComparePanel } from './panels/compare.ts';
import { Controls } from './panels/controls.ts';
import { FilterControls } from './panels/filters.ts';
import { renderDownloads } from './panels/downloads.ts';
import { renderNoMatch } from './panels/no-match.ts';
import { renderLegend } from './panels/legend.ts';
import { SearchBox } from './panels/search.ts';
import { ServiceChecker } from './panels/service-checker.ts';
import { BulkPostcodes } from './panels/bulk-postcodes.ts';
import { renderTabs, wireTabs } from './panels/tabs.ts';
import { LayerCache, type FirstLayer } from './state/layer-cache.ts';
import { LayerOutline } from './state/layer-outline.ts';
import { filterPhrases, filterSummary, hasFilters, matches } from './state/filters.ts';
import { LAYER_WORDS } from './state/ids.ts';
import type { LayerData } from './state/layer-data.ts';
import type { StateStore } from './state/store.ts';
import { COMPARE_MAX, compareKey, isCompared, serialiseState, type AtlasState } from './state/url.ts';
import { TableView } from './table/table-view.ts';
import type { ClientConfig, LayerInfo, LayerId, SearchResult, ServicesResponse } from './types.ts';
import type { BBox } from './map/map-port.ts';
import { lsoaPlaces, placesText, type LsoaPlace } from './places.ts';
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
  private readonly panel: AreaPanel;
  private readonly table: TableView;
  private readonly controls: Controls;
  private readonly filterControls: FilterControls;
  private readonly charts: ChartsPanel;
  private readonly compare: ComparePanel;
  readonly checker: ServiceChecker;
  private readonly selection: Selection;
  private loads = 0;
  private checkerNames: Promise<void> | null = null;
  /** The key as last drawn, for the saved map. */
  private legend: ReturnType<typeof buildLegend> | null = null;
  /** Every register's groups as points on the map (none drawn until a register is switched on). */
  private points: GroupPoints | null = null;
  /** The places each LSOA covers, once fetched (null until then). */
  private places: Record<string, LsoaPlace[]> | null = null;
  private countyBounds: [number, number, number, number];
  /** Where the map opened when the link gave no position, for history entries without one. */
  private homeCamera: AtlasState['camera'] = null;

  constructor(readonly store: StateStore, readonly boot: Boot) {
    this.cache = new LayerCache(boot.layers, { services: boot.services.services, densityReferences: boot.config.density_references });
    this.countyBounds = (boot.layers.find((l) => l.id === 'parishes')?.bbox ?? boot.layers[0].bbox) as [number, number, number, number];
    this.selection = selectionActions(this);
    this.controls = new Controls(store, boot.config, boot.services.services);
    this.filterControls = new FilterControls(store, boot.services.services);
    this.charts = new ChartsPanel(boot.services.services, boot.config.registers);
    this.compare = new ComparePanel({
      remove: (key) => store.set((s) => ({ ...s, compare: s.compare.filter((e) => compareKey(e) !== key) })),
      add: (code, layer) => store.set((s) => (s.compare.some((e) => isCompared(e, code, layer)) || s.compare.length >= COMPARE_MAX ? s : { ...s, compare: [...s.compare, { code, layer }] })),
      show: (code, layer) => this.selection.select(code, layer, { zoom: true, focus: true, tab: 'map' }),
    });
    this.panel = new AreaPanel(
      byId('area-panel'),
      {
        close: () => store.set({ area: null }), zoomTo: (code) => this.selection.zoomTo(code), places: (code) => this.placesOf(code), focusAfterClose: () => this.focusAfterClose(), registers: () => store.get().registers,
        atlasView: (layer) => serialiseState({ ...store.get(), layer, area: null, tab: 'map', compare: [], parish: null }),
        addToCompare: (code, layer) => store.set((s) => (s.compare.some((e) => isCompared(e, code, layer)) || s.compare.length >= COMPARE_MAX ? s : { ...s, compare: [...s.compare, { code, layer }] })),
        compareStatus: (code, layer) => (store.get().compare.some((e) => isCompared(e, code, layer)) ? 'added' : store.get().compare.length >= COMPARE_MAX ? 'full' : 'open'),
        openCompare: () => store.set({ tab: 'compare' }),
      },
      boot.config.density_references,
    );
    this.table = new TableView((code) => this.selection.select(code, store.get().layer, { focus: true }));
    this.checker = new ServiceChecker({
      asked: (parish) => store.set({ parish }),
      showOnMap: (code, layer) => this.selection.select(code, layer, { zoom: true, focus: true, tab: 'map' }),
      pinPostcode: (at) => this.map?.pinPostcode(at),
    });
    new BulkPostcodes(boot.services.services);
    new SearchBox((r: SearchResult) => void this.selection.choose(r));
    wireTabs((tab) => store.set({ tab }));
  }

  async start(): Promise<void> {
    const s = this.store.get();
    // Settled as soon as the layer list is in, which the page already waited for.
    if (this.boot.firstLayer) this.cache.prime(s.layer, s.registers, await this.boot.firstLayer);
    this.controls.render(s);
    this.filterControls.render(s);
    renderTabs(s.tab);
    this.onTab(s);
    try {
      this.map = await MapView.create(
        { container: byId('map'), basemapStyleUrl: this.boot.config.basemap_style_url, camera: s.camera, bounds: this.countyBounds, label: 'Map of Leicestershire areas', overlay: byId('area-panel') },
        // A chosen area's panel takes focus, so it is read out and, on a phone, brought into view.
        { describe: (code, tile) => this.describe(code, tile), select: (code) => this.selection.select(code, this.store.get().layer, { focus: true }) },
      );
    } catch (err) {
      // Typically no WebGL: everything but the map still works.
      const message = (err as Error).message ?? '';
      this.map = new NoMap(byId('map'), /webgl/i.test(message) || !message ? 'this browser does not offer WebGL 2, which the map needs.' : message);
    }
    if (!s.camera) this.homeCamera = this.map.camera();
    this.startGroupPoints(s);
    const map = this.maplibre();
    if (map) renderMapTools(() => this.saveMapPng(map));
    this.map.onMove((camera) => this.store.set({ camera }));
    this.store.subscribe((next, prev) => void this.onChange(next, prev));
    // A link with a selection or district but no map position opens zoomed to it.
    if (s.area && !s.camera) this.selection.expect({ zoom: true });
    await this.load(s);
    if (s.district && !s.area && !s.camera) this.fitDistrict(s.district);
    void this.loadCaseStudies();
    if (s.parish) void this.checker.ask(s.parish);
  }

  private async onChange(s: AtlasState, prev: AtlasState): Promise<void> {
    // Back/Forward restore the entry's own camera rather than fitting the district or area again.
    const restoring = this.store.restoring;
    this.controls.render(s);
    this.filterControls.render(s);
    if (s.tab !== prev.tab) {
      renderTabs(s.tab);
      if (s.tab === 'map') this.map.resize();
      if (s.tab === 'table') this.table.reveal();
      if (s.tab === 'table' && s.layer === 'lsoas' && !this.places) void this.loadPlaces();
      // A tiled layer's table needs the attributes the first map did without.
      if (s.tab === 'table' && !this.data && this.outline) void this.load(s);
    }
    if (s.tab !== prev.tab || s.compare !== prev.compare || String(s.registers) !== String(prev.registers)) this.onTab(s);
    if (s.cases !== prev.cases) this.map.showCaseStudies(s.cases);
    if (s.points !== prev.points) this.showPoints(s);
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
      this.checkerNames = this.cache.collection('parishes', null).then((c) => this.checker.setNames(c.features.map((f) => f.properties.name)));
      this.checkerNames.catch(() => (this.checkerNames = null));
    }
    if (s.tab === 'compare' || s.compare.length === 0) void this.compare.show(s.compare, s.registers);
    else byId('compare-count').textContent = `(${s.compare.length})`;
  }

  /** Each register's groups as clustered points, switchable per register; and the register import form. */
  private startGroupPoints(s: AtlasState): void {
    const registers = this.boot.config.registers;
    const map = this.maplibre();
    if (map) this.points = new GroupPoints(map, registers.map((r) => r.name));
    renderPointToggles(this.store, map ? registers : [], (name) => this.points?.colour(name) ?? '#000000');
    this.showPoints(s);
    new RegistersAdmin(() => {
      const status = byId('register-status');
      status.append(h('p', {}, 'The map and figures count the registers as they were when the page opened. ', h('button', { type: 'button', class: 'clear-filters', onclick: () => location.reload() }, 'Reload to recount')));
    });
  }

  /** The map as a PNG sheet with its title, key, scale, north arrow, source and licence. */
  private async saveMapPng(map: NonNullable<ReturnType<App['maplibre']>>): Promise<void> {
    const layerData = this.data ?? this.outline;
    const legend = this.legend;
    if (!layerData || !legend) throw new Error('the map has not finished loading');
    const blob = await mapPng(map, {
      title: `Leicestershire Coverage Atlas: ${LAYER_WORDS[layerData.layer].many} by ${legend.title.toLowerCase()}`,
      subtitle: byId('status').textContent?.replace(/^Showing /, '') ?? '',
      key: legend.rows.map((r) => ({ colour: r.colour, hatched: r.hatched, label: r.label, count: r.count })),
      source: `${/^source/i.test(layerData.collection.attribution) ? '' : 'Source: '}${layerData.collection.attribution} Licence: ${layerData.collection.licence}. Services and designations: Appendix One of the Leicestershire LAA Stronger Communities delivery plan 2008–11. Printed from ${location.href}`,
    });
    const a = h('a', { href: URL.createObjectURL(blob), download: `atlas-${layerData.layer}-map.png` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  private showPoints(s: AtlasState): void {
    syncPointToggles(s);
    if (!this.points) return;
    for (const r of this.boot.config.registers) this.points.toggle(r.name, s.points.includes(r.name));
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

  private placesOf(code: string): string | null {
    if (!this.places) void this.loadPlaces();
    return placesText(this.places?.[code]);
  }

  /** Fetches the places each LSOA covers (lsoaPlaces asks once) and names them in a tooltip already showing. */
  private loadPlaces(): Promise<void> {
    return lsoaPlaces()
      .then((p) => {
        if (this.places === p) return;
        this.places = p;
        this.map.refreshTooltip();
        if (this.data?.layer === 'lsoas') this.refresh(this.store.get());
      })
      .catch(() => {});
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
      mapEl.dataset.state = 'error';
      byId('status').textContent = `The ${LAYER_WORDS[s.layer].many} could not be loaded: ${(err as Error).message}`;
      // A shared link may name a register that has since been removed: fall back to all registers.
      if (s.registers) this.store.set({ registers: null });
      return;
    }
    if (token !== this.loads) return;
    performance.mark('atlas-layer-ready');
    [this.data, this.outline] = data instanceof LayerOutline ? [null, data] : [data, null];
    // A tiled layer's first view has no tooltip yet: the LSOA places (a file that grows with the layer) wait for the first hover.
    if (data.layer === 'lsoas' && !this.cache.tiled('lsoas')) void this.loadPlaces();
    this.map.showLayer(data);
    // The state may have moved on while the layer loaded (a district or filter chosen meanwhile).
    const now = this.store.get();
    this.refresh(now);
    this.selection.show(now);
    await this.map.idle();
    if (token !== this.loads) return;
    Object.assign(mapEl.dataset, { state: 'ready', layer: s.layer });
    if (!document.body.dataset.firstIdle) {
      // Time from navigation to the first fully drawn map, read by the browser tests and benchmarks.
      performance.mark('atlas-first-idle');
      document.body.dataset.firstIdle = String(Math.round(performance.now()));
    }
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
    const layer = (data ?? outline)!.layer;
    const words = LAYER_WORDS[layer];
    const districtName = this.boot.config.districts.find((d) => d.code === s.district)?.name ?? null;
    // The district and the combined filters decide, once, what the map, key, table, charts and downloads show.
    const filtered = hasFilters(s.filters);
    const shown = data ? data.shown(s.district).filter((p) => !filtered || matches(s.filters, p)) : null;
    const kept = shown && filtered ? shown.map((p) => p.code) : null;
    const view = data ? data.view(s) : outline!.view(s)!;
    const count = shown ? shown.length : outline!.count(s.district);
    this.map.setView(view, s.district, kept);
    const legend = shown ? buildLegend(view, shown) : outline!.legend(view, s.district);
    renderLegend(byId('legend'), legend, { many: words.many, districtName });
    this.legend = legend;
    const places = this.places;
    if (shown) this.table.setData({ layer, many: words.many, areas: shown, view, services: this.boot.services.services, selected: s.area, places: places ? (code) => placesText(places[code]) : null });
    // The table names LSOAs by their places: fetch them (once) when it is shown.
    if (layer === 'lsoas' && s.tab === 'table' && !places) void this.loadPlaces();
    const serviceName = (id: string) => this.boot.services.services.find((x) => x.id === id)?.name ?? id;
    const phrases = filterPhrases(s.filters, serviceName, districtName);
    const collection = (data ?? outline)!.collection;
    renderDownloads(s, { shown: count, phrases }, collection.licence);
    renderNoMatch(filtered && count === 0, words.many, phrases.filter((p) => !p.startsWith('in ')), () => this.filterControls.clear());
    const summary = byId('filter-summary');
    summary.textContent = filterSummary(count, collection.number_matched, words.many, phrases);
    summary.dataset.shown = String(count);
    this.charts.update({ layer: s.layer, view: s.view, service: s.service, registers: s.registers, district: s.district, districtName, filters: s.filters, phrases });
    const sentence = `${count} ${words.many}${districtName ? ` in ${districtName}` : ''}${filtered ? ` kept by the filters (${phrases.filter((p) => !p.startsWith('in ')).join(', ')})` : ''}, coloured by ${view.title.toLowerCase()}.`;
    this.map.describe(`Map of ${sentence} Use the Table tab for the same information as text.`);
    byId('map').dataset.view = view.key;
    byId('status').textContent = `Showing ${sentence}`;
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
    const places = p.layer === 'lsoas' ? this.placesOf(code) : null;
    return { name: p.name, detail: places ? `${places} · ${p.district_name}` : p.district_name, value: view.valueText(p) ?? cls?.label ?? null };
  }

  private async loadCaseStudies(): Promise<void> {
    const collection = this.boot.config.registers.some((r) => r.name === 'case-studies') ? await api.caseStudies().catch(() => null) : null;
    this.map.setCaseStudies(collection, this.store.get().cases);
    renderCaseStudies(collection, (i) => {
      this.store.set({ tab: 'map', cases: true });
      this.map.openCaseStudy(i);
    });
    byId('map').dataset.caseStudies = String(this.map.caseStudyCount);
  }

  showPanel(code: string, layer: LayerId, focus: boolean): void {
    // An LSOA's panel names its places, so wait for them (one small request, made once).
    const ready = layer === 'lsoas' ? this.loadPlaces() : Promise.resolve();
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
    const detail = `${LAYER_WORDS[area.layer].one} in ${area.district_name}`;
    this.compare.offer({ code: area.code, layer: area.layer, name: area.name, detail }, this.store.get().compare);
  }

  hidePanel(): void {
    this.panel.hide();
  }

  /** The MapLibre map, when there is one (for end-to-end tests and the browser console). */
  maplibre() {
    return this.map instanceof MapView ? this.map.map : null;
  }

  /** Highlights the selected area's row without rebuilding the table. */
  markSelectedRow(code: string | null): void {
    this.table.markSelected(code);
  }
}
