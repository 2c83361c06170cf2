// Turns a validated row into a placed group, or says why it cannot be placed. A row may give
// coordinates, a postcode or an area code; when it gives several, the most precise wins
// (coordinates, then postcode, then area code).
import { displayPostcode, postcodeKey } from '../domain/names.ts';
import type { GroupInput, Rejection, ValidRow } from './group-input.ts';

/** What placing needs from the atlas: postcode centroids, the area codes, and the county outline. */
export interface Gazetteer {
  /** The GSS code of the whole area (geodata/area.json): groups given it work area-wide and are listed but not counted. */
  countyCode: string;
  /** Said when a postcode lies outside, e.g. "Leicester City and Rutland are not covered". */
  notCovered: string;
  postcode(key: string): { lon: number; lat: number } | undefined;
  hasArea(code: string): boolean;
  inCounty(lon: number, lat: number): boolean;
}

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function placeGroup(row: ValidRow, line: number, gazetteer: Gazetteer): GroupInput | Rejection {
  const reject = (field: string | null, kind: Rejection['kind'], reason: string): Rejection => ({ line, field, kind, reason });
  // Written out rather than spread: object spread is several times slower and imports run to 100,000 rows.
  const group = (locatedBy: GroupInput['locatedBy'], postcode: string | null, areaCode: string | null, lon: number | null, lat: number | null): GroupInput => ({
    line, name: row.name, category: row.category, locatedBy, postcode, areaCode, lon, lat,
    source: row.source || null, url: row.url || null, summary: row.summary || null,
  });

  if (row.lon !== '' || row.lat !== '') {
    if (row.lon === '') return reject('lon', 'empty_field', 'lat is given but lon is empty');
    if (row.lat === '') return reject('lat', 'empty_field', 'lon is given but lat is empty');
    const lon = Number(row.lon);
    const lat = Number(row.lat);
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) return reject('lon', 'invalid_value', `lon "${row.lon}" is not a longitude in decimal degrees`);
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) return reject('lat', 'invalid_value', `lat "${row.lat}" is not a latitude in decimal degrees`);
    if (!gazetteer.inCounty(lon, lat)) {
      const swapped = Math.abs(lat) <= 180 && Math.abs(lon) <= 90 && gazetteer.inCounty(lat, lon) ? ' (lon and lat look swapped)' : '';
      return reject('lon', 'outside_county', `coordinates ${lon}, ${lat} are outside the county${swapped}`);
    }
    return group('coordinates', null, null, round6(lon), round6(lat));
  }

  if (row.postcode !== '') {
    const key = postcodeKey(row.postcode);
    if (!POSTCODE.test(key)) return reject('postcode', 'unknown_postcode', `"${row.postcode}" is not a UK postcode`);
    const found = gazetteer.postcode(key);
    if (!found) return reject('postcode', 'unknown_postcode', `unknown postcode "${displayPostcode(key)}"`);
    if (!gazetteer.inCounty(found.lon, found.lat))
      return reject('postcode', 'outside_county', `postcode ${displayPostcode(key)} is outside the county${gazetteer.notCovered ? ` (${gazetteer.notCovered})` : ''}`);
    return group('postcode', displayPostcode(key), null, found.lon, found.lat);
  }

  if (row.area_code !== '') {
    const code = row.area_code.toUpperCase();
    if (code === gazetteer.countyCode) return group('county', null, code, null, null);
    if (!gazetteer.hasArea(code)) return reject('area_code', 'unknown_area_code', `unknown area code "${row.area_code}"; expected a parish, ward, LSOA or 2013 ward code of the county, or ${gazetteer.countyCode} for county-wide`);
    return group('area_code', null, code, null, null);
  }

  return reject(null, 'no_location', 'no location: give a postcode, lon and lat, or area_code');
}
