// The layer registry: one entry per boundary layer. It drives the build, the GeoJSON/CSV API,
// the OGC API collections and the OpenAPI document, so a layer is described exactly once.

export const LAYER_IDS = ['parishes', 'wards', 'lsoas', 'wards-2013'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export interface LayerSpec {
  id: LayerId;
  title: string;
  description: string;
  /** The singular word for one area of this layer, as officers say it. */
  areaNoun: string;
  /** Key into geodata/sources.json: the file, vintage, licence and attribution. */
  sourceId: string;
  codeField: string;
  nameField: string;
  districtField: string;
  /** How population is worked out (see server/pipeline/assemble.ts). */
  population: 'lsoa-exact' | 'parish-bestfit' | 'oa-centroid';
  /** The name Appendix One resolutions use for this layer in geodata/designations.csv, if any. */
  designationLayer?: 'parish' | 'ward-2013' | 'ward-2025';
  historical: boolean;
}

export const LAYERS: readonly LayerSpec[] = [
  {
    id: 'parishes',
    title: 'Parishes and unparished areas (2022)',
    description:
      'Civil parishes and unparished areas of the districts, with their Appendix One designations and service coverage. Small parishes with no Output Area of their own are label points only.',
    areaNoun: 'parish',
    sourceId: 'parishes',
    codeField: 'PARNCP22CD',
    nameField: 'PARNCP22NM',
    districtField: 'LAD22CD',
    population: 'parish-bestfit',
    designationLayer: 'parish',
    historical: false,
  },
  {
    id: 'wards',
    title: 'Electoral wards (2025)',
    description: 'Electoral wards, May 2025, with designations derived by overlay from the parish and 2013-ward designations.',
    areaNoun: 'ward',
    sourceId: 'wards',
    codeField: 'WD25CD',
    nameField: 'WD25NM',
    districtField: 'LAD25CD',
    population: 'oa-centroid',
    designationLayer: 'ward-2025',
    historical: false,
  },
  {
    id: 'lsoas',
    title: 'Lower layer Super Output Areas (2021)',
    description:
      'Census 2021 LSOAs with exact population, IMD 2025 decile and Community Needs Index 2023, and designations derived by overlay.',
    areaNoun: 'LSOA',
    sourceId: 'lsoas',
    codeField: 'LSOA21CD',
    nameField: 'LSOA21NM',
    districtField: 'LAD_CD',
    population: 'lsoa-exact',
    historical: false,
  },
  {
    id: 'wards-2013',
    title: 'Electoral wards (2013, historical)',
    description:
      'The 2013 wards, the geography closest to the 2008 designations; some Appendix One names (Loughborough Hastings, Melton Egerton) exist only here.',
    areaNoun: '2013 ward',
    sourceId: 'wards-2013',
    codeField: 'WD13CD',
    nameField: 'WD13NM',
    districtField: 'LAD13CD',
    population: 'oa-centroid',
    designationLayer: 'ward-2013',
    historical: true,
  },
];

export function layerById(id: string): LayerSpec | undefined {
  return LAYERS.find((l) => l.id === id);
}

export function isLayerId(id: string): id is LayerId {
  return (LAYER_IDS as readonly string[]).includes(id);
}
