// The client's filters (client/state/filters.ts) against the server's: for each combination, the
// areas the page keeps must be exactly those the API returns for the same filters, since the map,
// key and table show the one and the downloads carry the other. Also the URL form, round trip.
import '../support/client-layers.ts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFilterParams, filterPhrases, filterSummary, matches, NO_FILTERS, type AreaFilters } from '../../client/state/filters.ts';
import { chooseLayer } from '../../client/state/transitions.ts';
import { defaultState, isCompared, parseState, serialiseState } from '../../client/state/url.ts';
import type { AreaProps } from '../../client/types.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

const codes = (fc: { features: { properties: AreaProps }[] }, keep: (p: AreaProps) => boolean = () => true) => fc.features.map((f) => f.properties).filter(keep).map((p) => p.code).sort();

const CASES: [string, string, AreaFilters][] = [
  ['lsoas', 'IMD 1–5, no NW', { ...NO_FILTERS, imd: [null, 5], absent: ['nw'] }],
  ['lsoas', 'CNI 30 up, General or not listed', { ...NO_FILTERS, cni: [30, null], categories: ['general', 'none'] }],
  ['lsoas', 'with PC and SCAT, IMD 6–10', { ...NO_FILTERS, present: ['pc', 'scat'], imd: [6, 10] }],
  ['parishes', 'LAA target, density 0', { ...NO_FILTERS, categories: ['laa_target'], density: [0, 0] }],
  ['parishes', 'density 0.5 up, no Neigh Man', { ...NO_FILTERS, density: [0.5, null], absent: ['neigh_man'] }],
  ['wards', 'social capital, with NW', { ...NO_FILTERS, categories: ['social_capital'], present: ['nw'] }],
];

describe('client filters keep exactly what the API returns', () => {
  it.each(CASES)('%s: %s', async (layer, _name, f) => {
    const all = (await request(atlas.app).get(`/api/layers/${layer}.geojson`).expect(200)).body;
    const query = new URLSearchParams(apiFilterParams(f)).toString();
    const filtered = (await request(atlas.app).get(`/api/layers/${layer}.geojson?${query}`).expect(200)).body;
    const kept = codes(all, (p) => matches(f, p));
    expect(kept).toEqual(codes(filtered));
    expect(kept.length).toBeLessThan(all.features.length);
  });
});

describe('filters in the URL and in words', () => {
  it('round-trips filters and the comparison through the page URL', () => {
    const s = { ...defaultState(), layer: 'lsoas' as const, filters: { categories: ['general' as const], present: ['pc' as const], absent: ['nw' as const], imd: [1, 3] as [number, number], cni: [null, 40.5] as [null, number], density: [0.1, null] as [number, null] }, compare: [{ code: 'E01025633', layer: 'lsoas' as const }, { code: 'E05005479', layer: 'wards-2013' as const }, { code: 'E04005365', layer: null }] };
    const q = serialiseState(s);
    expect(q).toBe('layer=lsoas&category=general&service=pc&service_absent=nw&imd_decile_min=1&imd_decile_max=3&cni_max=40.5&density_min=0.1&compare=lsoas/E01025633,wards-2013/E05005479,E04005365');
    expect(parseState(`?${q}`)).toEqual(s);
    // One set of names: the page link's filter parameters are exactly the API query for the same filters.
    const pageFilters = [...new URLSearchParams(q)].filter(([k]) => !['layer', 'compare'].includes(k));
    expect(Object.fromEntries(pageFilters)).toEqual(apiFilterParams(s.filters));
  });

  it('drops malformed filters, reversed ranges, a service both wanted and not, and compares at most four areas', () => {
    const s = parseState('?layer=lsoas&category=nope,general&with=nw,xyz&without=nw,pc&imd=5,2&cni=a,b&density=,-&compare=E01000001,E01000001,bad,E01000002,E01000003,E01000004,E01000005');
    expect(s.filters).toEqual({ ...NO_FILTERS, categories: ['general'], present: ['nw'], absent: ['pc'] });
    expect(s.compare.map((e) => e.code)).toEqual(['E01000001', 'E01000002', 'E01000003', 'E01000004']);
    expect(s.compare.every((e) => e.layer === null)).toBe(true);
    expect(parseState('?imd=0,11').filters.imd).toBeNull();
  });

  it('keeps a ward code once per ward layer (2025 and 2013 are different areas), and drops unknown layers', () => {
    const s = parseState('?compare=wards/E05005479,wards-2013/E05005479,wards-2013/E05005479,counties/E05005480,E05005479');
    expect(s.compare).toEqual([{ code: 'E05005479', layer: 'wards' }, { code: 'E05005479', layer: 'wards-2013' }, { code: 'E05005479', layer: null }]);
    // A code-only entry from an older link stands for the area the API finds first: today's ward.
    expect(isCompared(s.compare[2], 'E05005479', 'wards')).toBe(true);
    expect(isCompared(s.compare[2], 'E05005479', 'wards-2013')).toBe(false);
    expect(isCompared(s.compare[1], 'E05005479', 'wards')).toBe(false);
  });

  it('drops IMD and CNI filters on layers without them, as the API refuses them there', () => {
    expect(parseState('?layer=parishes&imd=1,3&with=nw').filters).toEqual({ ...NO_FILTERS, present: ['nw'] });
    const lsoas = { ...defaultState(), layer: 'lsoas' as const, filters: { ...NO_FILTERS, imd: [1, 3] as [number, number] } };
    expect(chooseLayer(lsoas, 'wards').filters.imd).toBeNull();
  });

  it('sums the filters up in a plain sentence', () => {
    const phrases = filterPhrases({ ...NO_FILTERS, imd: [1, 3], absent: ['nw'] }, (id) => (id === 'nw' ? 'Neighbourhood Workers' : id), null);
    expect(filterSummary(12, 408, 'LSOAs', phrases)).toBe('Showing 12 of 408 LSOAs: IMD decile 1–3, no Neighbourhood Workers.');
    expect(filterSummary(238, 238, 'parishes', [])).toBe('Showing 238 of 238 parishes: no filters.');
  });
});
