// Creates the MapLibre map. With no basemap configured the style has no external sources or sprites,
// and its glyphs (for place names) come from the atlas itself, so the atlas works with no internet.
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, prewarm, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Camera } from '../state/url.ts';
import { glyphsUrl } from '../layers/labels.ts';
import { mapRequest, STANDALONE } from '../state/standalone.ts';

export const BACKGROUND = '#dfe6ea';

// The worker is emitted as an asset of our own origin (the CSP allows 'self' workers only). It starts
// loading as soon as this module runs, while the page's first requests are still on their way, rather
// than when the map is created.
setWorkerUrl(workerUrl);
prewarm();

const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  glyphs: glyphsUrl(),
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
};

export interface MapOptions {
  container: HTMLElement;
  basemapStyleUrl: string | null;
  camera: Camera | null;
  /** Fitted when the URL gives no camera. */
  bounds: [number, number, number, number];
  label: string;
  /** What may cover part of the map (the area panel); zooming to an area keeps clear of it. */
  overlay?: HTMLElement;
}

export async function createMap(o: MapOptions): Promise<MapLibreMap> {
  performance.mark('atlas-map-create');
  const map = new MapLibreMap({
    container: o.container,
    style: o.basemapStyleUrl ?? OFFLINE_STYLE,
    ...(o.camera ? { center: [o.camera.lon, o.camera.lat] as [number, number], zoom: o.camera.zoom } : { bounds: o.bounds, fitBoundsOptions: { padding: { top: 20, bottom: 50, left: 20, right: 20 } } }),
    minZoom: 7,
    maxZoom: 16,
    maxBounds: [[o.bounds[0] - 1.5, o.bounds[1] - 1], [o.bounds[2] + 1.5, o.bounds[3] + 1]],
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    renderWorldCopies: false,
    locale: { 'Map.Title': o.label },
    // Names appear at once rather than fading in: a fade keeps the map redrawing (and "busy") for 300 ms.
    fadeDuration: 0,
    // A standalone copy reads TileJSON, tiles and GeoJSON sources from its files (client/state/standalone.ts).
    ...(STANDALONE ? { transformRequest: mapRequest } : {}),
  });
  performance.mark('atlas-map-created');
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  // Folded behind an ⓘ button at every width: four lines of credits would cover the south of the
  // county. The sidebar's "About the data" repeats them in full.
  map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
  if (!map.loaded()) await new Promise<void>((resolve) => map.once('load', () => resolve()));
  performance.mark('atlas-map-loaded');
  return map;
}

/**
 * Folds the credits behind their ⓘ button. MapLibre only folds a compact attribution that had text
 * when the control was added, and ours arrives with the first layer, so this runs after each layer.
 */
export function foldAttribution(container: HTMLElement): void {
  const attrib = container.querySelector('.maplibregl-ctrl-attrib');
  if (!attrib || attrib.classList.contains('maplibregl-compact')) return;
  attrib.classList.add('maplibregl-compact');
  attrib.classList.remove('maplibregl-compact-show');
  attrib.removeAttribute('open');
}
