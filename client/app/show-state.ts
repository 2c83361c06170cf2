// One state drawn everywhere at once: the district and the combined filters decide, once, what the map,
// key, table, charts, downloads and the status sentence show for the loaded layer.
import { byId } from '../dom.ts';
import { buildLegend } from '../layers/legend-model.ts';
import type { MapPort } from '../map/map-port.ts';
import type { ChartsPanel } from '../panels/charts/charts-panel.ts';
import { renderDownloads } from '../panels/downloads.ts';
import { renderLegend } from '../panels/legend.ts';
import { renderNoMatch } from '../panels/no-match.ts';
import { filterPhrases, filterSummary, hasFilters, matches } from '../state/filters.ts';
import type { LayerData } from '../state/layer-data.ts';
import type { LayerOutline } from '../state/layer-outline.ts';
import { layerWords } from '../state/layer-catalog.ts';
import type { AtlasState } from '../state/url.ts';
import type { TableView } from '../table/table-view.ts';
import type { ClientConfig, ServiceInfo } from '../types.ts';

/** The views of the data the state is drawn into, and what naming it needs. */
export interface Views {
  map: MapPort;
  table: TableView;
  charts: ChartsPanel;
  services: readonly ServiceInfo[];
  districts: ClientConfig['districts'];
  /** The table's places column, when the places are in. */
  places: ((code: string) => string | null) | null;
  clearFilters(): void;
}

type Shown = { data: LayerData; outline?: null } | { data: null; outline: LayerOutline };

/** The areas the district and filters keep (null: drawn from the summary, which has no attributes). */
const shownAreas = (s: AtlasState, data: LayerData | null) => (data ? data.shown(s.district).filter((p) => !hasFilters(s.filters) || matches(s.filters, p)) : null);
const keptCodes = (s: AtlasState, shown: ReturnType<typeof shownAreas>) => (shown && hasFilters(s.filters) ? shown.map((p) => p.code) : null);

/** What MapPort.setView needs to draw the state: the map alone, for the first map (before the panels). */
export function mapView(s: AtlasState, { data, outline }: Shown): Parameters<MapPort['setView']> {
  return [data ? data.view(s) : outline!.view(s)!, s.district, keptCodes(s, shownAreas(s, data))];
}

/** Draws the state from the layer's attributes (data) or, drawn from tiles, its summary (outline); gives back the key drawn. */
export function showState(s: AtlasState, layerData: Shown, v: Views): ReturnType<typeof buildLegend> {
  const { data, outline } = layerData;
  const layer = (data ?? outline)!.layer;
  const words = layerWords(layer);
  const districtName = v.districts.find((d) => d.code === s.district)?.name ?? null;
  const filtered = hasFilters(s.filters);
  const shown = shownAreas(s, data);
  const kept = keptCodes(s, shown);
  const view = data ? data.view(s) : outline!.view(s)!;
  const count = shown ? shown.length : outline!.count(s.district);
  v.map.setView(view, s.district, kept);
  const legend = shown ? buildLegend(view, shown) : outline!.legend(view, s.district);
  renderLegend(byId('legend'), legend, { many: words.many, districtName });
  if (shown) v.table.setData({ layer, many: words.many, areas: shown, view, services: v.services, selected: s.area, places: v.places });
  const serviceName = (id: string) => v.services.find((x) => x.id === id)?.name ?? id;
  const phrases = filterPhrases(s.filters, serviceName, districtName);
  const collection = (data ?? outline)!.collection;
  renderDownloads(s, { shown: count, phrases }, collection.licence);
  renderNoMatch(filtered && count === 0, words.many, phrases.filter((p) => !p.startsWith('in ')), v.clearFilters);
  const summary = byId('filter-summary');
  summary.textContent = filterSummary(count, collection.number_matched, words.many, phrases);
  summary.dataset.shown = String(count);
  v.charts.update({ layer: s.layer, view: s.view, service: s.service, registers: s.registers, district: s.district, districtName, filters: s.filters, phrases });
  const sentence = `${count} ${words.many}${districtName ? ` in ${districtName}` : ''}${filtered ? ` kept by the filters (${phrases.filter((p) => !p.startsWith('in ')).join(', ')})` : ''}, coloured by ${view.title.toLowerCase()}.`;
  v.map.describe(`Map of ${sentence} Use the Table tab for the same information as text.`);
  byId('map').dataset.view = view.key;
  byId('status').textContent = `Showing ${sentence}`;
  return legend;
}
