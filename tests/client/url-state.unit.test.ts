// The view state survives a round trip through the URL, malformed values fall back to defaults,
// and the layer/view pair stays consistent (IMD and CNI exist only on LSOAs). Links made before the
// page used the API's filter names still open as they did.
import '../support/client-layers.ts';
import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../client/state/filters.ts';
import { chooseLayer, chooseView, selectArea } from '../../client/state/transitions.ts';
import { defaultState, parseState, serialiseState, type AtlasState } from '../../client/state/url.ts';

const DEFAULT_STATE = defaultState();

const full: AtlasState = {
  layer: 'wards', view: 'service', service: 'neigh_man', district: 'E07000131', area: 'E05012345', tab: 'table',
  registers: ['libraries', 'my-register'], cases: true, parish: 'Scraftoft', camera: { zoom: 10.25, lat: 52.61234, lon: -1.08765 },
  filters: DEFAULT_STATE.filters, compare: [], points: ['libraries'], custom: 'parishes/E04005342,lsoas/E01025611',
};

describe('URL state', () => {
  it('round-trips every field', () => {
    expect(parseState(`?${serialiseState(full)}`)).toEqual(full);
  });

  it('leaves defaults out, so the default view has an empty query', () => {
    expect(serialiseState(DEFAULT_STATE)).toBe('');
    expect(parseState('')).toEqual(DEFAULT_STATE);
  });

  it('writes a readable query string', () => {
    expect(serialiseState(full)).toBe('layer=wards&view=service&view_service=neigh_man&district=E07000131&area=E05012345&tab=table&registers=libraries,my-register&cases=1&parish=Scraftoft&points=libraries&custom=parishes/E04005342,lsoas/E01025611&at=10.25/52.61234/-1.08765');
  });

  it('rounds the camera to what a shared link needs', () => {
    const q = serialiseState({ ...DEFAULT_STATE, camera: { zoom: 9.123456, lat: 52.123456789, lon: -1.987654321 } });
    expect(q).toBe('at=9.12/52.12346/-1.98765');
  });

  it('falls back to defaults for unknown or malformed values', () => {
    const s = parseState('?layer=counties&view=heat&service=xyz&district=Harborough&area=<script>&tab=chart&registers=a;b,ok&at=99/0/0&cases=maybe');
    expect(s).toEqual({ ...DEFAULT_STATE, registers: ['ok'] });
  });

  it('rejects a camera outside the valid ranges or with missing parts', () => {
    expect(parseState('?at=10/52.6').camera).toBeNull();
    expect(parseState('?at=10/95/-1').camera).toBeNull();
    expect(parseState('?at=ten/52/-1').camera).toBeNull();
    expect(parseState('?at=10/52.6/-1.1').camera).toEqual({ zoom: 10, lat: 52.6, lon: -1.1 });
  });

  it('only writes the service when the service view is showing', () => {
    expect(serialiseState({ ...DEFAULT_STATE, service: 'scat' })).toBe('');
    expect(serialiseState({ ...DEFAULT_STATE, view: 'service', service: 'scat' })).toBe('view=service&view_service=scat');
  });

  it('opens the first layer the server lists when the link names none', () => {
    expect(DEFAULT_STATE.layer).toBe('parishes');
  });

  it('moves an LSOA-only view onto the LSOA layer when parsing', () => {
    expect(parseState('?view=imd&layer=parishes&area=E04013143')).toMatchObject({ view: 'imd', layer: 'lsoas', area: null });
  });
});

describe('state transitions', () => {
  it('choosing a non-LSOA layer leaves an LSOA-only view for the category view', () => {
    const s = { ...DEFAULT_STATE, layer: 'lsoas' as const, view: 'cni' as const, area: 'E01025631' };
    expect(chooseLayer(s, 'wards')).toMatchObject({ layer: 'wards', view: 'category', area: null });
    expect(chooseLayer({ ...s, view: 'density' }, 'wards')).toMatchObject({ layer: 'wards', view: 'density' });
  });

  it('choosing the same layer changes nothing, keeping the selection', () => {
    const s = { ...DEFAULT_STATE, area: 'E04013143' };
    expect(chooseLayer(s, 'parishes')).toBe(s);
  });

  it('choosing IMD or CNI switches to LSOAs', () => {
    expect(chooseView(DEFAULT_STATE, 'imd')).toMatchObject({ view: 'imd', layer: 'lsoas' });
    expect(chooseView(DEFAULT_STATE, 'service')).toMatchObject({ view: 'service', layer: 'parishes' });
  });

  it('selecting an area of another layer shows that layer', () => {
    expect(selectArea({ ...DEFAULT_STATE, view: 'imd', layer: 'lsoas' }, 'E04013143', 'parishes')).toMatchObject({ layer: 'parishes', view: 'category', area: 'E04013143' });
  });
});

describe('links made before the page used the API filter names', () => {
  it('read `service` as the service view\'s service, and `with`, `without` and "min,max" ranges as filters', () => {
    const s = parseState('?layer=lsoas&view=service&service=pc&category=general&with=nw&without=scat&imd=1,3&cni=,40.5&density=0.1,');
    expect(s).toMatchObject({ layer: 'lsoas', view: 'service', service: 'pc' });
    expect(s.filters).toEqual({ ...NO_FILTERS, categories: ['general'], present: ['nw'], absent: ['scat'], imd: [1, 3], cni: [null, 40.5], density: [0.1, null] });
  });

  it('are written back under the API names, and the new link opens the same view', () => {
    const old = parseState('?view=service&service=pc&with=nw&imd=1,3&layer=lsoas');
    const q = serialiseState(old);
    expect(q).toBe('layer=lsoas&view=service&view_service=pc&service=nw&imd_decile_min=1&imd_decile_max=3');
    expect(parseState(`?${q}`)).toEqual(old);
  });

  it('give the old names way to the API names when a link has both', () => {
    const s = parseState('?layer=lsoas&with=nw&service=pc&without=faith&service_absent=scat&imd=1,3&imd_decile_min=4');
    expect(s.filters).toMatchObject({ present: ['pc'], absent: ['scat'], imd: [4, null] });
  });

  it('a new link\'s `service` is the filter, even on the service view', () => {
    const s = parseState('?view=service&view_service=scat&service=nw');
    expect(s).toMatchObject({ view: 'service', service: 'scat' });
    expect(s.filters.present).toEqual(['nw']);
  });
});
