// The shapes the client reads from the atlas API. Where the server states them as code, they are
// derived from it with `import type` only, so no server code ends up in the browser bundle.
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { Category, Extent, ServiceId } from '../server/domain/vocabulary.ts';
import type { LayerId } from '../server/registry/layers.ts';
import type { profileAnswer } from '../server/http/controllers/profile.ts';
import type { areaDetail, AreaBenchmarks, AreaDeprivation } from '../server/http/controllers/areas.ts';
import type { listLayers } from '../server/http/controllers/layers.ts';
import type { LayerSummary } from '../server/http/controllers/layer-summary.ts';
import type { LookupAnswer } from '../server/http/controllers/lookup.ts';
import type { clientConfig, services } from '../server/http/controllers/reference.ts';
import type { search } from '../server/http/controllers/search.ts';
import type { PostcodeResult, withReasons } from '../server/http/presenters/postcode-answer.ts';
import type { servicesAnswer } from '../server/http/presenters/services-answer.ts';

export type { Category, Extent, LayerId, ServiceId };

export type LayersResponse = ReturnType<typeof listLayers>;
/** GET /api/postcodes/{postcode}: one postcode at the finest area known, with a sentence per service. */
export type PostcodeAnswer = ReturnType<typeof withReasons>;
/** One row of POST /api/postcodes. */
export type { PostcodeResult };
/** GET /api/layers/{id}/summary: legend counts of the views the tiles carry, districts, registers counted. */
export type { LayerSummary };
export type LayerInfo = LayersResponse['layers'][number];
/** A reference figure for group density; widened from the server's literal constant, as JSON carries it. */
export interface DensityReference {
  id: string;
  value: number;
  label: string;
  source: string;
}
export type ClientConfig = Omit<ReturnType<typeof clientConfig>, 'density_references'> & { density_references: DensityReference[] };
export type ServicesResponse = ReturnType<typeof services>;
export type ServiceInfo = ServicesResponse['services'][number];
export type ServicesAnswer = ReturnType<typeof servicesAnswer>;
export type Designation = ServicesAnswer['designations'][number];
export type SearchResponse = ReturnType<typeof search>;
export type SearchResult = SearchResponse['results'][number];
export type LookupResponse = LookupAnswer;

/** Answer of /api/parishes/services: the services answer plus how the name matched. */
export type ParishServicesAnswer = ServicesAnswer & {
  matched: { query: string; by: string; listed_as: string | null };
  other_matches: { code: string; name: string; layer: LayerId; by: string; link: string }[];
};

/** Properties of one area feature in /api/layers/{id}.geojson (the server types them loosely). */
export interface AreaProps {
  code: string;
  name: string;
  layer: LayerId;
  district_code: string;
  district_name: string;
  category: Category | null;
  category_extent: Extent | null;
  /** Share of residents the category certainly reaches; null when not listed or only an unspecified part. */
  category_share?: number | null;
  designations: Designation[];
  inferred_provision?: ServicesAnswer['inferred_provision'];
  services: Record<ServiceId, boolean>;
  service_extent: Record<ServiceId, Extent | null>;
  service_share?: Record<ServiceId, number | null>;
  population: number | null;
  population_note?: string | null;
  groups: number;
  groups_per_1000: number | null;
  /** Exact Poisson 95% interval of the rate, flags for small numbers, and the district and county rates (issue 11). */
  groups_per_1000_lower?: number | null;
  groups_per_1000_upper?: number | null;
  density_flags?: ('few_groups' | 'few_residents')[];
  district_groups_per_1000?: number | null;
  county_groups_per_1000?: number | null;
  geometry_source?: string | null;
  imd_decile?: number | null;
  imd_rank?: number | null;
  cni_score?: number | null;
  cni_rank?: number | null;
  left_behind?: string | null;
}

export type AreaFeature = Feature<Geometry, AreaProps> & { id: string; bbox?: [number, number, number, number] };

/** A layer as GeoJSON with the atlas's foreign members (RFC 7946 §6.1). */
export interface LayerCollection extends FeatureCollection<Geometry, AreaProps> {
  features: AreaFeature[];
  name: LayerId;
  title: string;
  attribution: string;
  licence: string;
  licence_url: string;
  vintage: string;
  registers_counted: string[];
  /** County and district rates and the reference figures that fit the counted registers. */
  density?: { reference: { comparison: string; statement: string; references: DensityReference[] } };
  number_matched: number;
  /** Set by the client when the features carry no geometry and the map draws the layer from /api/tiles. */
  tiled?: boolean;
}

export type AreaDetail = Omit<ReturnType<typeof areaDetail>, 'properties'> & { properties: AreaProps; density?: LayerCollection['density']; deprivation?: AreaDeprivation | null; benchmarks?: AreaBenchmarks };
export type { AreaBenchmarks, AreaDeprivation };

/** A case-study group from the registers module (issue 5): a point with a one-line story. */
export interface CaseStudyProps {
  name: string;
  summary?: string | null;
  category?: string | null;
  kind?: string | null;
  source?: string | null;
  /** False for groups the register lists but does not count (e.g. folded ones), with the reason. */
  counted?: boolean;
  not_counted?: string | null;
  [key: string]: unknown;
}
export type CaseStudyCollection = FeatureCollection<Point, CaseStudyProps>;

/** POST /api/profile: your own area's figures (server/http/presenters/custom-profile.ts). */
export type CustomProfileAnswer = ReturnType<typeof profileAnswer>;
