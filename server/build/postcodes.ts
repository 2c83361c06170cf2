// Reads the shared postcode centroids (ONS NSPL extract) for postcode look-up and geocoding.
import { join } from 'node:path';
import { z } from 'zod';
import { displayPostcode, postcodeKey } from '../domain/names.ts';
import { readCsv } from './csv.ts';

export interface PostcodeRow {
  key: string;
  postcode: string;
  lon: number;
  lat: number;
}

const postcodeSchema = z.object({
  postcode: z.string().regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/, 'expected a UK postcode'),
  lat: z.coerce.number().min(49).max(61),
  lon: z.coerce.number().min(-9).max(2),
});

/** Keyed by the space-free upper-case form; the first row wins if the file repeats a postcode. */
export function readPostcodes(geodataDir: string, file: string): PostcodeRow[] {
  const byKey = new Map<string, PostcodeRow>();
  for (const { value } of readCsv(join(geodataDir, file), postcodeSchema, file)) {
    const key = postcodeKey(value.postcode);
    if (!byKey.has(key)) byKey.set(key, { key, postcode: displayPostcode(value.postcode), lon: value.lon, lat: value.lat });
  }
  return [...byKey.values()];
}
