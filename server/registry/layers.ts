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
  /** The plural, and the short name the layer menu shows. */
  areaNounPlural: string;
  menuLabel: string;
  /** From which map zoom the areas' names are drawn: small LSOAs and wards need a closer view than parishes. */
  labelMinZoom: number;
  /** Whether its areas carry IMD 2025 deciles and Community Needs Index scores (the views and filters that need them). */
  hasIndices: boolean;
  /** Whether GET /api/layers/{id}/places names the parishes and wards each area covers. */
  hasPlaces: boolean;
  /** The column name (prefix of _code and _name) a table of postcodes gives this layer's area, e.g. in the bulk postcode CSV. */
  tableColumn: string;
  /** Areas whose code starts so are not parishes but the unparished rest of a district, and are called this. */
  unparished?: { codePrefix: string; noun: string };
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
    areaNounPlural: 'parishes',
    menuLabel: 'Parishes',
    labelMinZoom: 10,
    hasIndices: false,
    hasPlaces: false,
    tableColumn: 'parish',
    unparished: { codePrefix: 'E43', noun: 'unparished area' },
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
    areaNounPlural: 'wards',
    menuLabel: 'Wards (2025)',
    labelMinZoom: 10.5,
    hasIndices: false,
    hasPlaces: false,
    tableColumn: 'ward_2025',
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
    areaNounPlural: 'LSOAs',
    menuLabel: 'LSOAs (2021)',
    labelMinZoom: 12,
    hasIndices: true,
    hasPlaces: true,
    tableColumn: 'lsoa',
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
    areaNounPlural: '2013 wards',
    menuLabel: 'Wards (2013, historical)',
    labelMinZoom: 10.5,
    hasIndices: false,
    hasPlaces: false,
    tableColumn: 'ward_2013',
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

/**
 * What the web client reads about a layer in GET /api/layers besides its title and fields: its words,
 * label zoom and capabilities, so the client names and treats layers without a list of its own.
 */
export function clientFacts(spec: LayerSpec) {
  return {
    words: { label: spec.menuLabel, one: spec.areaNoun, many: spec.areaNounPlural },
    label_min_zoom: spec.labelMinZoom,
    table_column: spec.tableColumn,
    capabilities: { indices: spec.hasIndices, places: spec.hasPlaces },
    unparished: spec.unparished ? { code_prefix: spec.unparished.codePrefix, noun: spec.unparished.noun } : null,
  };
}

/** "parishes, wards, lsoas or wards-2013": the layer ids as a sentence names them. */
export const LAYER_ID_LIST = `${LAYER_IDS.slice(0, -1).join(', ')} or ${LAYER_IDS[LAYER_IDS.length - 1]}`;

export function isLayerId(id: string): id is LayerId {
  return (LAYER_IDS as readonly string[]).includes(id);
}

/** The layer that carries IMD 2025 and CNI values (its areas are what deprivation is measured on). */
export const INDICES_LAYER: LayerId = LAYERS.find((l) => l.hasIndices)!.id;

/** The layer whose areas are read as places (the parishes and wards they cover). */
export const PLACES_LAYER: LayerId = LAYERS.find((l) => l.hasPlaces)!.id;

/** The layer whose Output Areas ONS best fit assigns (an Output Area's centroid may lie outside its generalised outline). */
export const BEST_FIT_LAYER: LayerId = LAYERS.find((l) => l.population === 'parish-bestfit')!.id;

/** Whether the area is the unparished rest of a district rather than one of its layer's areas (by its code). */
export function isUnparished(layer: string, code: string): boolean {
  const rule = layerById(layer)?.unparished;
  return rule !== undefined && code.startsWith(rule.codePrefix);
}

/** What to call an area of a layer: its layer's noun, or the unparished-area noun its code calls for. */
export function areaNounOf(layer: string, code: string): string {
  const spec = layerById(layer);
  if (!spec) return 'area';
  return isUnparished(layer, code) ? spec.unparished!.noun : spec.areaNoun;
}
