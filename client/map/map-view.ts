// The map as the app sees it: the areas of one layer styled by one view, the selection, the camera,
// case-study markers and district labels, behind a few intention-revealing methods.
import { extent } from '../layers/classify.ts';
import { LngLatBounds, type Map as MapLibreMap } from 'maplibre-gl';
import type { ClassifiedView } from '../layers/view-types.ts';
import type { Camera } from '../state/url.ts';
import type { CaseStudyCollection } from '../types.ts';
import { AreaLayer } from './areas.ts';
import { wireInteractions, type InteractionHandlers, type Tooltip } from './interactions.ts';
import { CaseStudyMarkers } from './markers.ts';
import type { BBox, MapLayer, MapPort } from './map-port.ts';
import { PostcodePin } from './postcode-pin.ts';
import { createMap, foldAttribution, type MapOptions } from './setup.ts';

export class MapView implements MapPort {
  readonly areas: AreaLayer;
  readonly cases: CaseStudyMarkers;
  private readonly pin: PostcodePin;
  private readonly tooltip: Tooltip;

  private constructor(readonly map: MapLibreMap, handlers: InteractionHandlers, private readonly overlay?: HTMLElement) {
    this.areas = new AreaLayer(map);
    this.cases = new CaseStudyMarkers(map);
    this.pin = new PostcodePin(map);
    this.tooltip = wireInteractions(map, this.areas, handlers);
  }

  static async create(options: MapOptions, handlers: InteractionHandlers): Promise<MapView> {
    return new MapView(await createMap(options), handlers, options.overlay);
  }

  /** New areas on the map; call setView next to draw them. */
  showLayer(data: MapLayer): void {
    this.areas.setData(data.collection, data.views, data.districtLabels());
    foldAttribution(this.map.getContainer());
  }

  setView(view: ClassifiedView, district: string | null, only: readonly string[] | null = null): void {
    this.areas.setView(view, district, only);
  }

  select(code: string | null): void {
    this.areas.setSelected(code);
  }

  /**
   * Fits a bounding box with room around it, so the area is seen among its neighbours, and clear of
   * the area panel, which opens with a selection (measured a frame later, once it shows).
   */
  fit(bbox: BBox, maxZoom = 12): void {
    const b = new LngLatBounds([bbox[0], bbox[1]], [bbox[2], bbox[3]]);
    requestAnimationFrame(() => {
      const covered = this.covered();
      this.map.fitBounds(b, { padding: { top: 60, left: 60, right: 60 + covered.right, bottom: 60 + covered.bottom }, maxZoom, duration: 600 });
    });
  }

  /** How much of the map the overlay hides: the right of it (a side panel) or the foot (a bottom sheet). */
  private covered(): { right: number; bottom: number } {
    const none = { right: 0, bottom: 0 };
    if (!this.overlay || this.overlay.hidden) return none;
    const m = this.map.getContainer().getBoundingClientRect();
    const o = this.overlay.getBoundingClientRect();
    if (o.width === 0 || o.left >= m.right || o.top >= m.bottom) return none;
    // Never so much that no room is left to show the area at all.
    const clamp = (x: number, size: number) => Math.max(0, Math.min(x, size - 240));
    return o.width >= m.width - 1 ? { right: 0, bottom: clamp(m.bottom - o.top, m.height) } : { right: clamp(m.right - o.left, m.width), bottom: 0 };
  }

  fitAll(bboxes: BBox[]): void {
    if (!bboxes.length) return;
    const [[west], [south], [, east], [, north]] = [0, 1, 2, 3].map((i) => extent(bboxes.map((b) => b[i])));
    this.fit([west, south, east, north], 12);
  }

  pinPostcode(at: { lon: number; lat: number; postcode: string; note?: HTMLElement } | null): void {
    if (at) this.pin.show(at.lon, at.lat, at.postcode, at.note);
    else this.pin.clear();
  }

  camera(): Camera {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  jumpTo(camera: Camera): void {
    this.map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom });
  }

  onMove(listener: (camera: Camera) => void): void {
    this.map.on('moveend', () => listener(this.camera()));
  }

  describe(sentence: string): void {
    this.map.getCanvas().setAttribute('aria-label', sentence);
  }

  setCaseStudies(collection: CaseStudyCollection | null, visible: boolean): void {
    this.cases.set(collection, visible);
  }

  showCaseStudies(visible: boolean): void {
    this.cases.show(visible);
  }

  openCaseStudy(index: number): void {
    this.cases.open(index);
  }

  get caseStudyCount(): number {
    return this.cases.count;
  }

  refreshTooltip(): void {
    this.tooltip.refresh();
  }

  resize(): void {
    this.map.resize();
  }

  /** Resolves once the map has drawn everything it has been given. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }
}
