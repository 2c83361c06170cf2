// `npm run synth:geodata -- --copies K --out DIR`: writes a k-fold synthetic replica of the area the
// atlas covers, to measure how the atlas scales. Copy 0 is the real data unchanged; every other copy is
// shifted on a grid (inside the UK postcode file's range), with fresh GSS codes and postcodes mapped
// the same way in every file, so every cross-reference (OA → LSOA → district, designations, successors,
// libraries' postcodes, case studies' areas) still holds. Names stay: real geographies repeat names too.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseCli, usageError } from '../server/config/cli-args.ts';
import { loadConfig } from '../server/config/config.ts';
import { boundsOf, readBoundaryLayer } from '../server/pipeline/boundaries.ts';
import { loadArea, loadDistricts, loadSources } from '../server/pipeline/curated.ts';
import { LAYERS } from '../server/registry/layers.ts';

const GSS = /E\d{8}/g;
const POSTCODE_RANGE = { minLon: -9, maxLon: 2, minLat: 49, maxLat: 61 };
/** Degrees left between copies, so no point of one copy falls in (or within 1 km of) another. */
const GAP = 0.1;

export interface SynthOptions {
  geodataDir: string;
  curatedDir: string;
  outDir: string;
  copies: number;
}

type Row = string[];

function readTable(path: string): { header: Row; rows: Row[] } {
  const all = parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: true }) as Row[];
  return { header: all[0], rows: all.slice(1) };
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function writeTable(path: string, header: Row, rows: Row[]) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n');
}

/** Fresh GSS codes per copy: each entity type (E00, E01, E04, …) continues past its highest real code. */
export function codeMapper(allText: string, keep: ReadonlySet<string>) {
  const byPrefix = new Map<string, string[]>();
  for (const code of new Set(allText.match(GSS) ?? [])) {
    if (keep.has(code)) continue;
    const list = byPrefix.get(code.slice(0, 3)) ?? [];
    list.push(code);
    byPrefix.set(code.slice(0, 3), list);
  }
  const index = new Map<string, { base: number; count: number; i: number }>();
  for (const [, list] of byPrefix) {
    list.sort();
    const base = Number(list[list.length - 1].slice(3)) + 1;
    list.forEach((code, i) => index.set(code, { base, count: list.length, i }));
  }
  const map = (code: string, copy: number): string => {
    const at = index.get(code);
    if (!at || copy === 0) return code;
    const n = at.base + (copy - 1) * at.count + at.i;
    if (n > 999_999) throw new Error(`too many copies for the ${code.slice(0, 3)} codes (${at.count} per copy)`);
    return code.slice(0, 3) + String(n).padStart(6, '0');
  };
  return (text: string, copy: number) => (copy === 0 ? text : text.replace(GSS, (m) => map(m, copy)));
}

/** Fresh postcode areas per copy: "LE1 1ZB" in copy 3 becomes e.g. "QF1 1ZB", never a real area of the file. */
export function postcodeMapper(postcodes: readonly string[]) {
  const areas = [...new Set(postcodes.map((p) => /^[A-Z]+/.exec(p.toUpperCase())?.[0] ?? ''))].sort();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const free = [...letters].flatMap((a) => [...letters].map((b) => a + b)).filter((l) => !areas.includes(l));
  return (postcode: string, copy: number): string => {
    if (copy === 0 || postcode === '') return postcode;
    const m = /^([A-Z]+)(\d[A-Z\d]?)\s*(\d[A-Z]{2})$/.exec(postcode.toUpperCase().trim());
    if (!m) throw new Error(`cannot map postcode "${postcode}"`);
    const slot = (copy - 1) * areas.length + areas.indexOf(m[1]);
    if (slot >= free.length) throw new Error(`too many copies for ${areas.length} postcode areas`);
    return `${free[slot]}${m[2]} ${m[3]}`;
  };
}

