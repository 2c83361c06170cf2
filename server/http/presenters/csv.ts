// The CSV form of a layer: the same rows as the GeoJSON without geometry, with the centroid,
// one column per service, and the attribution on every row so it travels with any extract.
import { areaDensity, type DensityContext } from '../../analysis/density-context.ts';
import { SERVICE_IDS } from '../../domain/vocabulary.ts';
import type { LayerId } from '../../layers.ts';
import type { AreaRecord } from '../../store/records.ts';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; prefix it so it stays text.
  // Only a whole plain number is exempt: "-1+cmd|' /C calc'!A0" starts with a digit too.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

const DENSITY_COLUMNS = ['groups_per_1000', 'groups_per_1000_lower', 'groups_per_1000_upper', 'density_flags', 'district_groups_per_1000', 'county_groups_per_1000'] as const;
const densityCells = (d: ReturnType<typeof areaDensity>) => DENSITY_COLUMNS.map((c) => (c === 'density_flags' ? d.density_flags.join(';') : d[c]));

/**
 * @param places - for LSOAs, the places each covers in words ("Shepshed; Shepshed East ward"), so a
 *   spreadsheet reads as places rather than only "Charnwood 005C".
 */
export function areasCsv(layer: LayerId, areas: readonly AreaRecord[], counts: ReadonlyMap<string, number>, attribution: string, density: DensityContext | null = null, places: ReadonlyMap<string, string> | null = null): string {
  const lsoa = layer === 'lsoas';
  const header = [
    'code', 'name', ...(places ? ['places'] : []), 'layer', 'district_code', 'district_name', 'category', 'category_extent', 'category_share', 'designations', 'inferred_provision',
    ...SERVICE_IDS.flatMap((s) => [s, `${s}_extent`, `${s}_share`]),
    'population', 'groups', ...DENSITY_COLUMNS,
    ...(lsoa ? ['imd_decile', 'imd_rank', 'cni_score', 'cni_rank', 'left_behind'] : []),
    'centroid_lon', 'centroid_lat', 'attribution',
  ];
  let out = csvLine(header);
  for (const a of areas) {
    const groups = counts.get(a.code) ?? 0;
    out += csvLine([
      a.code, a.name, ...(places ? [places.get(a.code) ?? ''] : []), a.layer, a.districtCode, a.districtName, a.category, a.categoryExtent, a.categoryShare,
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
