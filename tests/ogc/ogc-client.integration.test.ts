// @camptocamp/ogc-client (the library behind GeoNetwork-UI and other web viewers) against /ogc in
// Node: collections, collection info with its queryables, sorted and shaped items, and a CQL2 query.
import { OgcApiEndpoint } from '@camptocamp/ogc-client';
import { describe, expect, it } from 'vitest';
import { useListeningAtlas } from '../support/atlas-app.ts';

const served = useListeningAtlas();

describe('@camptocamp/ogc-client', () => {
  it('lists the feature collections and reads queryables as feature properties', async () => {
    const endpoint = new OgcApiEndpoint(`${served.server.url}/ogc`);
    expect(await endpoint.featureCollections).toEqual(served.atlas.store.layers.map((l) => l.id));
    const info = await endpoint.getCollectionInfo('lsoas');
    const names = info.queryables.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['imd_decile', 'svc_nw', 'category']));
    // Every queryable is a property of the features the same client reads.
    const [first] = await endpoint.getCollectionItems('lsoas', 1);
    expect(Object.keys(first.properties ?? {})).toEqual(expect.arrayContaining(names));
  });

  it('reads items sorted, cut to some properties, without geometry, and filtered with CQL2 text', async () => {
    const endpoint = new OgcApiEndpoint(`${served.server.url}/ogc`);
    const top = await endpoint.getCollectionItems('wards', 3, 0, true, ['-population'], undefined, ['name', 'population']);
    const expected = served.atlas.store.areas('wards').map((a) => a.population ?? -1).sort((a, b) => b - a).slice(0, 3);
    expect(top.map((f) => (f.properties as unknown as Record<string, unknown> | undefined)?.population)).toEqual(expected);
    for (const f of top) {
      expect(Object.keys(f.properties ?? {})).toEqual(['name', 'population']);
      expect(f.geometry).toBeNull();
    }
    const filtered = await endpoint.getCollectionItems('lsoas', 10000, 0, true, undefined, undefined, undefined, undefined, 'filter=imd_decile <= 1&filter-lang=cql2-text');
    const deprived = served.atlas.store.areas('lsoas').filter((a) => a.imd?.decile === 1).map((a) => a.code).sort();
    expect(deprived.length).toBeGreaterThan(0);
    expect(filtered.map((f) => String(f.id)).sort()).toEqual(deprived);
  });
});
