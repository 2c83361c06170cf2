// Entry point: read the state from the URL and start every request the first map needs at once,
// then load the app with MapLibre (a separate ~1 MB chunk) while those answers are on their way.
import './styles.css';
import { api } from './api.ts';
import type { App } from './app.ts';
import { byId } from './dom.ts';
import { mirrorToUrl, StateStore } from './state/store.ts';
import { parseState } from './state/url.ts';
import { startFirstLayer } from './state/layer-cache.ts';
import { showStandaloneNotice } from './panels/standalone-notice.ts';
import { useLayers } from './state/layer-catalog.ts';

declare global {
  interface Window {
    /** For end-to-end tests and the curious: the running app (map, state). */
    atlas?: App;
  }
}

async function main(): Promise<void> {
  performance.mark('atlas-main');
  // embed=1: the map alone (for an iframe), the page's header, controls and sidebar hidden.
  if (new URLSearchParams(location.search).get('embed') === '1') document.body.classList.add('embed');
  const page = Promise.all([api.config(), api.layers(), api.services()]);
  page.catch(() => {}); // reported by the await below, once the app has loaded
  // The link's layer ids are the server's: the state is read once /api/layers has answered (the first
  // layer's request waited for that answer anyway), while MapLibre's chunk loads.
  const appModule = import('./app.ts');
  const layerList = (await api.layers()).layers;
  useLayers(layerList);
  const store = new StateStore(parseState(location.search));
  mirrorToUrl(store);
  // The first layer's data starts before MapLibre is even parsed: a tiled layer's small summary when
  // the first view needs no attributes, otherwise the layer (a failure is reported when the app reads it).
  const firstLayer = Promise.resolve(startFirstLayer(layerList, store.get()));
  firstLayer.then((f) => void ('summary' in f ? f.summary : f.collection).catch(() => {}), () => {});
  const { App } = await appModule;
  performance.mark('atlas-app-imported');
  const [config, layers, services] = await page;
  const app = new App(store, { config, layers: layers.layers, services, firstLayer });
  window.atlas = app;
  await app.start();
  // Your own area: drawn on the map or built from areas (its own module, so app.ts stays the map's).
  const { CustomArea } = await import('./custom/custom-area.ts');
  new CustomArea(store, app.maplibre(), (code) => app.data?.byCode.get(code)?.properties.name ?? null, app.county.name);
  showStandaloneNotice(); // a copy read from files says what needs the live atlas
}

main().catch((err: unknown) => {
  console.error(err);
  const status = byId('status');
  status.setAttribute('role', 'alert');
  status.textContent = `The atlas could not start: ${(err as Error).message}`;
  document.body.dataset.ready = 'error';
});
