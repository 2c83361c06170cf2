// The properties every area feature carries, described once: /api/layers lists them, `properties=`
// is checked against them, the CSV export and the OGC queryables follow them.
import { INDICES_LAYER, LAYER_ID_LIST } from '../../registry/layers.ts';
import type { LayerId } from '../../registry/layers.ts';

export interface AreaField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'object' | 'array';
  description: string;
  /** Only these layers carry the field; all layers when absent. */
  layers?: LayerId[];
}

export const AREA_FIELDS: readonly AreaField[] = [
  { name: 'code', type: 'string', description: 'ONS GSS code; also the feature id' },
  { name: 'name', type: 'string', description: 'Area name as ONS publishes it' },
  { name: 'layer', type: 'string', description: `Layer id: ${LAYER_ID_LIST}` },
  { name: 'district_code', type: 'string', description: 'Local authority district code (E07…)' },
  { name: 'district_name', type: 'string', description: 'Local authority district name' },
  { name: 'category', type: 'string', description: 'Highest Appendix One category of the area: laa_target, social_capital, general, or null when not listed' },
  { name: 'category_extent', type: 'string', description: 'whole when the designations of that category together reach every resident (union over Output Areas), part otherwise; null when not listed' },
  { name: 'category_share', type: 'number', description: 'Share (0–1) of residents the category certainly reaches, as the union of its designations over Output Areas; null when not listed or when Appendix One names only an unspecified part' },
  { name: 'designations', type: 'array', description: 'Appendix One entries that apply: category, extent, listed_as (verbatim), table, method, confidence (listed, resolved or inferred; lower_confidence when so marked), share of residents reached, and via (the source areas)' },
  { name: 'inferred_provision', type: 'array', description: 'Services inferred from the strategy text rather than listed (confidence inferred): countywide SCAT and Rural Community Council work in all other communities, with extent and share' },
  { name: 'services', type: 'object', description: 'For each of the seven services (nw, rcc_cdo, neigh_man, pc, faith, local_voice, scat): true when a designation or inferred provision grants it' },
  { name: 'service_extent', type: 'object', description: 'For each service: whole (every resident reached), part, or null when not available' },
  { name: 'service_share', type: 'object', description: 'For each service: share (0–1) of residents certainly reached, the union over Output Areas; null when none or only an unspecified part' },
  { name: 'population', type: 'integer', description: 'Census 2021 usual residents (best-fit for parishes; see population_note for label-point parishes)' },
  { name: 'population_note', type: 'string', description: 'For a label-point parish: why it has no population or density of its own; null otherwise', layers: ['parishes'] },
  { name: 'groups', type: 'integer', description: 'Community groups from the counted registers located in the area' },
  { name: 'groups_per_1000', type: 'number', description: 'groups ÷ population × 1,000; null when the population is unknown or zero, and for label-point parishes' },
  { name: 'groups_per_1000_lower', type: 'number', description: 'Lower limit of the exact (Garwood) Poisson 95% interval of groups_per_1000; null with it' },
  { name: 'groups_per_1000_upper', type: 'number', description: 'Upper limit of the exact Poisson 95% interval of groups_per_1000; null with it' },
  { name: 'density_flags', type: 'array', description: 'Why the rate needs care: few_groups (fewer than 10 groups) and few_residents (fewer than 1,000 residents); empty otherwise' },
  { name: 'district_groups_per_1000', type: 'number', description: 'The same rate for the whole district (its groups ÷ its residents in this layer), for comparison' },
  { name: 'county_groups_per_1000', type: 'number', description: 'The same rate for the whole county in this layer, for comparison' },
  { name: 'geometry_source', type: 'string', description: 'How the parish geometry was made: oa2011-dissolve or ons-2020-label-point', layers: ['parishes'] },
  { name: 'imd_decile', type: 'integer', description: 'English IMD 2025 decile, 1 = most deprived 10% nationally', layers: [INDICES_LAYER] },
  { name: 'imd_rank', type: 'integer', description: 'English IMD 2025 rank (1 = most deprived of 33,755)', layers: [INDICES_LAYER] },
  { name: 'cni_score', type: 'number', description: 'Community Needs Index 2023 score (higher = greater need), © OCSI and Local Trust', layers: [INDICES_LAYER] },
  { name: 'cni_rank', type: 'integer', description: 'Community Needs Index 2023 rank (1 = greatest need)', layers: [INDICES_LAYER] },
  { name: 'left_behind', type: 'string', description: 'Whether OCSI / Local Trust class the LSOA as a "left behind" area', layers: [INDICES_LAYER] },
];

export function fieldsFor(layer: LayerId): AreaField[] {
  return AREA_FIELDS.filter((f) => !f.layers || f.layers.includes(layer));
}

export const FIELD_NAMES = AREA_FIELDS.map((f) => f.name);
