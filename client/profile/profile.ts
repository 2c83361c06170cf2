// The printable area profile at /area/{code}?layer=…: one A4 page for an elected member with a map of
// the area among its neighbours, the plain services answer with reasons, population, groups and density
// against the seed's reference figures, the district and the county, IMD and CNI for LSOAs, case
// studies in or near it, and the sources and licence. Everything is read from the atlas API.
import { printableMap } from './print-map.ts';
import '../styles.css';
import './profile.css';
import type { LayerSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { api, ApiError, profileUrl } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { formatNumber } from '../layers/classify.ts';
import { densityText } from '../layers/views/density.ts';
import { categoryText } from '../layers/views/category.ts';
import { referenceLines } from '../panels/area-panel.ts';
import { designationsList, servicesList } from '../panels/services-answer.ts';
import { moreDesignationsNote } from './printed-designations.ts';
import { deprivationMix, deprivationText } from '../panels/deprivation.ts';
import { benchmarkTable } from '../panels/benchmarks.ts';
import { lsoaPlaces, placesText } from '../places.ts';
import { countyOf } from '../county.ts';
import { areaNoun, capitalised, hasIndices, hasPlaces, layerWords, useLayers } from '../state/layer-catalog.ts';
import { parseState, serialiseState } from '../state/url.ts';
import type { AreaProps, CaseStudyCollection, LayerCollection } from '../types.ts';
import { casesNear } from './profile-model.ts';
import { customProfileMain } from './custom-profile.ts';

const perThousand = (rate: number | null | undefined) => (rate == null ? 'no population figure' : `${formatNumber(rate)} per 1,000`);
const row = (term: string, ...value: (Node | string | null)[]) => [h('dt', {}, term), h('dd', {}, ...value)];

function drawMap(container: HTMLElement, collection: LayerCollection, p: AreaProps, bbox: [number, number, number, number]): Promise<void> {
  const layers: LayerSpecification[] = [
    { id: 'bg', type: 'background', paint: { 'background-color': '#e4e9ec' } },
    { id: 'neighbours', type: 'fill', source: 'areas', filter: ['!=', ['get', 'code'], p.code], paint: { 'fill-color': '#ffffff' } },
    { id: 'area', type: 'fill', source: 'areas', filter: ['==', ['get', 'code'], p.code], paint: { 'fill-color': '#f4c542' } },
    { id: 'outlines', type: 'line', source: 'areas', paint: { 'line-color': '#6b6b6b', 'line-width': 0.8 } },
    { id: 'area-outline', type: 'line', source: 'areas', filter: ['==', ['get', 'code'], p.code], paint: { 'line-color': '#000000', 'line-width': 3 } },
    {
      id: 'names', type: 'symbol', source: 'areas',
      layout: {
        'text-field': ['get', 'name'], 'text-font': ['Open Sans Regular'], 'text-size': 11, 'text-max-width': 7,
        // The profiled area's own name first, so a neighbour's never hides it.
        'symbol-sort-key': ['case', ['==', ['get', 'code'], p.code], 0, 1],
      },
      paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ] as LayerSpecification[];
  return printableMap({
    container,
    sources: { areas: { type: 'geojson', data: { type: 'FeatureCollection', features: collection.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { code: f.properties.code, name: f.properties.name } })) } } },
    layers,
    bounds: bbox,
    padding: 40,
    maxZoom: 13,
    label: `Map of ${p.name} (outlined, shaded yellow) with its neighbouring ${layerWords(p.layer).many}.`,
  });
}

