// Download links for exactly what is on screen: the current layer with the district, the combined
// filters and the registers counted, straight from the API, so the file carries the API's
// attribution and licence (GeoJSON foreign members, a CSV column) and the server's file name, which
// says what was filtered (e.g. lsoas-no-nw-imd-3.csv).
import { layerUrl } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { layerWords } from '../state/layer-catalog.ts';
import type { AtlasState } from '../state/url.ts';

export function renderDownloads(s: AtlasState, what: { shown: number; phrases: readonly string[] }, licence: string): void {
  const words = layerWords(s.layer);
  const filters = { district: s.district, registers: s.registers, filters: s.filters };
  const which = what.phrases.length ? `The ${what.shown.toLocaleString('en-GB')} ${words.many} shown (${what.phrases.join(', ')})` : `All ${what.shown.toLocaleString('en-GB')} ${words.many}`;
  const label = `${what.shown.toLocaleString('en-GB')} ${words.many}`;
  if (what.shown === 0)
    return fill(byId('downloads'), h('p', {}, `Nothing to download: no ${words.one} matches ${what.phrases.length ? `these filters (${what.phrases.join(', ')})` : 'this view'}. Clear or loosen the filters to download ${words.many}.`), ogcHelp());
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
    ogcHelp(),
  );
}

/** The OGC API – Features landing address to copy into QGIS or GDAL, and the QGIS steps. */
function ogcHelp(): HTMLElement {
  const url = `${location.origin}/ogc`;
  const field = h('input', { id: 'ogc-url', type: 'text', readonly: true, value: url, 'data-testid': 'ogc-url', onfocus: (e: Event) => (e.target as HTMLInputElement).select() });
  const said = h('span', { class: 'copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'clear-filters', onclick: () => {
    field.select();
    const done = () => (said.textContent = 'Copied.');
    if (navigator.clipboard) void navigator.clipboard.writeText(url).then(done, () => (said.textContent = 'Select the address and copy it.'));
    else said.textContent = 'Select the address and copy it.';
  } }, 'Copy', h('span', { class: 'sr-only' }, ' the OGC API address'));
  return h('div', { class: 'ogc-help' },
    h('label', { for: 'ogc-url' }, 'For QGIS, ArcGIS or GDAL: the OGC API – Features address'),
    h('div', { class: 'copy-row' }, field, copy, said),
    h('details', {},
      h('summary', {}, 'How to add it in QGIS'),
      h('ol', {},
        h('li', {}, 'In QGIS choose Layer > Add Layer > Add WFS / OGC API - Features Layer.'),
        h('li', {}, 'Choose New, give the connection a name (e.g. Leicestershire Coverage Atlas), paste the address above as its URL, and choose OK.'),
        h('li', {}, 'Choose Connect, pick the parishes, wards or LSOAs collection, and choose Add.')),
      h('p', {}, 'GDAL: ', h('code', {}, `ogrinfo OAPIF:${url}`), '. ', h('a', { href: '/ogc' }, 'The landing page'), ' lists every collection.')));
}
