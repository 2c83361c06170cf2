// The one source of areas on the map and its layers: the layer's GeoJSON, or its vector tiles
// (/api/tiles) for layers too large to send whole. GeoJSON features carry their code, name, district
// and one class id per view; tiled features carry code, name, district, category (and IMD decile):
// views of those take the class from the tile (view.tileClass), the others' class ids are joined by
// code, so switching views (or registers) restyles without new tiles either way.
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
import { hatchImage, PATTERN_PIXEL_RATIO, patternId } from '../layers/patterns.ts';
import { classByCode } from '../layers/expressions.ts';
import { AREAS_SOURCE, ATLAS_LAYER_IDS, atlasLayers, DISTRICTS_SOURCE } from '../layers/style.ts';
import type { ClassifiedView } from '../layers/view-types.ts';
import type { LayerCollection, LayerId } from '../types.ts';
import { escapeHtml } from '../dom.ts';
import { defaultLayer } from '../state/layer-catalog.ts';
import { AREA_LABELS_SOURCE, DISTRICT_LABELS_SOURCE, LABEL_LAYER_IDS, LEICESTER_CITY, labelLayers } from '../layers/labels.ts';

export type MapFeatureProps = Record<string, string | number>;
export type DistrictLabel = { name: string; at: [number, number] };

const MAP_LAYER_IDS = [...ATLAS_LAYER_IDS, ...LABEL_LAYER_IDS];
/** Source layers inside the atlas's vector tiles (server/registry/tilesets.ts). */
const TILE_LAYERS = { areas: 'areas', labels: 'labels', districts: 'districts' };

/** The map's copy of a layer: geometry plus the class id of every view, keyed by view.key. */
export function mapFeatures(collection: LayerCollection, views: readonly ClassifiedView[]): FeatureCollection<Geometry, MapFeatureProps> {
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f) => ({
      type: 'Feature',
      id: f.id,
      geometry: f.geometry,
      properties: {
        code: f.properties.code,
        name: f.properties.name,
        district_code: f.properties.district_code,
        population: f.properties.population ?? 0,
        ...Object.fromEntries(views.map((v) => [v.key, v.classify(f.properties)])),
      },
    })),
  };
}

export function attributionHtml(c: Pick<LayerCollection, 'attribution' | 'licence' | 'licence_url'>): string {
  const licence = c.licence_url ? `<a href="${escapeHtml(c.licence_url)}" target="_blank" rel="noopener">${escapeHtml(c.licence)}</a>` : escapeHtml(c.licence);
  return `${escapeHtml(c.attribution)} Licence: ${licence}.`;
}

/**
 * How far (in pixels of a 512 px tile) MapLibre's worker copies each GeoJSON tile's features past
 * its edges. Its default, 128, made the four z8 tiles of the county view carry 19,400 parish
 * vertices (7,500 without any copies), each triangulated and outlined in the worker and drawn; 32
 * gives 10,200 and still covers the widest thing drawn across an edge (a selected outline's 7 px
 * halo, an 11 px point). Names, which need a wide buffer, come from label points instead
 * (AREA_LABELS_SOURCE). District outlines (lines of at most 2.5 px) need less: 4,500 → 1,800.
 */
const AREAS_TILE_BUFFER = 32;
/**
 * The hovered and selected areas' outlines draw nothing until an area is hovered or selected, so they
 * are added then: their shader (a width per area) is one fewer compiled before the first map, about
 * 0.1 s of the page's main thread on software WebGL with the CPU slowed 4× (docs/benchmarks.md).
 */
const HIGHLIGHT_LAYERS: ReadonlySet<string> = new Set(['areas-halo', 'areas-highlight']);
const DISTRICTS_TILE_BUFFER = 16;

const tileJsonUrl = (tileset: string) => `${location.origin}/api/tiles/${tileset}.json`;

export class AreaLayer {
  private hovered: string | null = null;
  private selected: string | null = null;
  private layer: LayerId = defaultLayer();
  /** For a tiled layer: each view's class id per area code, joined to the tiles by code. */
  private tiledClasses: Map<string, Map<string, string>> | null = null;
  /** Whether the highlight layers are wanted yet (see HIGHLIGHT_LAYERS), and their specs as last set. */
  private highlights = false;
  private highlightSpecs: ReturnType<typeof atlasLayers> = [];

  constructor(private readonly map: MapLibreMap) {}

