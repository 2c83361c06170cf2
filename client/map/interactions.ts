// Pointer and keyboard interaction with the areas: hover highlights (feature-state) with a tooltip,
// click selects, and Enter on the focused map selects the area under the centre cross-hair.
import type { Map as MapLibreMap, MapMouseEvent, PointLike } from 'maplibre-gl';
import { fill, h } from '../dom.ts';
import { INTERACTIVE_LAYERS } from '../layers/style.ts';
import type { AreaLayer } from './areas.ts';

export interface AreaDescription {
  name: string;
  detail: string;
  value: string | null;
}

export interface InteractionHandlers {
  /** tile: the properties the area's feature carries on the map (all a tiled layer has before its attributes load). */
  describe(code: string, tile?: Record<string, unknown>): AreaDescription | null;
  /** by: how the area was chosen; after a key press the panel takes focus so it is read out. */
  select(code: string, by: 'pointer' | 'keyboard'): void;
}

/** The area feature under a point, if any. */
function areaHit(map: MapLibreMap, point: PointLike) {
  const layers = INTERACTIVE_LAYERS.filter((id) => map.getLayer(id));
  if (!layers.length) return null;
  // Points are drawn above polygons, so prefer them when the pointer is over one.
  const hits = map.queryRenderedFeatures(point, { layers });
  return hits.find((f) => f.layer.id === 'areas-points') ?? hits[0] ?? null;
}

export function areaAt(map: MapLibreMap, point: PointLike): string | null {
  return (areaHit(map, point)?.properties?.code as string | undefined) ?? null;
}

export function wireInteractions(map: MapLibreMap, areas: AreaLayer, handlers: InteractionHandlers): void {
  const container = map.getContainer();
  const tooltip = h('div', { class: 'map-tooltip', 'aria-hidden': 'true', hidden: true });
  container.append(tooltip);

  const hide = () => {
    areas.setHover(null);
    tooltip.hidden = true;
    map.getCanvas().style.cursor = '';
  };

  map.on('mousemove', (e: MapMouseEvent) => {
    const hit = areaHit(map, e.point);
    const code = (hit?.properties?.code as string | undefined) ?? null;
    const about = code ? handlers.describe(code, hit!.properties) : null;
    if (!code || !about) return hide();
    areas.setHover(code);
    map.getCanvas().style.cursor = 'pointer';
    fill(tooltip, h('strong', {}, about.name), h('span', {}, about.detail), about.value ? h('span', { class: 'map-tooltip-value' }, about.value) : null);
    tooltip.hidden = false;
    // Keep the tooltip inside the map: flip to the left/top near the right/bottom edges.
    const { clientWidth: w, clientHeight: ht } = container;
    const x = e.point.x + 14 + tooltip.offsetWidth > w ? e.point.x - 14 - tooltip.offsetWidth : e.point.x + 14;
    const y = e.point.y + 14 + tooltip.offsetHeight > ht ? e.point.y - 14 - tooltip.offsetHeight : e.point.y + 14;
    tooltip.style.transform = `translate(${Math.max(0, x)}px, ${Math.max(0, y)}px)`;
  });
  map.getCanvas().addEventListener('mouseleave', hide);
  // A tooltip left over from before a move or resize would point at the wrong place.
  map.on('movestart', hide);
  map.on('resize', hide);

  map.on('click', (e: MapMouseEvent) => {
    const code = areaAt(map, e.point);
    if (code) handlers.select(code, 'pointer');
  });

  map.getCanvas().addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const { clientWidth: w, clientHeight: ht } = map.getCanvas();
    const code = areaAt(map, [w / 2, ht / 2]);
    if (code) {
      e.preventDefault();
      handlers.select(code, 'keyboard');
    }
  });
}
