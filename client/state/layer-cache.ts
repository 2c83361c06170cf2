// Each layer (with the registers counted) is fetched and classified once per page; switching back
// to a layer is instant, and a failed fetch is forgotten so it can be retried.
import { api } from '../api.ts';
import type { LayerCollection, LayerId, LayerInfo } from '../types.ts';
import { LayerData, type ViewInputs } from './layer-data.ts';

export class LayerCache {
  private readonly collections = new Map<string, Promise<LayerCollection>>();
  private readonly data_ = new Map<string, Promise<LayerData>>();

  constructor(
    private readonly layers: readonly LayerInfo[],
    private readonly inputs: ViewInputs,
  ) {}

  collection(layer: LayerId, registers: readonly string[] | null): Promise<LayerCollection> {
    return this.remember(this.collections, `${layer}|${registers ?? ''}`, () => api.mapLayer(layer, registers));
  }

  /** Takes a fetch started before the app (in parallel with the page's other requests and the map set-up). */
  prime(layer: LayerId, registers: readonly string[] | null, fetching: Promise<LayerCollection>): void {
    this.remember(this.collections, `${layer}|${registers ?? ''}`, () => fetching);
  }

  data(layer: LayerId, registers: readonly string[] | null): Promise<LayerData> {
    const info = this.layers.find((l) => l.id === layer);
    if (!info) return Promise.reject(new Error(`the API lists no layer "${layer}"`));
    return this.remember(this.data_, `${layer}|${registers ?? ''}`, async () => new LayerData(await this.collection(layer, registers), info, this.inputs));
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
