// Download links for exactly what is on screen: the current layer with the district, the combined
// filters and the registers counted, straight from the API, so the file carries the API's
// attribution and licence (GeoJSON foreign members, a CSV column) and the server's file name, which
// says what was filtered (e.g. lsoas-no-nw-imd-3.csv).
import { layerUrl } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { LAYER_WORDS } from '../state/ids.ts';
import type { AtlasState } from '../state/url.ts';

export function renderDownloads(s: AtlasState, what: { shown: number; phrases: readonly string[] }, licence: string): void {
  const words = LAYER_WORDS[s.layer];
  const filters = { district: s.district, registers: s.registers, filters: s.filters };
  const which = what.phrases.length ? `The ${what.shown.toLocaleString('en-GB')} ${words.many} shown (${what.phrases.join(', ')})` : `All ${what.shown.toLocaleString('en-GB')} ${words.many}`;
  const label = `${what.shown.toLocaleString('en-GB')} ${words.many}`;
  fill(
    byId('downloads'),
    h('p', {}, `${which}, with every property and the attribution. ${licence}.`),
    h(
      'ul',
      { class: 'download-links' },
      // An empty download attribute: the browser saves under the server's name for these filters.
      h('li', {}, h('a', { href: layerUrl(s.layer, 'geojson', filters, { flat: true }), download: '', 'data-format': 'geojson' }, `GeoJSON: ${label}`)),
      h('li', {}, h('a', { href: layerUrl(s.layer, 'csv', filters), download: '', 'data-format': 'csv' }, `CSV: ${label}`)),
    ),
    h('p', { class: 'muted' }, 'For QGIS or GDAL: the OGC API – Features collection ', h('a', { href: `/ogc/collections/${s.layer}` }, `/ogc/collections/${s.layer}`), '.'),
  );
}