/** Grid offsets (degrees) for each copy, nearest the original first, all inside the postcode file's range. */
export function copyOffsets(bounds: readonly number[], copies: number): [number, number][] {
  const [minLon, minLat, maxLon, maxLat] = bounds;
  const dx = maxLon - minLon + GAP;
  const dy = maxLat - minLat + GAP;
  const cells: [number, number][] = [];
  for (let col = -Math.floor((minLon - POSTCODE_RANGE.minLon) / dx); maxLon + col * dx <= POSTCODE_RANGE.maxLon; col++)
    for (let row = -Math.floor((minLat - POSTCODE_RANGE.minLat) / dy); maxLat + row * dy <= POSTCODE_RANGE.maxLat; row++) cells.push([col, row]);
  cells.sort((a, b) => Math.hypot(...a) - Math.hypot(...b));
  if (copies > cells.length) throw new Error(`at most ${cells.length} copies fit inside the UK postcode range`);
  return cells.slice(0, copies).map(([c, r]) => [c * dx, r * dy]);
}

type Coordinates = number | Coordinates[];
function shiftCoordinates(coords: Coordinates[], dx: number, dy: number): Coordinates[] {
  if (typeof coords[0] === 'number') {
    const [x, y, ...rest] = coords as number[];
    return [x + dx, y + dy, ...rest];
  }
  return coords.map((c) => shiftCoordinates(c as Coordinates[], dx, dy));
}

