// One loaded layer: its features indexed by code, and every view's classes built once, so the map,
// legend, table and tooltips all read the same classification.
import { allViews } from '../layers/views/index.ts';
import type { ClassifiedView, ViewContext } from '../layers/view-types.ts';
import type { AreaFeature, AreaProps, LayerCollection, LayerInfo } from '../types.ts';
import type { AtlasState } from './url.ts';

export type ViewInputs = Pick<ViewContext, 'services' | 'densityReferences'>;

export class LayerData {
  readonly areas: AreaProps[];
  readonly byCode: Map<string, AreaFeature>;
  readonly views: ClassifiedView[];

  constructor(
    readonly collection: LayerCollection,
    readonly info: LayerInfo,
    inputs: ViewInputs,
  ) {
    this.areas = collection.features.map((f) => f.properties);
    this.byCode = new Map(collection.features.map((f) => [f.properties.code, f]));
    // Only the reference figures that fit the counted registers become marks on the key (issue 11).
    const reference = collection.density?.reference;
    const density = reference ? { densityReferences: reference.references, densityStatement: reference.statement } : {};
    this.views = allViews({ ...inputs, ...density, layer: info.id, areas: this.areas, service: 'nw', registersCounted: collection.registers_counted });
  }

  get layer() {
    return this.info.id;
  }

  view(s: Pick<AtlasState, 'view' | 'service'>): ClassifiedView {
    const wanted = s.view === 'service' ? `c_service_${s.service}` : null;
    return this.views.find((v) => v.id === s.view && (!wanted || v.key === wanted)) ?? this.views[0];
  }

  /** The areas the map colours: all, or those of one district. */
  shown(district: string | null): AreaProps[] {
    return district ? this.areas.filter((a) => a.district_code === district) : this.areas;
  }

  /** Where to write each district's name (the mean of its areas' bounding-box centres), districts with more areas first. */
  districtLabels(): { name: string; at: [number, number] }[] {
    const sums = new Map<string, { name: string; x: number; y: number; n: number }>();
    for (const f of this.collection.features) {
      if (!f.bbox) continue;
      const s = sums.get(f.properties.district_code) ?? { name: f.properties.district_name, x: 0, y: 0, n: 0 };
      s.x += (f.bbox[0] + f.bbox[2]) / 2;
      s.y += (f.bbox[1] + f.bbox[3]) / 2;
      s.n++;
      sums.set(f.properties.district_code, s);
    }
    return [...sums.values()].sort((a, b) => b.n - a.n).map((s) => ({ name: s.name, at: [s.x / s.n, s.y / s.n] }));
  }
}
