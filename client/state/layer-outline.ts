// A layer drawn from vector tiles before (or without) its areas' attributes: the server's summary
// (legend counts of the views the tiles carry, each district's extent and label point, the registers
// counted) is all the first map needs. The table, the filters and the views the tiles do not carry
// (service coverage, group density, CNI) load the attributes (LayerData) when first asked for.
import { legendFromCounts, type LegendModel } from '../layers/legend-model.ts';
import type { ClassifiedView } from '../layers/view-types.ts';
import { allViews, viewFor } from '../layers/views/index.ts';
import type { AreaProps, LayerCollection, LayerInfo, LayerSummary } from '../types.ts';
import { hasFilters } from './filters.ts';
import type { ViewInputs } from './layer-data.ts';
import type { AtlasState } from './url.ts';

type BBox = [number, number, number, number];
type OutlineState = Pick<AtlasState, 'layer' | 'view' | 'service' | 'filters' | 'tab'>;

/**
 * Whether a state of a tiled layer can be drawn from its tiles and summary alone: a view whose class
 * the tiles carry, no filters (they test attributes the tiles lack), and not the Table tab.
 */
export function outlineServes(s: OutlineState): boolean {
  if (s.tab === 'table' || hasFilters(s.filters)) return false;
  return Boolean(viewFor(s, { layer: s.layer, areas: [], services: [], service: s.service, densityReferences: [], registersCounted: [] }).tileClass);
}

export class LayerOutline {
  /** The views the map can colour from the tiles alone. */
  readonly views: ClassifiedView[];
  private readonly districtName: Map<string, string>;

  constructor(
    readonly summary: LayerSummary,
    readonly info: LayerInfo,
    inputs: ViewInputs,
  ) {
    // No area is needed to build the views the tiles carry (their classes are fixed, not quantiles).
    const views = allViews({ ...inputs, layer: info.id, areas: [], service: 'nw', registersCounted: summary.registers_counted });
    this.views = views.filter((v) => v.tileClass && v.key in summary.views);
    this.districtName = new Map(summary.districts.map((d) => [d.code, d.name]));
  }

  get layer() {
    return this.info.id;
  }

  /** The attributes-free stand-in for a collection: what the map's sources need (name, attribution). */
  get collection(): LayerCollection {
    const s = this.summary;
    return { type: 'FeatureCollection', features: [], name: this.info.id, title: this.info.title, attribution: s.attribution, licence: s.licence, licence_url: s.licence_url, vintage: this.info.vintage, registers_counted: s.registers_counted, number_matched: s.total, tiled: true };
  }

  /** The view for the state, or null when the tiles do not carry its class (the attributes are needed). */
  view(s: Pick<AtlasState, 'view' | 'service'>): ClassifiedView | null {
    return this.views.find((v) => v.id === s.view) ?? null;
  }

  /** Whether the state can be shown from this outline alone (see outlineServes). */
  serves(s: OutlineState): boolean {
    return outlineServes(s) && this.view(s) !== null;
  }

  /** How many areas the map colours: all, or those of one district. */
  count(district: string | null): number {
    return district ? (this.summary.districts.find((d) => d.code === district)?.areas ?? 0) : this.summary.total;
  }

  legend(view: ClassifiedView, district: string | null): LegendModel {
    const counts = district ? this.summary.districts.find((d) => d.code === district)?.views[view.key] : this.summary.views[view.key];
    return legendFromCounts(view, new Map(Object.entries(counts ?? {})), this.count(district));
  }

  /** The extent of the district's areas (of every area without one). */
  boxes(district: string | null): BBox[] {
    return this.summary.districts.filter((d) => !district || d.code === district).map((d) => d.bbox as BBox);
  }

  districtLabels(): { name: string; at: [number, number] }[] {
    return this.summary.districts.map((d) => ({ name: d.name, at: d.label as [number, number] }));
  }

  /** An area as the tooltip reads it, from the properties its vector tile carries. */
  props(tile: Record<string, unknown>): AreaProps {
    const district = String(tile.district_code ?? '');
    return { ...tile, layer: this.info.id, district_name: this.districtName.get(district) ?? district } as unknown as AreaProps;
  }
}
