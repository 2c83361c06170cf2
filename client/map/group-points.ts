// Every register's groups as clustered points (MapLibre clustering over GET /api/groups.geojson?register=…),
// switchable per register, each with its name at close zoom; choosing a group opens a popup that says
// which areas it counts in (or why it is not counted). Colour-blind-safe: Okabe–Ito hues, with the
// register's initial on its points so colour is never the only cue.
import { Popup, type GeoJSONSource, type Map as MapLibreMap, type MapLayerMouseEvent } from 'maplibre-gl';
import { api } from '../api.ts';
import { h } from '../dom.ts';
import { capitalised, isHistorical, layerIds, layerWords } from '../state/layer-catalog.ts';
import type { LayerId } from '../types.ts';

/** Okabe–Ito colours, one per register in order. */
export const REGISTER_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/**
 * The layers whose containing area the popup names, in the server's order, with the group property that
 * holds it (in_parishes, …: server/registers/groups/groups-geojson.ts). Historical layers are left out: a
 * group of today is placed in today's areas.
 */
const areaProps = (): [string, LayerId][] => layerIds().filter((id) => !isHistorical(id)).map((id) => [`in_${id.replace(/-/g, '_')}`, id]);

export class GroupPoints {
  private readonly shown = new Set<string>();
  private readonly added = new Set<string>();
  private popup: Popup | null = null;

  constructor(private readonly map: MapLibreMap, private readonly registers: readonly string[]) {}

  colour(register: string): string {
    return REGISTER_COLOURS[Math.max(0, this.registers.indexOf(register)) % REGISTER_COLOURS.length];
  }

  isShown(register: string): boolean {
    return this.shown.has(register);
  }

  /** Shows or hides one register's groups (its source is fetched the first time it is shown). */
  toggle(register: string, visible: boolean): void {
    if (visible) this.shown.add(register);
    else this.shown.delete(register);
    if (visible && !this.added.has(register)) this.add(register);
    for (const id of this.layerIds(register)) if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    if (!visible) this.popup?.remove();
  }

  private layerIds(register: string): string[] {
    const base = `groups-${register}`;
    return [`${base}-clusters`, `${base}-count`, `${base}-points`, `${base}-mark`, `${base}-names`];
  }

  private add(register: string): void {
    this.added.add(register);
    const source = `groups-${register}`;
    const [clusters, count, points, mark, names] = this.layerIds(register);
    const colour = this.colour(register);
    this.map.addSource(source, { type: 'geojson', data: `/api/groups.geojson?register=${encodeURIComponent(register)}`, cluster: true, clusterRadius: 42, clusterMaxZoom: 14 });
    this.map.addLayer({ id: clusters, type: 'circle', source, filter: ['has', 'point_count'], paint: { 'circle-color': colour, 'circle-opacity': 0.85, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2, 'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 50, 22] } });
    this.map.addLayer({ id: count, type: 'symbol', source, filter: ['has', 'point_count'], layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['Open Sans Bold'], 'text-size': 12, 'text-allow-overlap': true }, paint: { 'text-color': '#ffffff' } });
    this.map.addLayer({ id: points, type: 'circle', source, filter: ['!', ['has', 'point_count']], paint: { 'circle-color': colour, 'circle-radius': 8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
    this.map.addLayer({ id: mark, type: 'symbol', source, filter: ['!', ['has', 'point_count']], layout: { 'text-field': register.slice(0, 1).toUpperCase(), 'text-font': ['Open Sans Bold'], 'text-size': 10, 'text-allow-overlap': true }, paint: { 'text-color': '#ffffff' } });
    this.map.addLayer({ id: names, type: 'symbol', source, filter: ['!', ['has', 'point_count']], minzoom: 12, layout: { 'text-field': ['get', 'name'], 'text-font': ['Open Sans Regular'], 'text-size': 11, 'text-offset': [0, 1.2], 'text-anchor': 'top', 'text-max-width': 9, 'text-optional': true }, paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 } });
    this.map.on('click', clusters, (e) => void this.zoomInto(e, source));
    this.map.on('click', points, (e) => this.open(e));
    for (const id of [clusters, points]) {
      this.map.on('mouseenter', id, () => (this.map.getCanvas().style.cursor = 'pointer'));
      this.map.on('mouseleave', id, () => (this.map.getCanvas().style.cursor = ''));
    }
  }

  private async zoomInto(e: MapLayerMouseEvent, source: string): Promise<void> {
    e.preventDefault();
    const f = e.features?.[0];
    if (!f) return;
    const zoom = await (this.map.getSource(source) as GeoJSONSource).getClusterExpansionZoom(f.properties.cluster_id as number);
    this.map.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
  }

  /** The group's popup: its name, register and story, and the areas it counts in. */
  private open(e: MapLayerMouseEvent): void {
    e.preventDefault();
    const f = e.features?.[0];
    if (!f) return;
    const p = f.properties as Record<string, string | boolean | null>;
    const where = h('ul', { class: 'plain', 'data-testid': 'group-areas' });
    const body = h('div', { class: 'group-popup', 'data-testid': 'group-popup' },
      h('strong', {}, String(p.name)),
      h('p', { class: 'muted' }, `${p.register} register${p.category ? ` · ${p.category}` : ''}`),
      p.summary ? h('p', {}, String(p.summary)) : null,
      p.counted ? h('p', {}, 'Counts in:') : h('p', {}, `Not counted in any area: ${p.not_counted ?? 'not placed in one area'}.`),
      where);
    if (p.counted)
      for (const [prop, layer] of areaProps()) {
        const code = p[prop];
        if (typeof code !== 'string') continue;
        const li = h('li', { 'data-layer': layer, 'data-code': code }, `${capitalised(layerWords(layer).one)}: ${code}`);
        where.append(li);
        // The area's name, from its own answer.
        void api.area(code, layer, null).then((a) => (li.textContent = `${capitalised(layerWords(layer).one)}: ${a.properties.name} (${code})`), () => {});
      }
    this.popup?.remove();
    this.popup = new Popup({ maxWidth: '300px', focusAfterOpen: true }).setLngLat((f.geometry as GeoJSON.Point).coordinates as [number, number]).setDOMContent(body).addTo(this.map);
  }
}
