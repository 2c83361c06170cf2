// Place names on the map as MapLibre symbol layers, drawn with glyphs the atlas serves itself
// (server/glyphs): parish, ward and LSOA names from their zoom, larger places placed first so
// collisions drop the smaller names, and district names (plus the Leicester City hole) at county zoom.
import type { LayerSpecification } from 'maplibre-gl';
import { labelMinZoom } from '../state/layer-catalog.ts';
import type { LayerId } from '../types.ts';

/** The style's `glyphs` URL: absolute, with MapLibre's {fontstack} and {range} left unescaped. */
export const glyphsUrl = () => `${location.origin}/glyphs/{fontstack}/{range}.pbf`;
export const DISTRICT_LABELS_SOURCE = 'district-labels';
/** The layer's vector tiles, read only for their label points when the areas themselves come as GeoJSON. */
export const AREA_LABELS_SOURCE = 'area-label-points';
export const LABEL_LAYER_IDS = ['area-labels', 'district-labels'] as const;

/** Above this zoom a district name would sit inside one parish and read as its name. */
export const DISTRICT_LABEL_MAX_ZOOM = 10.5;

/**
 * Leicester City is a unitary authority outside the seven districts, so the atlas has no areas there;
 * its name is written in the hole so the blank reads as "not covered", not as missing data.
 */
export const LEICESTER_CITY = { name: 'Leicester (city, not covered)', at: [-1.1332, 52.6369] as [number, number] };

const HALO = { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6, 'text-halo-blur': 0.3 };

/**
 * Names are written at the label points the vector tiles carry (one per area, not one per tile piece),
 * `source` and `labelsSourceLayer` say where those are.
 */
export function labelLayers(layer: LayerId, source: string, labelsSourceLayer: string): LayerSpecification[] {
  return [
    {
      id: 'area-labels', type: 'symbol', source, 'source-layer': labelsSourceLayer, minzoom: labelMinZoom(layer), // from /api/layers: small areas need a closer view
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['Open Sans Regular'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 10, 11, 14, 15],
        'text-max-width': 7,
        'text-padding': 3,
        // Larger places first, so where names collide the bigger place keeps its name.
        'symbol-sort-key': ['-', 0, ['to-number', ['get', 'population'], 0]],
        'text-variable-anchor': ['center', 'top', 'bottom'],
        'text-radial-offset': 0.4,
      },
      paint: HALO,
    },
    {
      id: 'district-labels', type: 'symbol', source: DISTRICT_LABELS_SOURCE, maxzoom: DISTRICT_LABEL_MAX_ZOOM,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['Open Sans Bold'],
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.04,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 11, 10, 14],
        'text-max-width': 8,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: HALO,
    },
  ] as LayerSpecification[];
}
