// Each layer (with the registers counted) is fetched and classified once per page; switching back
// to a layer is instant, and a failed fetch is forgotten so it can be retried. A layer drawn from
// vector tiles starts from its small summary (LayerOutline); its attributes come only when asked for.
import { api } from '../api.ts';
import { drawsFromTiles } from '../map/tile-choice.ts';
import type { LayerCollection, LayerId, LayerInfo, LayerSummary } from '../types.ts';
import { LayerData, type ViewInputs } from './layer-data.ts';
import { LayerOutline, outlineServes } from './layer-outline.ts';
import type { AtlasState } from './url.ts';

/** The first layer's request, started before the app loads: its summary (tiled, no attributes needed yet) or the layer. */
export type FirstLayer = { summary: Promise<LayerSummary> } | { collection: Promise<LayerCollection> };

export function startFirstLayer(layers: readonly LayerInfo[], s: AtlasState): FirstLayer {
  const info = layers.find((l) => l.id === s.layer);
  if (info && drawsFromTiles(info) && outlineServes(s)) return { summary: api.layerSummary(s.layer, s.registers) };
  return { collection: api.mapLayer(s.layer, s.registers) };
}

export class LayerCache {
  private readonly collections = new Map<string, Promise<LayerCollection>>();
  private readonly summaries = new Map<string, Promise<LayerSummary>>();
  private readonly data_ = new Map<string, Promise<LayerData>>();
  private readonly outlines = new Map<string, Promise<LayerOutline>>();

  constructor(
    private readonly layers: readonly LayerInfo[],
    private readonly inputs: ViewInputs,
  ) {}

  collection(layer: LayerId, registers: readonly string[] | null): Promise<LayerCollection> {
    return this.remember(this.collections, `${layer}|${registers ?? ''}`, () => api.mapLayer(layer, registers));
  }

  /** Takes a fetch started before the app (in parallel with the page's other requests and the map set-up). */
  prime(layer: LayerId, registers: readonly string[] | null, first: FirstLayer): void {
    const key = `${layer}|${registers ?? ''}`;
    if ('summary' in first) this.remember(this.summaries, key, () => first.summary);
    else this.remember(this.collections, key, () => first.collection);
  }

  /** Whether the map draws the layer from vector tiles. */
  tiled(layer: LayerId): boolean {
    const info = this.layers.find((l) => l.id === layer);
    return Boolean(info && drawsFromTiles(info));
  }

  data(layer: LayerId, registers: readonly string[] | null): Promise<LayerData> {
    const info = this.info(layer);
    if (!info) return Promise.reject(new Error(`the API lists no layer "${layer}"`));
    return this.remember(this.data_, `${layer}|${registers ?? ''}`, async () => new LayerData(await this.collection(layer, registers), info, this.inputs));
  }

  /** Whether the layer's attributes are loaded (or on their way). */
  hasData(layer: LayerId, registers: readonly string[] | null): boolean {
    return this.data_.has(`${layer}|${registers ?? ''}`);
  }

  /** A tiled layer's summary, for drawing it before its attributes are needed. */
  outline(layer: LayerId, registers: readonly string[] | null): Promise<LayerOutline> {
    const info = this.info(layer);
    if (!info) return Promise.reject(new Error(`the API lists no layer "${layer}"`));
    const key = `${layer}|${registers ?? ''}`;
    return this.remember(this.outlines, key, async () => new LayerOutline(await this.remember(this.summaries, key, () => api.layerSummary(layer, registers)), info, this.inputs));
  }

  private info(layer: LayerId): LayerInfo | undefined {
    return this.layers.find((l) => l.id === layer);
  }

  private remember<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let p = cache.get(key);
    if (!p) {
      p = make();
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  }
}
