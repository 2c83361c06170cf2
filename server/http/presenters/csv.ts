// The CSV form of a layer: the flat columns of the GeoJSON without geometry, with the centroid,
// and the attribution on every row so it travels with any extract.
import type { DensityContext } from '../../analysis/density-context.ts';
import type { AreaRecord } from '../../store/records.ts';
import { areaProperties } from './area-feature.ts';
import type { FlatColumn } from './flat-properties.ts';
import { csvLine, UTF8_BOM } from '../../domain/csv-text.ts';

export { csvCell, csvLine, UTF8_BOM } from '../../domain/csv-text.ts';

/**
 * The CSV of a layer: the layer's flat columns (the same names and values as the flat GeoJSON and the
 * OGC items), then the centroid and the attribution; booleans as TRUE/FALSE and numbers unquoted, so
 * spreadsheets and R's read.csv type them, and a byte order mark first.
 */
export function areasCsv(
  areas: readonly AreaRecord[],
  columns: readonly FlatColumn[],
  counts: ReadonlyMap<string, number>,
  attribution: string,
  density: DensityContext | null = null,
  places: ReadonlyMap<string, string> | null = null,
): string {
  const cells = columns.filter((c) => c.from !== 'geometry');
  // For LSOAs, the places each covers in words ("Shepshed; Shepshed East ward"), so a spreadsheet reads as places, not only "Charnwood 005C".
  let out = UTF8_BOM + csvLine([...cells.map((c) => c.name), ...(places ? ['places'] : []), 'centroid_lon', 'centroid_lat', 'attribution']);
  for (const a of areas) {
    const props = areaProperties(a, counts.get(a.code) ?? 0, density);
    out += csvLine([...cells.map((c) => c.get(props, null)), ...(places ? [places.get(a.code) ?? ''] : []), a.centroid[0], a.centroid[1], attribution]);
  }
  return out;
}
