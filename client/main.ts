// Entry point: read the state from the URL, fetch what the page needs from the API, start the app.
import './styles.css';
import { api } from './api.ts';
import { App } from './app.ts';
import { byId } from './dom.ts';
import { mirrorToUrl, StateStore } from './state/store.ts';
import { parseState } from './state/url.ts';

declare global {
  interface Window {
    /** For end-to-end tests and the curious: the running app (map, state). */
    atlas?: App;
  }
}

async function main(): Promise<void> {
  const store = new StateStore(parseState(location.search));
  mirrorToUrl(store);
  // The first layer is the largest request: start it now, beside the small ones and the map set-up.
  const { layer, registers } = store.get();
  const firstLayer = api.mapLayer(layer, registers);
  firstLayer.catch(() => {}); // a failure is reported when the app reads it
  const [config, layers, services] = await Promise.all([api.config(), api.layers(), api.services()]);
  const app = new App(store, { config, layers: layers.layers, services, firstLayer });
  window.atlas = app;
  await app.start();
}

main().catch((err: unknown) => {
  console.error(err);
  const status = byId('status');
  status.setAttribute('role', 'alert');
  status.textContent = `The atlas could not start: ${(err as Error).message}`;
  document.body.dataset.ready = 'error';
});
