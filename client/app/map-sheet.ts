// The map saved as a PNG sheet: title, key, scale, north arrow, source and licence (panels/map-export.ts
// draws it), named after the layer shown, and handed to the browser as a download.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { api } from '../api.ts';
import { h, byId } from '../dom.ts';
import type { buildLegend } from '../layers/legend-model.ts';
import { mapPng } from '../panels/map-export.ts';
import { layerWords } from '../state/layer-catalog.ts';
import type { LayerCollection, LayerId } from '../types.ts';

export interface SheetInput {
  layer: LayerId;
  collection: Pick<LayerCollection, 'attribution' | 'licence'>;
  legend: ReturnType<typeof buildLegend>;
}

export async function saveMapSheet(map: MapLibreMap, { layer, collection, legend }: SheetInput): Promise<void> {
  const blob = await mapPng(map, {
    title: `Leicestershire Coverage Atlas: ${layerWords(layer).many} by ${legend.title.toLowerCase()}`,
    subtitle: byId('status').textContent?.replace(/^Showing /, '') ?? '',
    key: legend.rows.map((r) => ({ colour: r.colour, hatched: r.hatched, label: r.label, count: r.count })),
    source: `${/^source/i.test(collection.attribution) ? '' : 'Source: '}${collection.attribution} Licence: ${collection.licence}. Services and designations: ${(await api.config()).appendix_one}. Printed from ${location.href}`,
  });
  const a = h('a', { href: URL.createObjectURL(blob), download: `atlas-${layer}-map.png` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