  /** Replaces the areas (a new layer or new group counts); the caller then calls setView. */
  setData(collection: LayerCollection, views: readonly ClassifiedView[], districts: readonly DistrictLabel[]): void {
    for (const v of views) for (const c of v.classes) if (c.hatched) this.ensurePattern(c.colour);
    const tiledClasses = collection.tiled ? new Map(views.filter((v) => !v.tileClass).map((v) => [v.key, new Map(collection.features.map((f) => [f.properties.code, v.classify(f.properties)]))])) : null;
    // The same tiled layer again (its attributes after its summary, or other registers): the tiles,
    // district lines and labels stay; only the class ids joined by code change.
    if (tiledClasses && this.tiledClasses && this.layer === collection.name && this.map.getSource(AREAS_SOURCE)) {
      this.tiledClasses = tiledClasses;
      return;
    }
    for (const id of MAP_LAYER_IDS) if (this.map.getLayer(id)) this.map.removeLayer(id);
    for (const id of [AREAS_SOURCE, DISTRICTS_SOURCE, DISTRICT_LABELS_SOURCE, AREA_LABELS_SOURCE]) if (this.map.getSource(id)) this.map.removeSource(id);
    this.layer = collection.name;
    const attribution = attributionHtml(collection);
    if (tiledClasses) {
      this.tiledClasses = tiledClasses;
      this.map.addSource(AREAS_SOURCE, { type: 'vector', url: tileJsonUrl(collection.name), promoteId: 'code', attribution });
      this.map.addSource(DISTRICTS_SOURCE, { type: 'vector', url: tileJsonUrl('districts') });
    } else {
      this.tiledClasses = null;
      this.map.addSource(AREAS_SOURCE, { type: 'geojson', data: mapFeatures(collection, views), promoteId: 'code', attribution, buffer: AREAS_TILE_BUFFER });
      // Built with the data (server/pipeline/district-outlines.ts), not worked out in the browser.
      this.map.addSource(DISTRICTS_SOURCE, { type: 'geojson', data: `${location.origin}/api/districts.geojson`, buffer: DISTRICTS_TILE_BUFFER });
      // Names from the label points of the layer's vector tiles, as when tiled: one per area at the
      // point the build chose, where GeoJSON tiles wrote one per tile piece of a polygon. Names start
      // at z10, so the county view requests none of these tiles.
      this.map.addSource(AREA_LABELS_SOURCE, { type: 'vector', url: tileJsonUrl(collection.name) });
    }
    // Districts in the order given (larger first, so they win collisions), then the city hole.
    const labels = [...districts, LEICESTER_CITY].map((d, rank) => ({ type: 'Feature' as const, properties: { name: d.name, rank }, geometry: { type: 'Point' as const, coordinates: d.at } }));
    this.map.addSource(DISTRICT_LABELS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: labels } });
    this.hovered = null;
    if (this.selected) this.setState(this.selected, { selected: true });
  }

  /**
   * Restyles the layers in place (filter and paint), adding them only after new data. Removing and
   * re-adding them on every change let quick successive changes (filters) pull the label layers out
   * from under MapLibre's symbol placement, which spans frames ("reading 'get'" in getBucketParts).
   */
  setView(view: ClassifiedView, district: string | null, only: readonly string[] | null = null): void {
    // Views whose class the tiles carry compute it from the tile's properties; the others join it by code.
    const joined: ExpressionSpecification | null = this.tiledClasses ? (view.tileClass ?? classByCode(this.tiledClasses.get(view.key) ?? new Map())) : null;
    const atlas = joined ? atlasLayers(view, district, only, TILE_LAYERS, joined) : atlasLayers(view, district, only);
    const labels = labelLayers(this.layer, joined ? AREAS_SOURCE : AREA_LABELS_SOURCE, TILE_LAYERS.labels);
    // Group points (client/map/group-points.ts) stay above the areas and their names.
    const under = this.map.getStyle().layers.find((l) => l.id.startsWith('groups-'))?.id;
    this.highlightSpecs = atlas.filter((spec) => HIGHLIGHT_LAYERS.has(spec.id));
    for (const spec of atlas) {
      if (HIGHLIGHT_LAYERS.has(spec.id) && !this.highlights) continue;
      if (!this.map.getLayer(spec.id)) {
        this.map.addLayer(spec, under);
        continue;
      }
      if ('filter' in spec) this.map.setFilter(spec.id, spec.filter ?? null);
      for (const [name, value] of Object.entries(spec.paint ?? {})) this.map.setPaintProperty(spec.id, name as Parameters<MapLibreMap['setPaintProperty']>[1], value);
    }
    for (const layer of labels) if (!this.map.getLayer(layer.id)) this.map.addLayer(layer, under);
  }

  /** True when the areas are drawn from vector tiles. */
  get tiled(): boolean {
    return this.tiledClasses !== null;
  }

  setHover(code: string | null): void {
    if (code === this.hovered) return;
    if (code) this.showHighlights();
    if (this.hovered) this.setState(this.hovered, { hover: false });
    this.hovered = code;
    if (code) this.setState(code, { hover: true });
  }

  setSelected(code: string | null): void {
    if (code) this.showHighlights();
    if (this.selected) this.setState(this.selected, { selected: false });
    this.selected = code;
    if (code) this.setState(code, { selected: true });
  }

  /** The source data as the map holds it (for checks); undefined before any data or when tiled. */
  source(): GeoJSONSource | undefined {
    return this.tiled ? undefined : this.map.getSource<GeoJSONSource>(AREAS_SOURCE);
  }

  /** Adds the highlight layers, under the area points as setView would have put them. */
  private showHighlights(): void {
    if (this.highlights) return;
    this.highlights = true;
    const before = this.map.getLayer('areas-points') ? 'areas-points' : undefined;
    for (const spec of this.highlightSpecs) if (!this.map.getLayer(spec.id)) this.map.addLayer(spec, before);
  }

  private setState(code: string, state: Record<string, boolean>): void {
    if (this.map.getSource(AREAS_SOURCE)) this.map.setFeatureState({ source: AREAS_SOURCE, id: code, ...(this.tiled ? { sourceLayer: TILE_LAYERS.areas } : {}) }, state);
  }

  private ensurePattern(colour: string): void {
    const id = patternId(colour);
    if (!this.map.hasImage(id)) this.map.addImage(id, hatchImage(colour), { pixelRatio: PATTERN_PIXEL_RATIO });
  }
}
