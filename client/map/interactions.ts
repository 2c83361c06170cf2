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

/** What the map can ask of its tooltip after wiring. */
export interface Tooltip {
  /** Describes the area under the pointer again, when what is known about it has grown (places loaded). */
  refresh(): void;
}

export function wireInteractions(map: MapLibreMap, areas: AreaLayer, handlers: InteractionHandlers): Tooltip {
  const container = map.getContainer();
  const tooltip = h('div', { class: 'map-tooltip', 'aria-hidden': 'true', hidden: true });
  container.append(tooltip);

  const hide = () => {
    areas.setHover(null);
    tooltip.hidden = true;
    map.getCanvas().style.cursor = '';
  };

  // The last pointer position over the map, so the tooltip can be written again without a move.
  let pointer: { x: number; y: number } | null = null;
  const show = (point: { x: number; y: number }) => {
    const hit = areaHit(map, [point.x, point.y]);
    const code = (hit?.properties?.code as string | undefined) ?? null;
    const about = code ? handlers.describe(code, hit!.properties) : null;
    if (!code || !about) return hide();
    areas.setHover(code);
    map.getCanvas().style.cursor = 'pointer';
    fill(tooltip, h('strong', {}, about.name), h('span', {}, about.detail), about.value ? h('span', { class: 'map-tooltip-value' }, about.value) : null);
    tooltip.hidden = false;
    // Keep the tooltip inside the map: flip to the left/top near the right/bottom edges.
    const { clientWidth: w, clientHeight: ht } = container;
    const x = point.x + 14 + tooltip.offsetWidth > w ? point.x - 14 - tooltip.offsetWidth : point.x + 14;
    const y = point.y + 14 + tooltip.offsetHeight > ht ? point.y - 14 - tooltip.offsetHeight : point.y + 14;
    tooltip.style.transform = `translate(${Math.max(0, x)}px, ${Math.max(0, y)}px)`;
  };
  map.on('mousemove', (e: MapMouseEvent) => show((pointer = e.point)));
  map.getCanvas().addEventListener('mouseleave', () => {
    pointer = null;
    hide();
  });
  // A tooltip left over from before a move or resize would point at the wrong place.
  map.on('movestart', hide);
  map.on('resize', hide);

  map.on('click', (e: MapMouseEvent) => {
    // Drawing your own area: the click is a corner (client/custom/draw-tool.ts), not a choice of area.
    if (map.getContainer().dataset.drawing) return;
    // A group point or cluster under the pointer takes the click (client/map/group-points.ts).
    const groupLayers = map.getStyle().layers.filter((l) => l.id.startsWith('groups-') && l.type === 'circle' && map.getLayoutProperty(l.id, 'visibility') !== 'none').map((l) => l.id);
    if (groupLayers.length && map.queryRenderedFeatures(e.point, { layers: groupLayers }).length) return;
    const code = areaAt(map, e.point);
    if (code) handlers.select(code, 'pointer');
  });

  map.getCanvas().addEventListener('keydown', (e: KeyboardEvent) => {
    if ((e.key !== 'Enter' && e.key !== ' ') || map.getContainer().dataset.drawing) return;
    const { clientWidth: w, clientHeight: ht } = map.getCanvas();
    const code = areaAt(map, [w / 2, ht / 2]);
    if (code) {
      e.preventDefault();
      handlers.select(code, 'keyboard');
    }
  });

  return { refresh: () => void (pointer && !tooltip.hidden && show(pointer)) };
}
