// The CSV form of a layer: the same rows as the GeoJSON without geometry, with the centroid,
// one column per service, and the attribution on every row so it travels with any extract.
import { areaDensity, type DensityContext } from '../../analysis/density-context.ts';
import { SERVICE_IDS } from '../../domain/vocabulary.ts';
import type { LayerId } from '../../layers.ts';
import type { AreaRecord } from '../../store/records.ts';
import { csvLine } from '../../domain/csv-text.ts';

export { csvCell, csvLine } from '../../domain/csv-text.ts';

const DENSITY_COLUMNS = ['groups_per_1000', 'groups_per_1000_lower', 'groups_per_1000_upper', 'density_flags', 'district_groups_per_1000', 'county_groups_per_1000'] as const;
const densityCells = (d: ReturnType<typeof areaDensity>) => DENSITY_COLUMNS.map((c) => (c === 'density_flags' ? d.density_flags.join(';') : d[c]));

export function areasCsv(layer: LayerId, areas: readonly AreaRecord[], counts: ReadonlyMap<string, number>, attribution: string, density: DensityContext | null = null): string {
  const lsoa = layer === 'lsoas';
  const header = [
    'code', 'name', 'layer', 'district_code', 'district_name', 'category', 'category_extent', 'category_share', 'designations', 'inferred_provision',
    ...SERVICE_IDS.flatMap((s) => [s, `${s}_extent`, `${s}_share`]),
    'population', 'groups', ...DENSITY_COLUMNS,
    ...(lsoa ? ['imd_decile', 'imd_rank', 'cni_score', 'cni_rank', 'left_behind'] : []),
    'centroid_lon', 'centroid_lat', 'attribution',
  ];
  let out = csvLine(header);
  for (const a of areas) {
    const groups = counts.get(a.code) ?? 0;
    out += csvLine([
      a.code, a.name, a.layer, a.districtCode, a.districtName, a.category, a.categoryExtent, a.categoryShare,
      a.designations.map((d) => `${d.listedAs} [${d.table} table, ${d.category}, ${d.extent}, ${d.confidence}${d.lowerConfidence ? ' (lower confidence)' : ''}]`).join('; '),
      a.provisions.map((p) => `${p.label} [inferred from the strategy text, ${p.extent}]`).join('; '),
      ...SERVICE_IDS.flatMap((s) => [a.services[s] !== null, a.services[s], a.serviceCover[s].share]),
      a.population, groups, ...densityCells(areaDensity(a, groups, density)),
      ...(lsoa ? [a.imd?.decile, a.imd?.rank, a.cni?.score, a.cni?.rank, a.cni ? (a.cni.leftBehind ? 'yes' : 'no') : null] : []),
      a.centroid[0], a.centroid[1], attribution,
    ]);
  }
  return out;
}
