// Reads the Census 2021 Output Areas: usual residents, population-weighted centroid and the
// ONS best-fit LSOA and parish codes. They are the building blocks of every population figure.
import { join } from 'node:path';
import { z } from 'zod';
import { readCsv } from '../formats/csv.ts';
import { BuildError } from '../formats/build-error.ts';
import type { BBox } from '../geo/geometry.ts';

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
  pwc_lon: z.coerce.number().min(-180).max(180),
  pwc_lat: z.coerce.number().min(-90).max(90),
});

/** A centroid this far (degrees) outside the boundaries' box is a wrong file or swapped columns, not a sliver gap. */
const BOUNDS_MARGIN = 0.05;

/** Reads the Output Areas; every population-weighted centroid must lie within `bounds` (derived from the boundaries). */
export function readOutputAreas(geodataDir: string, file: string, bounds: BBox): OutputArea[] {
  const [minLon, minLat, maxLon, maxLat] = bounds;
  return readCsv(join(geodataDir, file), oaSchema, file).map(({ line, value: r }) => {
    if (r.pwc_lon < minLon - BOUNDS_MARGIN || r.pwc_lon > maxLon + BOUNDS_MARGIN || r.pwc_lat < minLat - BOUNDS_MARGIN || r.pwc_lat > maxLat + BOUNDS_MARGIN)
      throw new BuildError(file, `line ${line} (${r.OA21CD})`, `centroid [${r.pwc_lon}, ${r.pwc_lat}] lies outside the boundaries [${bounds.join(', ')}]`);
    return toOutputArea(r);
  });
}

function toOutputArea(r: z.output<typeof oaSchema>): OutputArea {
  return {
    code: r.OA21CD,
    lsoa: r.LSOA21CD,
    parishBestfit: r.PARNCP22CD_BESTFIT,
    district: r.LAD22CD,
    population: r.usual_residents_2021,
    centroid: [r.pwc_lon, r.pwc_lat],
  };
}
