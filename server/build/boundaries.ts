// Reads one boundary layer from GEODATA_DIR, validates it (geojson-validation for structure, zod for
// properties, ranges and counts) and returns its areas cleaned for serving.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import GJV from 'geojson-validation';
import { z } from 'zod';
import type { LayerSpec } from '../layers.ts';
import type { District } from './curated.ts';
import { BuildError, describeIssue } from './errors.ts';
import { bboxOf, centroid, labelPoint, normaliseGeometry, type AreaGeometry, type BBox } from './geometry.ts';

export interface BoundaryArea {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  geometry: AreaGeometry;
  bbox: BBox;
  label: [number, number];
  centroid: [number, number];
  /** Only the parish file says how each geometry was made (OA dissolve or ONS label point). */
  geometrySource: string | null;
  /** Only the parish file carries a published (best-fit) population. */
  bestfitPopulation: number | null;
}

/** Leicestershire lies around 1.6°W–0.6°W, 52.4°N–53.0°N; anything far outside is a projection mistake. */
export const COUNTY_BOUNDS = { minLon: -2.2, maxLon: -0.3, minLat: 52.2, maxLat: 53.2 } as const;

const collectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()).min(1),
});

function propertiesSchema(spec: LayerSpec) {
  return z.object({
    [spec.codeField]: z.string().regex(/^E\d{8}$/, 'expected a GSS code'),
    [spec.nameField]: z.string().trim().min(1),
    [spec.districtField]: z.string().regex(/^E0[67]\d{6}$/, 'expected a district (LAD) code'),
    ...(spec.population === 'parish-bestfit'
      ? {
          usual_residents_2021_bestfit: z.number().int().nonnegative().nullable(),
          geometry_source: z.enum(['oa2011-dissolve', 'ons-2020-label-point']),
        }
      : {}),
  });
}

function checkPositions(geometry: AreaGeometry, fail: (problem: string) => never) {
  const positions: number[][] =
    geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
  for (const [lon, lat] of positions) {
    if (!(lon >= COUNTY_BOUNDS.minLon && lon <= COUNTY_BOUNDS.maxLon && lat >= COUNTY_BOUNDS.minLat && lat <= COUNTY_BOUNDS.maxLat))
      fail(`coordinate [${lon}, ${lat}] is not WGS84 longitude/latitude in Leicestershire`);
  }
}

export function readBoundaryLayer(spec: LayerSpec, geodataDir: string, file: string, districts: District[]): BoundaryArea[] {
  const label = file;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(geodataDir, file), 'utf8'));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BuildError(label, null, missing ? 'file is missing' : `not valid JSON (${(err as Error).message})`);
  }
  const top = collectionSchema.safeParse(json);
  if (!top.success) throw new BuildError(label, null, `not a GeoJSON FeatureCollection: ${describeIssue(top.error.issues[0])}`);
  const crs = (json as { crs?: { properties?: { name?: string } } }).crs;
  if (crs && !/CRS84$/.test(crs.properties?.name ?? '')) throw new BuildError(label, null, `crs ${crs.properties?.name} is not WGS84 lon/lat (CRS84)`);

  const districtNames = new Map(districts.map((d) => [d.code, d.name]));
  const props = propertiesSchema(spec);
  const seen = new Set<string>();
  const areas = top.data.features.map((feature, index) => {
    const raw = feature as { properties?: Record<string, unknown>; geometry?: AreaGeometry };
    const hint = typeof raw?.properties?.[spec.codeField] === 'string' ? ` (${raw.properties[spec.codeField]})` : '';
    const fail = (problem: string): never => {
      throw new BuildError(label, `feature ${index}${hint}`, problem);
    };
    const structural = GJV.isFeature(feature, true);
    if (Array.isArray(structural) && structural.length > 0) fail(`invalid GeoJSON: ${structural[0]}`);
    const parsed = props.safeParse(raw.properties ?? {});
    if (!parsed.success) fail(describeIssue(parsed.error.issues[0]));
    const p = parsed.data as Record<string, unknown>;
    const geometry = raw.geometry as AreaGeometry;
    const pointAllowed = p.geometry_source === 'ons-2020-label-point';
    if (!(geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' || (pointAllowed && geometry.type === 'Point')))
      fail(`geometry type ${geometry.type} is not allowed here`);
    checkPositions(geometry, fail);
    const code = p[spec.codeField] as string;
    if (seen.has(code)) fail(`code ${code} appears twice`);
    seen.add(code);
    const districtCode = p[spec.districtField] as string;
    const districtName = districtNames.get(districtCode) ?? fail(`district ${districtCode} is not one of the seven Leicestershire districts`);
    const clean = normaliseGeometry(geometry);
    return {
      code,
      name: p[spec.nameField] as string,
      districtCode,
      districtName,
      geometry: clean,
      bbox: bboxOf(clean),
      label: labelPoint(clean),
      centroid: centroid(clean),
      geometrySource: (p.geometry_source as string | undefined) ?? null,
      bestfitPopulation: (p.usual_residents_2021_bestfit as number | null | undefined) ?? null,
    };
  });
  if (areas.length !== spec.expectedFeatures)
    throw new BuildError(label, null, `holds ${areas.length} features; the ${spec.id} layer should have ${spec.expectedFeatures}`);
  return areas;
}