export function synthesise({ geodataDir, curatedDir, outDir, copies }: SynthOptions) {
  if (!Number.isInteger(copies) || copies < 1) throw new Error('--copies must be a whole number of at least 1');
  const outGeo = join(outDir, 'geodata');
  const outCurated = join(outDir, 'curated');
  const area = loadArea(curatedDir);
  const sources = loadSources(curatedDir);
  const fileOf = (id: string) => sources.find((s) => s.id === id)!.file;
  const districts = loadDistricts(curatedDir);
  const boundaries = LAYERS.map((spec) => readBoundaryLayer(spec, geodataDir, fileOf(spec.sourceId), districts, area));
  const offsets = copyOffsets(boundsOf(boundaries), copies);

  const geodataFiles = sources.map((s) => s.file);
  const builtinFiles = ['groups/libraries-leicestershire.csv', 'groups/case-studies.csv'];
  const allText = [...geodataFiles.map((f) => join(geodataDir, f)), ...builtinFiles.map((f) => join(geodataDir, f)), join(curatedDir, 'districts.csv'), join(curatedDir, 'designations.csv'), join(curatedDir, 'provision.csv')]
    .map((p) => readFileSync(p, 'utf8'))
    .join('\n');
  const mapCodes = codeMapper(allText, new Set([area.code]));
  const postcodeFile = fileOf('postcodes');
  const postcodes = readTable(join(geodataDir, postcodeFile));
  const mapPostcode = postcodeMapper(postcodes.rows.map((r) => r[postcodes.header.indexOf('postcode')]));
  const range = [...Array(copies).keys()];

  // Boundaries: every feature once per copy, codes mapped, geometry shifted.
  for (const spec of LAYERS) {
    const file = fileOf(spec.sourceId);
    const json = JSON.parse(readFileSync(join(geodataDir, file), 'utf8')) as { features: { properties: object; geometry: { coordinates: Coordinates[] } }[] };
    const features = range.flatMap((c) =>
      json.features.map((f) => ({ ...f, properties: JSON.parse(mapCodes(JSON.stringify(f.properties), c)), geometry: { ...f.geometry, coordinates: shiftCoordinates(f.geometry.coordinates, ...offsets[c]) } })),
    );
    mkdirSync(dirname(join(outGeo, file)), { recursive: true });
    writeFileSync(join(outGeo, file), JSON.stringify({ ...json, features }));
  }

  // Tables: every row once per copy, codes mapped, and the named columns changed as each copy needs.
  type Change = Record<string, (v: string, copy: number) => string>;
  const replicate = (from: string, to: string, change: Change = {}) => {
    const t = readTable(from);
    const rows = range.flatMap((c) =>
      t.rows.map((r) => r.map((v, i) => (change[t.header[i]] ? change[t.header[i]](v, c) : mapCodes(v, c)))),
    );
    writeTable(to, t.header, rows);
  };
  const shift = (axis: 0 | 1) => (v: string, c: number) => (c === 0 ? v : String(Math.round((Number(v) + offsets[c][axis]) * 1e6) / 1e6));
  const tableChanges: Record<string, Change> = {
    [fileOf('output-areas')]: { pwc_lon: shift(0), pwc_lat: shift(1) },
    [postcodeFile]: { postcode: mapPostcode, lon: shift(0), lat: shift(1) },
    'groups/libraries-leicestershire.csv': { Postcode: mapPostcode },
  };
  for (const file of [...geodataFiles.filter((f) => f.endsWith('.csv')), ...builtinFiles]) replicate(join(geodataDir, file), join(outGeo, file), tableChanges[file]);
  copyFileSync(join(geodataDir, 'sources.json'), join(outGeo, 'sources.json'));

  // Curated tables: the rules are the same; districts and baseline rows repeat; each designation names its area in every copy.
  mkdirSync(outCurated, { recursive: true });
  for (const f of ['services.csv', 'rules.csv', 'methods.csv', 'precedence.csv', 'sources.json']) copyFileSync(join(curatedDir, f), join(outCurated, f));
  replicate(join(curatedDir, 'districts.csv'), join(outCurated, 'districts.csv'), { name: (v, c) => (c === 0 ? v : `${v} (copy ${c + 1})`) });
  replicate(join(curatedDir, 'coverage-before-issue-18.csv'), join(outCurated, 'coverage-before-issue-18.csv'));
  const d = readTable(join(curatedDir, 'designations.csv'));
  const col = (name: string) => d.header.indexOf(name);
  writeTable(
    join(outCurated, 'designations.csv'),
    d.header,
    d.rows.map((r) => r.map((v, i) => (i === col('codes') ? range.map((c) => mapCodes(v, c)).filter(Boolean).join(' ') : i === col('areas') && v ? range.map(() => v).join('; ') : v))),
  );
  const p = readTable(join(curatedDir, 'provision.csv'));
  const kind = p.header.indexOf('kind');
  const suffix = (c: number) => (c === 0 ? '' : `_${[...String(c)].map((ch) => 'abcdefghij'[Number(ch)]).join('')}`);
  const provision = p.rows.flatMap((r) => (r[kind] === 'successor' ? range.map((c) => r.map((v, i) => (i === 0 ? v + suffix(c) : mapCodes(v, c)))) : [r]));
  writeTable(join(outCurated, 'provision.csv'), p.header, provision);
  const areaJson = JSON.parse(readFileSync(join(curatedDir, 'area.json'), 'utf8'));
  areaJson.name = copies === 1 ? areaJson.name : `${areaJson.name} ×${copies} (synthetic)`;
  areaJson.expected_features = Object.fromEntries(Object.entries(area.expectedFeatures).map(([k, n]) => [k, n * copies]));
  writeFileSync(join(outCurated, 'area.json'), JSON.stringify(areaJson, null, 2) + '\n');
  return { geodataDir: outGeo, curatedDir: outCurated };
}

function main(argv: string[]) {
  const usage = 'usage: npm run synth:geodata -- --copies K --out DIR\n  Writes a K-fold synthetic replica of the geodata and curated tables into DIR, for scale tests.';
  const { values } = parseCli({ usage, options: { copies: { type: 'string' }, out: { type: 'string' } }, operands: { min: 0, max: 0 } }, argv);
  const copies = Number(values.copies ?? NaN);
  const out = values.out;
  if (!out || !Number.isInteger(copies) || copies < 1) usageError(out ? '--copies must be a whole number from 1' : 'give --out DIR', usage);
  const config = loadConfig();
  const r = synthesise({ geodataDir: config.geodataDir, curatedDir: config.curatedDir, outDir: resolve(out), copies });
  console.log(`Wrote a ${copies}-fold replica to ${resolve(out)}. Build and serve it with:`);
  console.log(`  GEODATA_DIR=${r.geodataDir}`);
  console.log(`  ATLAS_CURATED_DIR=${r.curatedDir}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main(process.argv.slice(2));