async function main(): Promise<void> {
  // /area/{code}, or profile.html?profile={code} in a standalone copy (client/state/standalone.ts).
  const code = new URLSearchParams(location.search).get('profile') ?? decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
  // The layers and the county as the server describes them, before the link is read (its layer ids are theirs).
  const [layerList, config] = await Promise.all([api.layers(), api.config()]);
  useLayers(layerList.layers);
  const county = countyOf(config);
  // /area/custom?custom=…: your own area, drawn or made of areas.
  if (code === 'custom') return customProfileMain(county.name, config.appendix_one);
  // The layer and the registers counted are read as the atlas reads them, so the figures match its panel.
  const { layer, registers } = parseState(location.search);
  const el = byId('profile');
  byId('print-button').addEventListener('click', () => window.print());
  // Back to the view the profile was opened from: its colour view, service, district, filters and map position.
  byId<HTMLAnchorElement>('back-to-atlas').href = `/?${serialiseState({ ...parseState(location.search), area: code })}`;

  const [detail, answer, collection] = await Promise.all([api.area(code, layer, registers), api.areaServices(code, layer), api.layer(layer, registers)]);
  const cases: CaseStudyCollection | null = config.registers.some((r) => r.name === 'case-studies') ? await api.caseStudies().catch(() => null) : null;
  const places = hasPlaces(layer) ? placesText((await lsoaPlaces().catch(() => ({})) as Record<string, never>)[code]) : null;
  const p = detail.properties;
  // Only the published references that fit the registers counted, as the panel shows them; the district and
  // county rates are the server's own (district_groups_per_1000, county_groups_per_1000), shown as their own rows.
  const fit = detail.density?.reference;
  const references = p.groups_per_1000 == null ? [] : referenceLines(p.groups_per_1000, fit ? fit.references : config.density_references, fit?.statement);
  const feature = collection.features.find((f) => f.properties.code === code);
  const bbox = (feature?.bbox ?? collection.bbox ?? [-1.6, 52.4, -0.7, 52.98]) as [number, number, number, number];
  const noun = areaNoun(p.layer, p.code);
  const counted = collection.registers_counted;
  const near = casesNear(cases, bbox);
  document.title = `${p.name}: area profile — Leicestershire Coverage Atlas`;

  const mapBox = h('div', { class: 'profile-map', 'data-testid': 'profile-map' });
  fill(
    el,
    h('header', { class: 'profile-head' },
      h('p', { class: 'profile-kicker' }, 'Leicestershire Coverage Atlas · area profile'),
      h('h1', { id: 'profile-title' }, p.name),
      h('p', { class: 'panel-subtitle' }, `${capitalised(noun)} in ${p.district_name} · ${p.code}`),
      places ? h('p', { class: 'panel-places', 'data-testid': 'places' }, `Covers ${places}`) : null,
    ),
    h('div', { class: 'profile-grid' },
      h('section', { class: 'profile-left', 'aria-label': 'Map and figures' },
        mapBox,
        h('dl', { class: 'facts' },
          row('Population (Census 2021)', p.population != null ? p.population.toLocaleString('en-GB') : 'Not published for this area (counted in a neighbouring parish)'),
          row('Appendix One category (2008)', categoryText(p)),
          row('Community groups', counted.length ? (densityText(p) ?? `${p.groups} groups`) : 'No register of groups is loaded.'),
          counted.length ? row('Against the reference figures', references.length ? h('ul', { class: 'plain' }, references.map((t) => h('li', {}, t))) : 'No rate: this area has no population figure of its own.') : [],
          counted.length ? row(`${p.district_name} district`, perThousand(p.district_groups_per_1000)) : [],
          counted.length ? row(`${county.name} (${county.districts})`, perThousand(p.county_groups_per_1000)) : [],
          p.imd_decile != null ? row('IMD 2025 decile', `${p.imd_decile} (1 = most deprived 10% in England)`) : [],
          detail.deprivation && !hasIndices(p.layer) ? row('Deprivation (IMD 2025, by its Output Areas’ LSOAs)', h('span', { 'data-testid': 'deprivation' }, deprivationText(detail.deprivation, p.district_name, county.name)), deprivationMix(detail.deprivation)) : [],
          p.cni_score != null ? row('Community Needs Index 2023', `${formatNumber(p.cni_score)}${p.left_behind === 'yes' ? ' (a “left behind” area)' : ''}`) : [],
        ),
        benchmarkTable(detail, (id) => answer.services.find((s) => s.id === id)?.short_name ?? id, county.name),
      ),
      h('section', { class: 'profile-right', 'aria-labelledby': 'services-heading' },
        h('h2', { id: 'services-heading' }, 'Which services can it access?'),
        h('p', { class: 'answer-summary', 'data-testid': 'profile-summary' }, answer.summary),
        servicesList(answer),
        h('p', { class: 'print-only hint' }, 'Each reason is given in brief; the full reasons are in the atlas at the address at the foot of this page.'),
        h('h2', {}, 'Why: Appendix One designations'),
        designationsList(p.designations),
        // Print keeps the first rows (CSS); the page says how many more there are and where they are.
        moreDesignationsNote(p.designations.length),
      ),
    ),
    h('section', { class: 'profile-cases', 'aria-labelledby': 'cases-heading' },
      h('h2', { id: 'cases-heading' }, 'Case studies in or near the area'),
      near.length
        ? h('ul', { class: 'plain' }, near.map((c) => h('li', {}, h('strong', {}, c.name), ` (${c.inside ? 'in the area' : `${formatNumber(c.km)} km away`})`, c.summary ? `: ${c.summary}` : '')))
        : h('p', {}, cases ? 'No case-study group within 3 km.' : 'No case-study register is loaded.'),
    ),
    h('footer', { class: 'profile-sources' },
      h('h2', {}, 'Sources and licence'),
      h('p', {}, `${collection.attribution} Licence: ${collection.licence}. Services and designations: ${config.appendix_one}. Reference figures: ${config.density_references.map((r) => r.source).filter((s, i, a) => a.indexOf(s) === i).join('; ')}.${counted.length ? ` Registers counted: ${counted.join(', ')}.` : ''}`),
      h('p', {}, `Printed from ${location.origin}${profileUrl(p.code, layer, registers)} on ${new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.`),
    ),
  );
  el.removeAttribute('aria-busy');
  await drawMap(mapBox, collection, p, bbox).catch(() => fill(mapBox, h('p', { class: 'notice' }, 'The map cannot be drawn in this browser (it needs WebGL); the facts below are complete without it.')));
  document.body.dataset.ready = 'true';
}

main().catch((err: unknown) => {
  const el = byId('profile');
  el.removeAttribute('aria-busy');
  fill(el, h('h1', {}, 'No profile for this area'), h('p', { role: 'alert' }, err instanceof ApiError ? err.message : 'The profile could not be loaded.'), h('p', {}, h('a', { href: '/' }, 'Open the atlas')));
  document.body.dataset.ready = 'error';
});
