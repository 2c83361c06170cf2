// The shapes the atlas store hands out: areas with their designations and services, and the
// reference tables (services, rules, Appendix One entries, sources, layers) as read from the database.
import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { DesignationForWords } from '../domain/designation-words.ts';
import type { AppendixTable, Category, Extent, ServiceId } from '../domain/vocabulary.ts';
import type { LayerId } from '../registry/layers.ts';

export interface Via {
  layer: LayerId;
  code: string;
  name: string;
  share: number | null;
}

/** A designation of an area as the store holds it: the words' fields (server/domain/designation-words.ts) and its entry. */
export interface AreaDesignationRecord extends DesignationForWords {
  entryId: number;
  via: Via[];
}

/** Provision inferred from the strategy text that reaches the area (countywide SCAT, RCC work in all other communities). */
export interface AreaProvisionRecord {
  id: string;
  label: string;
  services: ServiceId[];
  evidence: string;
  extent: Extent;
  share: number | null;
}

export interface ServiceExtent {
  extent: Extent | null;
  /** Share of residents certainly reached (union over Output Areas); null when none or only an unspecified part. */
  share: number | null;
  /** A listing ticks it, but some residents reached have no parish council. */
  withheldUnparished: boolean;
  /** share is a lower bound ("at least"): an unspecified part of other residents may be reached too. */
  shareAtLeast: boolean;
}

export interface AreaRecord {
  id: number;
  layer: LayerId;
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  geometryType: 'Polygon' | 'MultiPolygon' | 'Point';
  /** Read from the database on each use (not held in memory): parse it once per use, not per coordinate. */
  readonly geometry: Polygon | MultiPolygon | Point;
  /** The stored RFC 7946 geometry at 6 decimals, read from the database on each use. */
  readonly geometryJson: string;
  geometrySource: string | null;
  bbox: [number, number, number, number];
  label: [number, number];
  centroid: [number, number];
  population: number | null;
  /** The population group density divides by: null for a label-point parish, which holds none of its residents. */
  densityPopulation: number | null;
  /** Why a label-point parish's population is what it is; null for every other area. */
  populationNote: string | null;
  category: Category | null;
  categoryExtent: Extent | null;
  categoryShare: number | null;
  /** categoryShare is a lower bound ("at least"). */
  categoryShareAtLeast: boolean;
  designations: AreaDesignationRecord[];
  provisions: AreaProvisionRecord[];
  /** Service → 'whole' | 'part' when available, null when not. */
  services: Record<ServiceId, Extent | null>;
  serviceCover: Record<ServiceId, ServiceExtent>;
  imd: { decile: number; rank: number; score: number } | null;
  cni: { score: number; rank: number; leftBehind: boolean } | null;
}

export interface ServiceRecord {
  id: ServiceId;
  shortName: string;
  /** The service's part of flat GIS column names (geodata/services.csv gis_key), at most 6 characters. */
  gisKey: string;
  name: string;
  keyText: string;
  description: string;
}

export interface RuleRecord {
  table: AppendixTable;
  category: Category;
  rowLabel: string;
  services: ServiceId[];
}

export interface AppendixEntryRecord {
  id: number;
  table: AppendixTable;
  category: Category;
  listedAs: string;
  extent: Extent;
  layer: string | null;
  codes: string[];
  areas: string[];
  method: string;
  note: string;
}

// Sources, layers and postcodes are handed out as their tables name them (server/store/tables/).
export type { SourceRow as SourceRecord } from './tables/sources.ts';
export type { LayerRecord } from './tables/layers.ts';
export type { PostcodeRecord } from './tables/postcodes.ts';
