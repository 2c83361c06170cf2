// Drawing your own area on the map: each click (or Enter, at the centre cross) adds a corner; a
// double-click or the Finish button closes it. While drawing, a click adds a corner instead of
// opening the area under it (client/map/interactions.ts reads data-drawing). Also draws the
// finished area, so a shared link shows what it profiles.
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Geometry } from 'geojson';

const SOURCE = 'custom-area';
type Point = [number, number];

export class DrawTool {
  private points: Point[] = [];
  private drawing = false;
  private shape: Geometry | null = null;
  /** Told after each corner added or removed, with how many there are. */
  onChange: (points: number) => void = () => {};
  /** Told when a double-click finishes the drawing. */
  onFinish: () => void = () => {};

  constructor(private readonly map: MapLibreMap) {
    map.on('click', (e: MapMouseEvent) => this.drawing && this.add([e.lngLat.lng, e.lngLat.lat]));
    map.on('dblclick', (e: MapMouseEvent) => {
      if (!this.drawing) return;
      e.preventDefault();
      // The double-click's two clicks each added the same corner: keep one.
      this.points.pop();
      if (this.points.length >= 3) this.onFinish();
    });
    map.getCanvas().addEventListener('keydown', (e: KeyboardEvent) => {
      if (!this.drawing || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault();
      const c = map.getCenter();
      this.add([c.lng, c.lat]);
    });
    if (map.isStyleLoaded()) this.addLayers();
    else map.once('load', () => this.addLayers());
  }

  private addLayers(): void {
    if (this.map.getSource(SOURCE)) return;
    this.map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    this.map.addLayer({ id: 'custom-fill', type: 'fill', source: SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#7b2cbf', 'fill-opacity': 0.18 } });
    this.map.addLayer({ id: 'custom-line', type: 'line', source: SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#5a189a', 'line-width': 3, 'line-dasharray': [2, 1] } });
    this.map.addLayer({ id: 'custom-corners', type: 'circle', source: SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#5a189a', 'circle-stroke-width': 2 } });
    this.redraw();
  }

  start(): void {
    this.points = [];
    this.shape = null;
    this.drawing = true;
    this.map.getContainer().dataset.drawing = 'true';
    this.map.doubleClickZoom.disable();
    this.redraw();
  }

  /** The corners drawn, and drawing stops. */
  finish(): Point[] {
    const points = this.points;
    this.stop();
    return points;
  }

  cancel(): void {
    this.points = [];
    this.stop();
  }

  undo(): void {
    this.points.pop();
    this.changed();
  }

  get corners(): number {
    return this.points.length;
  }

  get active(): boolean {
    return this.drawing;
  }

  /** Shows a finished area (drawn or made of areas), or nothing. */
  show(shape: Geometry | null): void {
    this.shape = shape;
    this.redraw();
  }

  private stop(): void {
    this.drawing = false;
    delete this.map.getContainer().dataset.drawing;
    this.map.doubleClickZoom.enable();
    this.redraw();
  }

  private add(p: Point): void {
    this.points.push(p);
    this.changed();
  }

  private changed(): void {
    this.redraw();
    this.onChange(this.points.length);
  }

  private redraw(): void {
    const source = this.map.getSource<GeoJSONSource>(SOURCE);
    if (!source) return;
    const features: GeoJSON.Feature[] = [];
    const pts = this.points;
    if (this.drawing) {
      for (const p of pts) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } });
      if (pts.length >= 3) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...pts, pts[0]]] } });
      else if (pts.length === 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: pts } });
    } else if (this.shape) features.push({ type: 'Feature', properties: {}, geometry: this.shape });
    source.setData({ type: 'FeatureCollection', features });
  }
}
