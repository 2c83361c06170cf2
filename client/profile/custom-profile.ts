// The printable one-page profile of your own area (/area/custom?custom=…): its outline on the map among
// the parishes, and the same figures the atlas panel shows (client/custom/custom-figures.ts), each
// beside the district and the county, with the sources and licence. Read from POST /api/profile.
import { printableMap } from './print-map.ts';
import type { LayerSpecification } from 'maplibre-gl';
import { api } from '../api.ts';
import { customFiguresBlock } from '../custom/custom-figures.ts';
import { parseCustom, profileBody } from '../custom/custom-spec.ts';
import { byId, fill, h } from '../dom.ts';
import { parseState, serialiseState } from '../state/url.ts';
import type { CustomProfileAnswer, LayerCollection } from '../types.ts';

function drawMap(container: HTMLElement, parishes: LayerCollection, a: CustomProfileAnswer): Promise<void> {
  const layers = [
    { id: 'bg', type: 'background', paint: { 'background-color': '#e4e9ec' } },
    { id: 'parishes', type: 'fill', source: 'parishes', paint: { 'fill-color': '#ffffff' } },
    { id: 'parish-lines', type: 'line', source: 'parishes', paint: { 'line-color': '#8a8a8a', 'line-width': 0.6 } },
    { id: 'custom', type: 'fill', source: 'custom', paint: { 'fill-color': '#7b2cbf', 'fill-opacity': 0.25 } },
    { id: 'custom-line', type: 'line', source: 'custom', paint: { 'line-color': '#3c096c', 'line-width': 3 } },
  ] as LayerSpecification[];
  return printableMap({
    container,
    sources: {
      parishes: { type: 'geojson', data: { type: 'FeatureCollection', features: parishes.features.filter((f) => f.geometry?.type !== 'Point').map((f) => ({ type: 'Feature', geometry: f.geometry, properties: {} })) } },
      custom: { type: 'geojson', data: { type: 'Feature', geometry: a.geometry as GeoJSON.Geometry, properties: {} } },
    },
    layers,
    bounds: a.bbox as [number, number, number, number],
    padding: 30,
    maxZoom: 14,
    label: `Map of ${a.name} (shaded purple) among the parishes.`,
  });
}

export async function customProfileMain(countyName: string, appendixOne: string): Promise<void> {
  const state = parseState(location.search);
  const spec = parseCustom(state.custom);
  byId('print-button').addEventListener('click', () => window.print());
  byId<HTMLAnchorElement>('back-to-atlas').href = `/?${serialiseState(state)}`;
  if (!spec) throw new Error('This address does not describe an area: it needs custom= with a drawn outline or a list of areas, as the atlas writes it.');
  const [a, parishes] = await Promise.all([api.customProfile(profileBody(spec, state.registers)), api.layer('parishes', state.registers)]);
  document.title = `${a.name}: your own area profile — Leicestershire Coverage Atlas`;
  const mapBox = h('div', { class: 'profile-map', 'data-testid': 'profile-map' });
  const el = byId('profile');
  fill(el,
    h('header', { class: 'profile-head' },
      h('p', { class: 'profile-kicker' }, 'Leicestershire Coverage Atlas · your own area'),
      h('h1', { id: 'profile-title' }, a.name),
      h('p', { class: 'panel-subtitle' }, spec.kind === 'polygon' ? `Drawn on the map (${spec.ring.length} corners), mostly in ${a.district.name}` : `Made of ${spec.areas.length} area${spec.areas.length === 1 ? '' : 's'}, mostly in ${a.district.name}`),
    ),
    h('div', { class: 'profile-grid' },
      h('section', { class: 'profile-left', 'aria-label': 'Map' }, mapBox),
      h('section', { class: 'profile-right', 'aria-label': 'Figures' }, customFiguresBlock(a, countyName)),
    ),
    h('footer', { class: 'profile-sources' },
      h('h2', {}, 'Sources and licence'),
      h('p', {}, `${a.attribution} Licence: ${a.licence}. Services and designations: ${appendixOne}.`),
      h('p', {}, `Printed from ${location.href} on ${new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.`),
    ),
  );
  el.removeAttribute('aria-busy');
  await drawMap(mapBox, parishes, a).catch(() => fill(mapBox, h('p', { class: 'notice' }, 'The map cannot be drawn in this browser (it needs WebGL); the figures are complete without it.')));
  document.body.dataset.ready = 'true';
}
