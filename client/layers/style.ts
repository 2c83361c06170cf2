// The atlas layers for one view as typed MapLibre layer specs: solid fills, hatched fills for
// "part" and "no data" classes, outlines that react to hover and selection, and circles for the
// parishes that exist only as label points. Areas outside the district filter stay as faint context.
import type { LayerSpecification } from 'maplibre-gl';
import { all, byState, classIn, inDistrict, isPoint, isPolygon, matchClass, outsideDistrict, type ClassSource } from './expressions.ts';
import { mix } from './colour.ts';
import { patternId } from './patterns.ts';
import type { ClassifiedView } from './view-types.ts';

export const AREAS_SOURCE = 'areas';
export const DISTRICTS_SOURCE = 'district-outlines';
export const ATLAS_LAYER_IDS = ['areas-context', 'areas-fill', 'areas-hatch', 'areas-outline', 'district-lines', 'areas-halo', 'areas-highlight', 'areas-points'] as const;
/** Layers a pointer can hover or click. */
export const INTERACTIVE_LAYERS = ['areas-fill', 'areas-hatch', 'areas-points'];

const OUTLINE = '#4d4d4d';
const HIGHLIGHT = '#000000';
/** The outline layers draw every edge, so fills skip their own antialiased edge: two fewer shader
 *  programs to compile before the first map (slow on software WebGL), and no visible difference. */
const NO_EDGE = { 'fill-antialias': false } as const;

/**
 * The layers for one view. `only`: the codes the combined filters keep (already within the
 * district), or null for no filters. `classes` says where each area's class id is read: its own property
 * (GeoJSON) or a join on its code (vector tiles, whose source layers are named by `tiles`).
 */
export function atlasLayers(view: ClassifiedView, district: string | null, only: readonly string[] | null = null, tiles: { areas: string; districts: string } | null = null, classes: ClassSource = view.key): LayerSpecification[] {
  const layers = atlasLayerSpecs(view, district, only, classes);
  if (!tiles) return layers;
  return layers.map((l) => ('source' in l ? { ...l, 'source-layer': l.source === DISTRICTS_SOURCE ? tiles.districts : tiles.areas } : l)) as LayerSpecification[];
}

function atlasLayerSpecs(view: ClassifiedView, district: string | null, only: readonly string[] | null, key: ClassSource): LayerSpecification[] {
  const solid = view.classes.filter((c) => !c.hatched);
  const hatched = view.classes.filter((c) => c.hatched);
  const source = AREAS_SOURCE;
  return [
    {
      id: 'areas-context', type: 'fill', source,
      filter: all(isPolygon, outsideDistrict(district, only)),
      paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.55, ...NO_EDGE },
    },
    {
      id: 'areas-fill', type: 'fill', source,
      filter: all(isPolygon, inDistrict(district, only), classIn(key, solid)),
      paint: { 'fill-color': matchClass(key, solid, (c) => c.colour, '#ff00ff'), ...NO_EDGE },
    },
    {
      id: 'areas-hatch', type: 'fill', source,
      filter: all(isPolygon, inDistrict(district, only), classIn(key, hatched)),
      paint: { 'fill-pattern': matchClass(key, hatched, (c) => patternId(c.colour), ''), ...NO_EDGE },
    },
    {
      id: 'areas-outline', type: 'line', source,
      filter: isPolygon,
      paint: { 'line-color': OUTLINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 12, 1], 'line-opacity': 0.8 },
    },
    {
      id: 'district-lines', type: 'line', source: DISTRICTS_SOURCE,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': HIGHLIGHT, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.4, 12, 2.5], 'line-opacity': 0.85 },
    },
    {
      id: 'areas-halo', type: 'line', source,
      filter: isPolygon,
      paint: { 'line-color': '#ffffff', 'line-width': byState([['selected', 7], ['hover', 5]], 0) },
    },
    {
      id: 'areas-highlight', type: 'line', source,
      filter: isPolygon,
      paint: { 'line-color': HIGHLIGHT, 'line-width': byState([['selected', 3.5], ['hover', 2.5]], 0) },
    },
    {
      id: 'areas-points', type: 'circle', source,
      filter: isPoint,
      paint: {
        // Hatched classes use the same light tint as their hatching background, with a thicker ring.
        'circle-color': ['case', inDistrict(district, only), matchClass(key, view.classes, (c) => (c.hatched ? mix(c.colour, '#ffffff', 0.25) : c.colour), '#ff00ff'), '#ffffff'],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 12, 7],
        'circle-stroke-color': byState([['selected', HIGHLIGHT], ['hover', HIGHLIGHT]], OUTLINE),
        'circle-stroke-width': byState([['selected', 3.5], ['hover', 2.5]], ['case', classIn(key, hatched), 2.5, 1]),
      },
    },
  ] as LayerSpecification[];
}
