// The file name a layer download is saved under: the layer, plus the districts (by name) and every
// filter applied, so a Harborough extract or an "IMD 1–3, no NW" extract is never saved over (or
// mistaken for) the whole-county file.
import type { LayerId } from '../registry/layers.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { filterSuffix } from './controllers/area-params.ts';

export function downloadName(
  store: Pick<AtlasStore, 'districts'>,
  layer: LayerId,
  q: Parameters<typeof filterSuffix>[0],
  extension: string,
): string {
  const district = q.district?.map((code) => store.districts.find((d) => d.code === code)?.name ?? code);
  return `${layer}${filterSuffix({ ...q, district })}.${extension}`;
}
