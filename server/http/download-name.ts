// The file name a layer download is saved under: the layer, plus the districts when filtered, so a
// Harborough extract is never saved over (or mistaken for) the whole-county file.
import type { LayerId } from '../layers.ts';
import type { AtlasStore } from '../store/atlas-store.ts';

export function downloadName(store: Pick<AtlasStore, 'districts'>, layer: LayerId, districts: readonly string[] | undefined, extension: string): string {
  const names = (districts ?? []).map((code) => store.districts.find((d) => d.code === code)?.name ?? code);
  const slug = names.map((n) => n.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')).join('_');
  return `${layer}${slug ? `-${slug}` : ''}.${extension}`;
}
