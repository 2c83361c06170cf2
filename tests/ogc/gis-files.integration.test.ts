// The flat GIS form with the clients researchers use: GDAL writes every OGC collection and every flat
// download to ESRI Shapefile and GeoPackage, Debian 12's fiona (1.9.0) reads every layer, and R reads
// the CSV's booleans and numbers as such. Label-point parishes travel as null geometry.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { flatColumns } from '../../server/http/presenters/flat-properties.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { useListeningAtlas } from '../support/atlas-app.ts';
import { EXPECTED_FEATURES } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

const run = promisify(execFile);

/** GDAL, Debian's python3-fiona and R are required test tools (.ci/run installs them): absence is a failure. */
async function tool(cmd: string, args: string[]) {
  try {
    return await run(cmd, args, { timeout: 180_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GDAL_HTTP_TIMEOUT: '60' } });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${cmd} is not installed (gdal-bin, python3-fiona, r-cran-sf; .ci/run installs them)`);
    throw err;
  }
}
/** Debian's own Python, whose fiona is the one geopandas on Debian 12 uses (1.9.0). */
const debianPython = (script: string, ...args: string[]) => tool('/usr/bin/python3', ['-c', script, ...args]);

/** fiona opens every layer of a file and returns, per layer, its count, schema and geometry types. */
const FIONA_READ = `
import fiona, json, sys, collections
out = {}
for name in fiona.listlayers(sys.argv[1]):
    with fiona.open(sys.argv[1], layer=name) as src:
        kinds = collections.Counter((f['geometry'] or {}).get('type') if f['geometry'] else None for f in src)
        out[name] = {'count': len(src), 'schema': src.schema['properties'], 'geometry': src.schema['geometry'], 'kinds': {str(k): v for k, v in kinds.items()}}
print(json.dumps({'fiona': fiona.__version__, 'layers': out}))
`;
interface FionaLayer { count: number; schema: Record<string, string>; geometry: string; kinds: Record<string, number> }
async function fionaRead(path: string) {
  const { stdout } = await debianPython(FIONA_READ, path);
  return JSON.parse(stdout) as { fiona: string; layers: Record<string, FionaLayer> };
}

const served = useListeningAtlas();
const out = tempDir('gis-files');

const labelPoints = (layer: (typeof LAYERS)[number]['id']) => served.atlas.store.areas(layer).filter((a) => a.geometryType === 'Point').map((a) => a.code);

describe('flat columns', () => {
  it('every layer has scalar columns named in at most 10 characters, service columns from geodata/services.csv', () => {
    const keys = readFileSync(join(import.meta.dirname, '../../geodata/services.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[2]);
    expect(keys).toHaveLength(7);
    for (const spec of LAYERS) {
      const names = flatColumns(served.atlas.store, spec.id).map((c) => c.name);
      expect(new Set(names).size, spec.id).toBe(names.length);
      for (const n of names) expect(n.length, n).toBeLessThanOrEqual(10);
      for (const k of keys) expect(names).toEqual(expect.arrayContaining([`svc_${k}`, `ext_${k}`, `shr_${k}`]));
      expect(names).toEqual(expect.arrayContaining(['desig_n', 'd1_cat', 'd1_listed', 'prov_n', 'p1_label', 'flags']));
    }
  });

  it('a flat feature carries only scalars, agrees with the nested one and keeps designation wording', async () => {
    const nested = (await fetch(`${served.server.url}/api/layers/wards.geojson`).then((r) => r.json())) as { features: { id: string; properties: Record<string, any> }[] };
    const flat = (await fetch(`${served.server.url}/api/layers/wards.geojson?format=flat`).then((r) => r.json())) as { features: { id: string; properties: Record<string, unknown> }[] };
    expect(flat.features.map((f) => f.id)).toEqual(nested.features.map((f) => f.id));
    const columns = flatColumns(served.atlas.store, 'wards').filter((c) => c.from !== 'geometry').map((c) => c.name);
    for (const [i, f] of flat.features.entries()) {
      const n = nested.features[i].properties;
      expect(Object.keys(f.properties)).toEqual([...columns, 'point_lon', 'point_lat']);
      for (const v of Object.values(f.properties)) expect(v === null || typeof v !== 'object', f.id).toBe(true);
      expect(f.properties.svc_nw).toBe(n.services.nw);
      expect(f.properties.ext_nw).toBe(n.service_extent.nw);
      expect(f.properties.desig_n).toBe(n.designations.length);
      expect(f.properties.d1_listed ?? null).toBe(n.designations[0]?.listed_as ?? null);
      expect(f.properties.grp_1000).toBe(n.groups_per_1000);
      expect(f.properties.flags).toBe(n.density_flags.join(';'));
    }
  });
});

describe('label-point parishes', () => {
  it('have null geometry and their point in point_lon/point_lat in the flat form; the nested form keeps the point', async () => {
    const points = labelPoints('parishes');
    expect(points.length).toBeGreaterThan(0);
    const flat = (await fetch(`${served.server.url}/api/layers/parishes.geojson?format=flat`).then((r) => r.json())) as { features: { id: string; geometry: { type: string } | null; properties: Record<string, number | null> }[] };
    const nulls = flat.features.filter((f) => f.geometry === null);
    expect(nulls.map((f) => f.id).sort()).toEqual([...points].sort());
    const area = served.atlas.store.area(points[0], 'parishes')!;
    const one = nulls.find((f) => f.id === points[0])!;
    expect([one.properties.point_lon, one.properties.point_lat]).toEqual((area.geometry as { coordinates: number[] }).coordinates);
    expect(new Set(flat.features.filter((f) => f.geometry).map((f) => f.geometry!.type))).toEqual(new Set(['Polygon', 'MultiPolygon']));
    const nested = (await fetch(`${served.server.url}/api/layers/parishes.geojson`).then((r) => r.json())) as { features: { id: string; geometry: { type: string } }[] };
    expect(nested.features.filter((f) => f.geometry.type === 'Point')).toHaveLength(points.length);
  });
});

describe('GDAL writes Shapefiles and GeoPackages, and Debian 12 fiona reads them', () => {
  it.each(LAYERS.map((l) => l.id))('OGC collection %s to ESRI Shapefile: one polygon layer, every feature, flat fields typed', async (id) => {
    const dir = join(out, `shp-${id}`);
    // No field-name laundering warnings: every name already fits; the run fails on any error.
    const { stderr } = await tool('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', dir, `OAPIF:${served.server.url}/ogc`, id, '-oo', 'PAGE_SIZE=1000']);
    expect(stderr).not.toMatch(/truncated|laundered|not successfully written|Unsupported/i);
    const read = await fionaRead(join(dir, `${id}.shp`));
    const layer = read.layers[id];
    expect(read.fiona).toBe('1.9.0');
    expect(layer.count).toBe(EXPECTED_FEATURES[id]);
    expect(layer.geometry).toBe('Polygon');
    expect(layer.kinds.None ?? 0).toBe(labelPoints(id).length);
    expect(layer.kinds.Point).toBeUndefined();
    // GDAL's OGC API driver adds the feature id as a field of its own.
    expect(Object.keys(layer.schema)).toEqual(['id', ...flatColumns(served.atlas.store, id).map((c) => c.name)]);
    expect(layer.schema.population).toMatch(/^int/);
    expect(layer.schema.grp_1000).toMatch(/^float/);
    expect(layer.schema.d1_listed).toMatch(/^str/);
  });

  it('every OGC collection goes to one GeoPackage, typed from the JSON Schema (booleans as Boolean), which fiona reads layer by layer', async () => {
    const file = join(out, 'served.atlas.gpkg');
    const { stderr } = await tool('ogr2ogr', ['-f', 'GPKG', file, `OAPIF:${served.server.url}/ogc`, '-oo', 'PAGE_SIZE=1000']);
    expect(stderr).not.toMatch(/Unsupported type/i);
    const read = await fionaRead(file);
    for (const spec of LAYERS) {
      const layer = read.layers[spec.id];
      expect(layer.count, spec.id).toBe(EXPECTED_FEATURES[spec.id]);
      expect(layer.kinds.Point, spec.id).toBeUndefined();
      expect(layer.schema.desig_n, spec.id).toMatch(/^int/);
    }
    const { stdout } = await tool('ogrinfo', ['-ro', '-so', file, 'wards']);
    expect(stdout).toMatch(/^svc_nw: Integer\(Boolean\)/m);
    expect(stdout).toMatch(/^shr_nw: Real/m);
  });

  it.each(LAYERS.map((l) => l.id))('fiona reads the flat download and the OGC items page of %s (no arrays to crash it)', async (id) => {
    const download = join(out, `${id}.flat.geojson`);
    writeFileSync(download, await fetch(`${served.server.url}/api/layers/${id}.geojson?format=flat&precision=6`).then((r) => r.text()));
    const page = join(out, `${id}.items.geojson`);
    writeFileSync(page, await fetch(`${served.server.url}/ogc/collections/${id}/items?limit=10000`).then((r) => r.text()));
    for (const file of [download, page]) {
      const read = Object.values((await fionaRead(file)).layers)[0];
      expect(read.count, file).toBe(EXPECTED_FEATURES[id]);
      expect(read.kinds.None ?? 0, file).toBe(labelPoints(id).length);
    }
  });

  it('the flat parish download goes to a Shapefile through ogr2ogr as well', async () => {
    const dir = join(out, 'shp-download');
    await tool('ogr2ogr', ['-f', 'ESRI Shapefile', dir, `${served.server.url}/api/layers/parishes.geojson?format=flat&precision=6`]);
    const read = Object.values((await fionaRead(dir)).layers)[0];
    expect(read.count).toBe(EXPECTED_FEATURES.parishes);
    expect(read.geometry).toBe('Polygon');
  });
});

describe('the layer CSV in spreadsheets and R', () => {
  it('starts with a UTF-8 byte order mark, declares utf-8, and writes booleans as TRUE/FALSE', async () => {
    const res = await fetch(`${served.server.url}/api/layers/lsoas.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('©');
    const [header, first] = text.slice(1).split('\r\n');
    const svc = header.split(',').indexOf('svc_nw');
    expect(svc).toBeGreaterThan(0);
    expect(['TRUE', 'FALSE']).toContain(first.split(',')[svc]);
  });

  it('base R read.csv types services as logical, counts and rates as numbers, and keeps "©"', async () => {
    const file = join(out, 'lsoas.csv');
    const res = await fetch(`${served.server.url}/api/layers/lsoas.csv`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const script = `d <- read.csv(commandArgs(TRUE)[1]); cat(names(d)[1], class(d$svc_nw), class(d$population), class(d$grp_1000), class(d$imd_decile), nrow(d), grepl("\\u00a9", d$attribution[1]), sep = "\\n")`;
    const { stdout } = await tool('Rscript', ['-e', script, file]);
    expect(stdout.trim().split('\n')).toEqual(['code', 'logical', 'integer', 'numeric', 'integer', String(EXPECTED_FEATURES.lsoas), 'TRUE']);
  });

  it('R sf reads the flat GeoPackage layer with logical services', async () => {
    const file = join(out, 'wards.gpkg');
    await tool('ogr2ogr', ['-f', 'GPKG', file, `${served.server.url}/api/layers/wards.geojson?format=flat&precision=6`, '-nln', 'wards']);
    const { stdout } = await tool('Rscript', ['-e', `suppressMessages(library(sf)); d <- st_read(commandArgs(TRUE)[1], quiet = TRUE); cat(class(d$svc_nw), nrow(d), sep = "\\n")`, file]);
    expect(stdout.trim().split('\n')).toEqual(['logical', String(EXPECTED_FEATURES.wards)]);
  });
});
