// Reads the Census 2021 Output Areas: usual residents, population-weighted centroid and the
// ONS best-fit LSOA and parish codes. They are the building blocks of every population figure.
import { join } from 'node:path';
import { z } from 'zod';
import { readCsv } from './csv.ts';
import { COUNTY_BOUNDS } from './boundaries.ts';

export interface OutputArea {
  code: string;
  lsoa: string;
  parishBestfit: string;
  district: string;
  population: number;
  centroid: [number, number];
}

const gss = z.string().regex(/^E\d{8}$/, 'expected a GSS code');
const oaSchema = z.object({
  OA21CD: gss,
  LSOA21CD: gss,
  PARNCP22CD_BESTFIT: gss,
  LAD22CD: gss,
  usual_residents_2021: z.coerce.number().int().nonnegative(),
  pwc_lon: z.coerce.number().min(COUNTY_BOUNDS.minLon).max(COUNTY_BOUNDS.maxLon),
  pwc_lat: z.coerce.number().min(COUNTY_BOUNDS.minLat).max(COUNTY_BOUNDS.maxLat),
});

export function readOutputAreas(geodataDir: string, file: string): OutputArea[] {
  return readCsv(join(geodataDir, file), oaSchema, file).map(({ value: r }) => ({
    code: r.OA21CD,
    lsoa: r.LSOA21CD,
    parishBestfit: r.PARNCP22CD_BESTFIT,
    district: r.LAD22CD,
    population: r.usual_residents_2021,
    centroid: [r.pwc_lon, r.pwc_lat],
  }));
}
