// The CSV form of a layer: the flat columns of the GeoJSON without geometry, with the centroid,
// and the attribution on every row so it travels with any extract.
import type { DensityContext } from '../../analysis/density-context.ts';
import type { AreaRecord } from '../../store/records.ts';
import { areaProperties } from './area-feature.ts';
import type { FlatColumn } from './flat-properties.ts';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'; // what R's read.csv, Excel and LibreOffice read as logical
  const s = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; prefix it so it stays text.
  // Only a whole plain number is exempt: "-1+cmd|' /C calc'!A0" starts with a digit too.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** A UTF-8 byte order mark: Excel and LibreOffice then read "©" and other non-ASCII text as UTF-8, not Latin-1. */
export const UTF8_BOM = '\uFEFF';

/**
 * The CSV of a layer: the layer's flat columns (the same names and values as the flat GeoJSON and the
 * OGC items), then the centroid and the attribution; booleans as TRUE/FALSE and numbers unquoted, so
 * spreadsheets and R's read.csv type them, and a byte order mark first.
 */
export function areasCsv(areas: readonly AreaRecord[], columns: readonly FlatColumn[], counts: ReadonlyMap<string, number>, attribution: string, density: DensityContext | null = null): string {
  const cells = columns.filter((c) => c.from !== 'geometry');
  let out = UTF8_BOM + csvLine([...cells.map((c) => c.name), 'centroid_lon', 'centroid_lat', 'attribution']);
  for (const a of areas) {
    const props = areaProperties(a, counts.get(a.code) ?? 0, density);
    out += csvLine([...cells.map((c) => c.get(props, null)), a.centroid[0], a.centroid[1], attribution]);
  }
  return out;
}
