// What every map view provides: its classes (colour, hatching, legend text) and a classifier that
// puts each area in exactly one class. Map paint, legend counts and the table all use the same
// classifier, which is what keeps the legend true to the map.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { AreaProps, DensityReference, LayerId, ServiceId, ServiceInfo } from '../types.ts';
import type { ViewId } from '../state/ids.ts';

export interface ClassDef {
  id: string;
  label: string;
  /** Fill colour; for hatched classes, the stripe colour over a light tint of it. */
  colour: string;
  /** Drawn with diagonal stripes: designations covering only part of an area, or no data. */
  hatched?: boolean;
  /** Numeric range [from, to) for classed values, shown on the legend scale. */
  range?: [number, number];
  /** Left out of the legend when no area falls in it (e.g. "no data" on layers with full data). */
  optional?: boolean;
}

export interface ScaleMark {
  value: number;
  label: string;
}

export interface ClassifiedView {
  id: ViewId;
  /** Property key on map features holding each area's class id for this view. */
  key: string;
  title: string;
  /** A short column heading for the table, e.g. "NW coverage". */
  columnTitle: string;
  /** One sentence saying what the colours mean, for the legend and screen readers. */
  description: string;
  classes: ClassDef[];
  classify(p: AreaProps): string;
  /**
   * The class id as a style expression over the vector tiles' own properties, for views whose class
   * the tiles carry (client/layers/tile-classes.ts); without it a tiled map joins class ids by code.
   */
  tileClass?: ExpressionSpecification;
  /** The area's value in words, e.g. "IMD decile 2" or "0.45 groups per 1,000"; null when none. */
  valueText(p: AreaProps): string | null;
  /** A sortable number for the table, or null. */
  valueNumber(p: AreaProps): number | null;
  notes: string[];
  /** Reference marks on a number line (group density). */
  scale?: { max: number; marks: ScaleMark[] };
}

/** What views may depend on: the layer's data, the service key and the registers counted. */
export interface ViewContext {
  layer: LayerId;
  areas: readonly AreaProps[];
  services: readonly ServiceInfo[];
  service: ServiceId;
  densityReferences: readonly DensityReference[];
  /** What the counted registers may be compared with, in words (from the layer's density frame). */
  densityStatement?: string;
  registersCounted: readonly string[];
}
