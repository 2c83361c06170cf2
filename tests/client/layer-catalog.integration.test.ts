// The client's layer catalog filled from the real GET /api/layers answer, as the page fills it: the
// layers, their words, label zooms and capabilities are the registry's (server/registry/layers.ts), and the
// unparished rule names the real unparished areas.
import { describe, expect, it } from 'vitest';
import { areaNoun, defaultLayer, hasIndices, hasPlaces, indicesLayer, isHistorical, labelMinZoom, layerIds, layerWords, placesLayer, tableColumn, useLayers } from '../../client/state/layer-catalog.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { useAtlas } from '../support/atlas-app.ts';

const t = useAtlas();

describe('the client layer catalog from /api/layers', () => {
  it('holds every layer of the registry, in its order, with its words, zoom and capabilities', async () => {
    useLayers((await t.get('/api/layers').expect(200)).body.layers);
    expect(layerIds()).toEqual(LAYERS.map((l) => l.id));
    expect(defaultLayer()).toBe(LAYERS[0].id);
    for (const l of LAYERS) {
      expect(layerWords(l.id)).toEqual({ label: l.menuLabel, one: l.areaNoun, many: l.areaNounPlural });
      expect(labelMinZoom(l.id)).toBe(l.labelMinZoom);
      expect(tableColumn(l.id)).toBe(l.tableColumn);
      expect([hasIndices(l.id), hasPlaces(l.id), isHistorical(l.id)]).toEqual([l.hasIndices, l.hasPlaces, l.historical]);
    }
    expect(LAYERS.find((l) => l.id === indicesLayer())?.hasIndices).toBe(true);
    expect(LAYERS.find((l) => l.id === placesLayer())?.hasPlaces).toBe(true);
  });

  it('says which layer has IMD values by the data: its areas carry deciles, the others none', async () => {
    useLayers((await t.get('/api/layers').expect(200)).body.layers);
    for (const id of layerIds()) {
      const areas = (await t.get(`/api/layers/${id}.geojson?geometry=none&properties=imd_decile`).expect(200)).body.features;
      expect(areas.some((f: { properties: { imd_decile?: number | null } }) => f.properties.imd_decile != null), id).toBe(hasIndices(id));
    }
  });

  it('calls an unparished area so, and a parish a parish, by the registry rule', async () => {
    useLayers((await t.get('/api/layers').expect(200)).body.layers);
    const parishes = (await t.get(`/api/layers/${defaultLayer()}.geojson?geometry=none&properties=name`).expect(200)).body.features as { id: string }[];
    const unparished = parishes.filter((f) => areaNoun(defaultLayer(), f.id) === 'unparished area');
    expect(unparished.length).toBeGreaterThan(0);
    expect(unparished.length).toBeLessThan(parishes.length);
    expect(parishes.filter((f) => !unparished.includes(f)).every((f) => areaNoun(defaultLayer(), f.id) === layerWords(defaultLayer()).one)).toBe(true);
  });
});
