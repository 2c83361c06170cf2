// Reads the shared postcode centroids (ONS NSPL extract) for postcode look-up and geocoding. The file is
// streamed row by row into the database (2 million rows at England size), never held whole in memory.
import { join } from 'node:path';
import { z } from 'zod';
import { displayPostcode, postcodeKey } from '../domain/names.ts';
import { streamCsv } from '../formats/csv.ts';

export interface PostcodeRow {
  key: string;
  postcode: string;
  lon: number;
  lat: number;
}

/** Hands each row to the writer; the writer keeps the first row when the file repeats a postcode. */
export type PostcodeSource = (each: (row: PostcodeRow) => void) => void;

const postcodeSchema = z.object({
  postcode: z.string().regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/, 'expected a UK postcode'),
  lat: z.coerce.number().min(49).max(61),
  lon: z.coerce.number().min(-9).max(2),
});

/** Every valid row of the file, keyed by the space-free upper-case form, in file order. */
export function postcodeSource(geodataDir: string, file: string): PostcodeSource {
  return (each) =>
    streamCsv(join(geodataDir, file), postcodeSchema, file, ({ value }) =>
      each({ key: postcodeKey(value.postcode), postcode: displayPostcode(value.postcode), lon: value.lon, lat: value.lat }),
    );
}
