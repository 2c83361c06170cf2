// Reads one boundary layer from GEODATA_DIR, validates it (geojson-validation for structure, zod for
// properties, ranges and counts) and returns its areas cleaned for serving.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import GJV from 'geojson-validation';
import { z } from 'zod';
import type { LayerSpec } from '../registry/layers.ts';
import type { AtlasArea, District } from './curated.ts';
import { BuildError, describeIssue } from '../formats/build-error.ts';
import { splitFeatureCollection } from './feature-texts.ts';
import { bboxOf, centroid, labelPoint, normaliseGeometry, type AreaGeometry, type BBox } from '../geo/geometry.ts';

export interface BoundaryArea {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  geometryType: AreaGeometry['type'];
  /** The cleaned geometry serialised once, exactly as stored: at England size the parsed coordinates of every
   *  layer would take gigabytes, so only the joins that test points parse it again (geometryOf). */
  geometryJson: string;
  bbox: BBox;
  label: [number, number];
  centroid: [number, number];
  /** Only the parish file says how each geometry was made (OA dissolve or ONS label point). */
  geometrySource: string | null;
  /** Only the parish file carries a published (best-fit) population. */
  bestfitPopulation: number | null;
}

/** Every position must be WGS84 longitude/latitude; British National Grid metres (e.g. 450000, 300000) fail here. */
const inWgs84 = (lon: number, lat: number) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;

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
    if (!inWgs84(lon, lat)) fail(`coordinate [${lon}, ${lat}] is not WGS84 longitude/latitude`);
  }
}

export function readBoundaryLayer(spec: LayerSpec, geodataDir: string, file: string, districts: District[], area: AtlasArea): BoundaryArea[] {
  const label = file;
  let buf: Buffer;
  try {
    buf = readFileSync(join(geodataDir, file));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BuildError(label, null, missing ? 'file is missing' : `cannot be read (${(err as Error).message})`);
  }
  /** Parses the whole file, as the only way to name what makes it not JSON. */
  const whole = (): unknown => {
    try {
      return JSON.parse(buf.toString('utf8'));
    } catch (err) {
      throw new BuildError(label, null, `not valid JSON (${(err as Error).message})`);
    }
  };
  // Features are parsed one at a time where the file allows it (see feature-texts.ts).
  const split = splitFeatureCollection(buf);
  const json = split ? { ...split.top, features: split.spans } : whole();
  const featureAt = (item: unknown, index: number): unknown => {
    if (!split) return item;
    const [start, end] = item as [number, number];
    try {
      return JSON.parse(buf.toString('utf8', start, end));
    } catch {
      return (whole() as { features: unknown[] }).features[index];
    }
  };
  const top = collectionSchema.safeParse(json);
  if (!top.success) throw new BuildError(label, null, `not a GeoJSON FeatureCollection: ${describeIssue(top.error.issues[0])}`);
  const crs = (json as { crs?: { properties?: { name?: string } } }).crs;
  if (crs && !/CRS84$/.test(crs.properties?.name ?? '')) throw new BuildError(label, null, `crs ${crs.properties?.name} is not WGS84 lon/lat (CRS84)`);

  const districtNames = new Map(districts.map((d) => [d.code, d.name]));
  const props = propertiesSchema(spec);
  const seen = new Set<string>();
  const areas = top.data.features.map((item, index) => {
    const feature = featureAt(item, index);
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
    const districtName = districtNames.get(districtCode) ?? fail(`district ${districtCode} is not one of the ${districts.length} districts of ${area.name} in geodata/districts.csv`);
    const clean = normaliseGeometry(geometry);
    return {
      code,
      name: p[spec.nameField] as string,
      districtCode,
      districtName,
      geometryType: clean.type,
      geometryJson: JSON.stringify(clean),
      bbox: bboxOf(clean),
      label: labelPoint(clean),
      centroid: centroid(clean),
      geometrySource: (p.geometry_source as string | undefined) ?? null,
      bestfitPopulation: (p.usual_residents_2021_bestfit as number | null | undefined) ?? null,
    };
  });
  const expected = area.expectedFeatures[spec.id];
  if (areas.length !== expected)
    throw new BuildError(label, null, `holds ${areas.length} features; the ${spec.id} layer of ${area.name} should have ${expected} (geodata/area.json)`);
  return areas;
}

/** The area's geometry, parsed anew from its stored form. */
export function geometryOf(area: Pick<BoundaryArea, 'geometryJson'>): AreaGeometry {
  return JSON.parse(area.geometryJson) as AreaGeometry;
}

/** The box holding every area of every layer: the atlas's bounds, derived from the boundaries rather than typed in. */
export function boundsOf(layers: Iterable<readonly BoundaryArea[]>): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const areas of layers)
    for (const a of areas) {
      if (a.bbox[0] < b[0]) b[0] = a.bbox[0];
      if (a.bbox[1] < b[1]) b[1] = a.bbox[1];
      if (a.bbox[2] > b[2]) b[2] = a.bbox[2];
      if (a.bbox[3] > b[3]) b[3] = a.bbox[3];
    }
  return b;
}
