// The overlay's vocabulary: Appendix One entries as resolved, the population units (Output Areas)
// they reach, the rules that decide how, and the coverage an area ends up with. Types only, and the
// confidence levels; the overlay itself is in overlay.ts.
import type { AppendixTable, Category, Extent, ServiceId } from './vocabulary.ts';

export const CONFIDENCES = ['listed', 'resolved', 'inferred'] as const;
/** listed: named in Appendix One as it is (or misspelt); resolved: by alias, merger or ward; inferred: from the strategy text. */
export type Confidence = (typeof CONFIDENCES)[number];

/** An Appendix One entry with the areas it was resolved to and the services its row ticks. */
export interface ResolvedEntry {
  id: number;
  table: AppendixTable;
  category: Category;
  extent: Extent;
  listedAs: string;
  sourceLayer: string;
  sourceCodes: readonly string[];
  method: string;
  confidence: Confidence;
  services: readonly ServiceId[];
}

/** A population unit (an Output Area, or a label-point parish standing for itself): its weight and the area holding it in each layer. */
export interface OverlayUnit {
  weight: number;
  areaIn: Readonly<Record<string, string | undefined>>;
  /** Set for a label-point parish: the unit counts only on this layer (its residents are counted next door elsewhere). */
  onlyLayer?: string;
}

/** Provision inferred from the strategy text rather than listed (geodata/provision.csv). */
export interface InferredProvision {
  id: string;
  label: string;
  services: readonly ServiceId[];
  evidence: string;
}

/** The precedence and provision rules the overlay applies; all of them come from geodata/. */
export interface OverlayRules {
  parishLayer: string;
  /** Parishes that Appendix One names on their own: a ward or unparished-area entry does not spill onto them. */
  namedParishes: ReadonlySet<string>;
  /** A ward entry still applies inside a named parish when at least this share of the ward's residents live in that parish. */
  withinParishShare: number;
  /**
   * Parish code → the area it was formed from since 2008, and (when only some of its residents lived
   * there) the areas of another layer that hold those residents: the inference reaches no one else.
   */
  successors: ReadonlyMap<string, Successor>;
  isParished(parishCode: string | undefined): boolean;
  /** Countywide provision (SCAT): every resident. */
  countywide: InferredProvision;
  /** "All other communities": parished residents no listing reaches, and the rest of a parish listed only in part. */
  otherCommunities: InferredProvision;
  /** Services that need a parish council, withheld from unparished residents. */
  parishOnly: ReadonlySet<ServiceId>;
  /** A parish council serves its whole parish: a listing's parish-council services, granted in part of a parish, reach all of it. */
  parishCouncil: InferredProvision;
}

export interface Successor {
  predecessor: string;
  within: { layer: string; codes: ReadonlySet<string> } | null;
}

export interface Via {
  layer: string;
  code: string;
  /** Share of this area's residents living in the source area and reached by the entry. */
  share: number | null;
}

export interface AreaDesignation {
  entryId: number;
  table: AppendixTable;
  category: Category;
  listedAs: string;
  /** whole only when the entry is whole and reaches every resident of this area. */
  extent: Extent;
  /** Share of the area's residents the entry reaches (for a "(part)" entry: lives in the area it names). */
  share: number;
  via: Via[];
  method: string;
  confidence: Confidence;
}

export interface AreaProvision {
  id: string;
  label: string;
  services: readonly ServiceId[];
  evidence: string;
  extent: Extent;
  /** Residents the provision certainly reaches; null when it reaches only an unspecified part (the rest of a parish). */
  share: number | null;
}

export interface ServiceCover {
  extent: Extent | null;
  /** Share of residents certainly covered (union over Output Areas); null when only an unspecified part is. */
  share: number | null;
  /** A listing grants it somewhere in the area, but the residents there have no parish council. */
  withheldUnparished: boolean;
  /** The share is a lower bound: besides the residents counted, an unspecified part of others may be reached too. */
  shareAtLeast: boolean;
}

export interface AreaCoverage {
  designations: AreaDesignation[];
  provisions: AreaProvision[];
  category: Category | null;
  categoryExtent: Extent | null;
  categoryShare: number | null;
  /** categoryShare is a lower bound (an unspecified part of other residents may be reached too). */
  categoryShareAtLeast: boolean;
  services: Record<ServiceId, ServiceCover>;
}

/** How a listing or provision reaches the residents of one unit: all of them, an unspecified some, or none. */
export type Reach = 'all' | 'some' | null;

/**
 * What reaches one unit (an Output Area), kept so that any set of units (a custom area) can be
 * aggregated later exactly as the overlay aggregates an area's units.
 */
export interface UnitReach {
  services: Record<ServiceId, Reach>;
  /** Services a listing ticks here but withholds, the unit's residents having no parish council. */
  withheld: readonly ServiceId[];
  categories: Record<Category, Reach>;
}
