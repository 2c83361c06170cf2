// Opens the MapLibre map, or, where it cannot run (typically no WebGL 2), a stand-in that says why:
// everything but the map still works without it.
import { byId } from '../dom.ts';
import { NoMap, type MapPort } from '../map/map-port.ts';
import { MapView } from '../map/map-view.ts';

type MapOptions = Parameters<typeof MapView.create>[0];
type MapHandlers = Parameters<typeof MapView.create>[1];

export async function openMap(options: MapOptions, handlers: MapHandlers): Promise<MapPort> {
  try {
    return await MapView.create(options, handlers);
  } catch (err) {
    const message = (err as Error).message ?? '';
    return new NoMap(byId('map'), /webgl/i.test(message) || !message ? 'this browser does not offer WebGL 2, which the map needs.' : message);
  }
}
