// A profile's map: still (no interaction), with its drawing buffer kept so printing and PDF capture it,
// and redrawn to fill the printed frame (which has another size than the screen's, most of all on a
// phone) before printing, and back after.
import { Map as MapLibreMap, setWorkerUrl, type LayerSpecification, type SourceSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { glyphsUrl } from '../layers/labels.ts';

export interface PrintableMap {
  container: HTMLElement;
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  bounds: [number, number, number, number];
  padding: number;
  maxZoom: number;
  /** What the map shows, for screen readers. */
  label: string;
}

/** Draws the map; resolves when its first view is fully drawn. */
export function printableMap(spec: PrintableMap): Promise<void> {
  setWorkerUrl(workerUrl);
  const map = new MapLibreMap({
    container: spec.container,
    style: { version: 8, glyphs: glyphsUrl(), sources: spec.sources, layers: spec.layers },
    bounds: spec.bounds,
    fitBoundsOptions: { padding: spec.padding, maxZoom: spec.maxZoom },
    interactive: false,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.getCanvas().setAttribute('role', 'img');
  map.getCanvas().setAttribute('aria-label', spec.label);
  const redraw = () => {
    map.resize();
    map.redraw();
  };
  window.addEventListener('beforeprint', redraw);
  window.addEventListener('afterprint', redraw);
  return new Promise((resolve) => map.once('idle', () => resolve()));
}
