// Download links for the current layer with the current filters, straight from the API, so the
// file carries the API's attribution and licence (GeoJSON foreign members, a CSV column).
import { layerUrl } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { LAYER_WORDS } from '../state/ids.ts';
import type { AtlasState } from '../state/url.ts';

export function renderDownloads(s: AtlasState, districtName: string | null, licence: string): void {
  const words = LAYER_WORDS[s.layer];
  const filters = { district: s.district, registers: s.registers };
  const what = `${words.many}${districtName ? ` in ${districtName}` : ''}`;
  // The same name the server gives (Content-Disposition), so the saved file says which district it holds.
  const file = (ext: string) => `${s.layer}${districtName ? `-${districtName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}` : ''}.${ext}`;
  fill(
    byId('downloads'),
    h('p', {}, `All ${what}, with every property and the attribution. ${licence}.`),
    h(
      'ul',
      { class: 'download-links' },
      h('li', {}, h('a', { href: layerUrl(s.layer, 'geojson', filters), download: file('geojson'), 'data-format': 'geojson' }, `GeoJSON: ${what}`)),
      h('li', {}, h('a', { href: layerUrl(s.layer, 'csv', filters), download: file('csv'), 'data-format': 'csv' }, `CSV: ${what}`)),
    ),
    h('p', { class: 'muted' }, 'For QGIS or GDAL: the OGC API – Features collection ', h('a', { href: `/ogc/collections/${s.layer}` }, `/ogc/collections/${s.layer}`), '.'),
  );
}
