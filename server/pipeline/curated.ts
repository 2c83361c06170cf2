// Loads our own curated tables from geodata/: the service key, the Appendix One rules,
// the designations with their resolutions, the districts and the sources manifest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { APPENDIX_TABLES, CATEGORIES, EXTENTS, SERVICE_IDS, type AppendixTable, type Category, type Extent, type ServiceId } from '../domain/vocabulary.ts';
import type { ServiceRules } from '../domain/service-rules.ts';
import { CONFIDENCES, type Confidence } from '../domain/overlay.ts';
import { LAYER_IDS, type LayerId } from '../registry/layers.ts';
import { readCsv } from '../formats/csv.ts';
import { BuildError, describeIssue } from '../formats/build-error.ts';

export const RESOLUTION_METHODS = [
  'exact',
  'spelling',
  'bracket_alias',
  'merged_or_renamed',
  'historical_ward',
  'unparished_area',
  'later_ward',
  'unresolved',
] as const;
export type ResolutionMethod = (typeof RESOLUTION_METHODS)[number];

const gss = z.string().regex(/^E\d{8}$/, 'expected a GSS code such as E04005341');

const serviceSchema = z.object({
  id: z.enum(SERVICE_IDS),
  short_name: z.string().min(1),
  // The service's part of the flat GIS column names (svc_nw, ext_nw, shr_nw): at most 6 characters, so every name fits a Shapefile's 10.
  gis_key: z.string().regex(/^[a-z][a-z0-9]{0,5}$/, 'must be 1 to 6 lower-case letters or digits, starting with a letter'),
  name: z.string().min(1),
  key_text: z.string(),
  description: z.string().min(1),
});
export type Service = z.output<typeof serviceSchema>;

const tick = z.enum(['yes', '']).transform((v) => v === 'yes');
const ruleSchema = z.object({
  table: z.enum(APPENDIX_TABLES),
  category: z.enum(CATEGORIES),
  row_label: z.string().min(1),
  ...(Object.fromEntries(SERVICE_IDS.map((id) => [id, tick])) as Record<ServiceId, typeof tick>),
});

const districtSchema = z.object({ code: gss, name: z.string().min(1) });
export type District = z.output<typeof districtSchema>;

const designationSchema = z
  .object({
    table: z.enum(APPENDIX_TABLES),
    category: z.enum(CATEGORIES),
    listed_as: z.string().min(1),
    extent: z.enum(EXTENTS),
    layer: z.enum(['parish', 'ward-2013', 'ward-2025', '']),
    codes: z.string().transform((s) => s.split(/\s+/).filter(Boolean)).pipe(z.array(gss)),
    areas: z.string().transform((s) => s.split(';').map((a) => a.trim()).filter(Boolean)),
    method: z.enum(RESOLUTION_METHODS),
    note: z.string(),
  })
  .superRefine((d, ctx) => {
    const resolved = d.method !== 'unresolved';
    if (resolved && (!d.layer || d.codes.length === 0))
      ctx.addIssue({ code: 'custom', path: ['codes'], message: 'a resolved entry needs a layer and at least one code' });
    if (!resolved && (d.layer || d.codes.length > 0))
      ctx.addIssue({ code: 'custom', path: ['codes'], message: 'an unresolved entry must not name codes' });
    if (!resolved && !d.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'an unresolved entry must say why' });
    if (d.areas.length !== d.codes.length)
      ctx.addIssue({ code: 'custom', path: ['areas'], message: `names ${d.areas.length} areas for ${d.codes.length} codes` });
  });

/** One row of Appendix One and what it was resolved to. `id` is its 1-based position in the file. */
export interface AppendixEntry {
  id: number;
  line: number;
  table: AppendixTable;
  category: Category;
  listedAs: string;
  extent: 'whole' | 'part';
  layer: DesignationLayer | null;
  codes: string[];
  areas: string[];
  method: ResolutionMethod;
  note: string;
}

export type DesignationLayer = 'parish' | 'ward-2013' | 'ward-2025';

const methodSchema = z.object({
  method: z.enum(RESOLUTION_METHODS),
  confidence: z.enum([...CONFIDENCES, '']),
  lower_confidence: z.enum(['yes', '']).transform((v) => v === 'yes'),
  description: z.string().min(1),
});
export interface MethodInfo {
  confidence: Confidence | null;
  lowerConfidence: boolean;
  description: string;
}

const precedenceSchema = z.object({ rule: z.enum(['own_row', 'ward_within_parish']), value: z.string(), evidence: z.string().min(1) });
export interface Precedence {
  ownRow: string;
  withinParishShare: number;
  withinParishEvidence: string;
}

const provisionSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  kind: z.enum(['countywide', 'other_communities', 'parish_only', 'parish_council', 'successor']),
  services: z.string().transform((s) => s.split(/\s+/).filter(Boolean)).pipe(z.array(z.enum(SERVICE_IDS))),
  parish: z.union([gss, z.literal('')]),
  predecessor: z.union([gss, z.literal('')]),
  label: z.string().min(1),
  evidence: z.string().min(1),
  /** For a successor: the layer and areas whose residents the inference reaches (empty: all of the parish). */
  within_layer: z.union([z.enum(LAYER_IDS), z.literal('')]),
  within_codes: z.string().transform((s) => s.split(/\s+/).filter(Boolean)).pipe(z.array(gss)),
});
export type ProvisionRow = z.output<typeof provisionSchema>;
export interface Provision {
  countywide: ProvisionRow;
  otherCommunities: ProvisionRow;
  parishOnly: ProvisionRow;
  /** A parish council serves its whole parish: a listing that ticks Parish Councils in part of a parish reaches all of it. */
  parishCouncil: ProvisionRow;
  successors: ProvisionRow[];
}

const sourceSchema = z.object({
  id: z.string().min(1),
  file: z.string().min(1),
  feeds: z.string(),
  title: z.string().min(1),
  vintage: z.string().min(1),
  publisher: z.string().min(1),
  licence: z.string().min(1),
  licence_url: z.string(),
  attribution: z.string().min(1),
  official_download: z.string(),
  caveat: z.string().optional(),
});
export type Source = z.output<typeof sourceSchema>;
const manifestSchema = z.object({ sources: z.array(sourceSchema).min(1) });

const areaSchema = z.object({
  name: z.string().trim().min(1),
  code: gss,
  not_covered: z.string(),
  postcode_file: z.string().min(1),
  expected_features: z.object(Object.fromEntries(LAYER_IDS.map((id) => [id, z.number().int().positive()])) as Record<LayerId, z.ZodNumber>),
});
/** The area the atlas covers (geodata/area.json): its name, GSS code and expected feature counts. */
export interface AtlasArea {
  name: string;
  code: string;
  /** Said when a place is outside the area, e.g. "Leicester City and Rutland are not covered". */
  notCovered: string;
  /** How answers name the postcode file, e.g. "the Leicestershire postcode file". */
  postcodeFile: string;
  expectedFeatures: Record<LayerId, number>;
}

/** Reads one curated JSON file and validates it, naming the file and the first problem. */
function readCuratedJson<T extends z.ZodType>(dir: string, file: string, schema: T): z.output<T> {
  const label = `geodata/${file}`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (err) {
    throw new BuildError(label, null, `not readable JSON (${(err as Error).message})`);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new BuildError(label, null, describeIssue(result.error.issues[0]));
  return result.data;
}

export function loadArea(dir: string): AtlasArea {
  const a = readCuratedJson(dir, 'area.json', areaSchema);
  return { name: a.name, code: a.code, notCovered: a.not_covered, postcodeFile: a.postcode_file, expectedFeatures: a.expected_features };
}

export interface Curated {
  area: AtlasArea;
  services: Service[];
  rules: ServiceRules;
  ruleRows: { table: AppendixTable; category: Category; rowLabel: string; services: ServiceId[] }[];
  districts: District[];
  entries: AppendixEntry[];
  sources: Source[];
  methods: Record<ResolutionMethod, MethodInfo>;
  precedence: Precedence;
  provision: Provision;
  baseline: BaselineRow[];
}

/** The coverage the atlas gave before the last change to the rules (issue 18), to count what changed. */
export const BASELINE_FILE = 'coverage-before-issue-18.csv';

export const CURATED_FILES = ['services.csv', 'rules.csv', 'districts.csv', 'designations.csv', 'methods.csv', 'precedence.csv', 'provision.csv', BASELINE_FILE, 'sources.json', 'area.json'] as const;

export function loadServices(dir: string): Service[] {
  const rows = readCsv(join(dir, 'services.csv'), serviceSchema, 'geodata/services.csv').map((r) => r.value);
  const ids = rows.map((r) => r.id);
  if (ids.join() !== SERVICE_IDS.join())
    throw new BuildError('geodata/services.csv', null, `must list the seven services in Appendix One's column order ${SERVICE_IDS.join(', ')}; found ${ids.join(', ')}`);
  const keys = rows.map((r) => r.gis_key);
  if (new Set(keys).size !== keys.length) throw new BuildError('geodata/services.csv', null, `gis_key must differ for every service; found ${keys.join(', ')}`);
  return rows;
}

export function loadRules(dir: string): Pick<Curated, 'rules' | 'ruleRows'> {
  const label = 'geodata/rules.csv';
  const rows = readCsv(join(dir, 'rules.csv'), ruleSchema, label);
  const rules = Object.fromEntries(APPENDIX_TABLES.map((t) => [t, {}])) as Record<AppendixTable, Record<Category, Set<ServiceId>>>;
  const ruleRows: Curated['ruleRows'] = [];
  for (const { line, value } of rows) {
    if (rules[value.table][value.category]) throw new BuildError(label, `line ${line}`, `${value.table}/${value.category} is given twice`);
    const services = SERVICE_IDS.filter((s) => value[s]);
    rules[value.table][value.category] = new Set(services);
    ruleRows.push({ table: value.table, category: value.category, rowLabel: value.row_label, services });
  }
  for (const t of APPENDIX_TABLES)
    for (const c of CATEGORIES) if (!rules[t][c]) throw new BuildError(label, null, `no row for table "${t}", category "${c}"`);
  return { rules, ruleRows };
}

export function loadDistricts(dir: string): District[] {
  return readCsv(join(dir, 'districts.csv'), districtSchema, 'geodata/districts.csv').map((r) => r.value);
}

export function loadEntries(dir: string): AppendixEntry[] {
  return readCsv(join(dir, 'designations.csv'), designationSchema, 'geodata/designations.csv').map(({ line, value }, i) => ({
    id: i + 1,
    line,
    table: value.table,
    category: value.category,
    listedAs: value.listed_as,
    extent: value.extent,
    layer: value.layer || null,
    codes: value.codes,
    areas: value.areas,
    method: value.method,
    note: value.note,
  }));
}

export function loadSources(dir: string): Source[] {
  return readCuratedJson(dir, 'sources.json', manifestSchema).sources;
}

export function loadMethods(dir: string): Record<ResolutionMethod, MethodInfo> {
  const label = 'geodata/methods.csv';
  const rows = readCsv(join(dir, 'methods.csv'), methodSchema, label);
  const out = {} as Record<ResolutionMethod, MethodInfo>;
  for (const { value } of rows) out[value.method] = { confidence: value.confidence || null, lowerConfidence: value.lower_confidence, description: value.description };
  for (const m of RESOLUTION_METHODS) if (!out[m]) throw new BuildError(label, null, `no row for method "${m}"`);
  return out;
}

export function loadPrecedence(dir: string): Precedence {
  const label = 'geodata/precedence.csv';
  const rows = new Map(readCsv(join(dir, 'precedence.csv'), precedenceSchema, label).map((r) => [r.value.rule, r]));
  const own = rows.get('own_row');
  const within = rows.get('ward_within_parish');
  if (!own || !within) throw new BuildError(label, null, 'needs one row for own_row and one for ward_within_parish');
  const share = Number(within.value.value);
  if (!(share > 0.5 && share <= 1)) throw new BuildError(label, `line ${within.line}`, 'ward_within_parish needs a share above 0.5 and at most 1');
  return { ownRow: own.value.evidence, withinParishShare: share, withinParishEvidence: within.value.evidence };
}

export function loadProvision(dir: string): Provision {
  const label = 'geodata/provision.csv';
  const rows = readCsv(join(dir, 'provision.csv'), provisionSchema, label);
  const one = (kind: ProvisionRow['kind']) => {
    const found = rows.filter((r) => r.value.kind === kind);
    if (found.length !== 1) throw new BuildError(label, null, `needs exactly one "${kind}" row, found ${found.length}`);
    return found[0].value;
  };
  const successors = rows.filter((r) => r.value.kind === 'successor');
  for (const { line, value } of successors)
    if (!value.parish || !value.predecessor) throw new BuildError(label, `line ${line}`, 'a successor row needs parish and predecessor codes');
  for (const { line, value } of successors)
    if (Boolean(value.within_layer) !== value.within_codes.length > 0) throw new BuildError(label, `line ${line}`, 'within_layer and within_codes go together');
  return { countywide: one('countywide'), otherCommunities: one('other_communities'), parishOnly: one('parish_only'), parishCouncil: one('parish_council'), successors: successors.map((r) => r.value) };
}

const optionalExtent = z.union([z.enum(EXTENTS), z.literal('')]).transform((v) => v || null);
const baselineSchema = z.object({
  layer: z.enum(LAYER_IDS),
  code: gss,
  category: z.union([z.enum(CATEGORIES), z.literal('')]).transform((v) => v || null),
  category_extent: z.union([z.enum(EXTENTS), z.literal('')]).transform((v) => v || null),
  ...(Object.fromEntries(SERVICE_IDS.map((id) => [id, optionalExtent])) as Record<ServiceId, typeof optionalExtent>),
});

/** One area's coverage as recorded in BASELINE_FILE. */
export interface BaselineRow {
  layer: LayerId;
  code: string;
  category: string | null;
  extent: string | null;
  services: Record<ServiceId, Extent | null>;
}

/** Each area's category, extent and service extents as recorded in BASELINE_FILE. */
export function loadBaseline(dir: string): BaselineRow[] {
  return readCsv(join(dir, BASELINE_FILE), baselineSchema, `geodata/${BASELINE_FILE}`).map(({ value }) => ({
    layer: value.layer,
    code: value.code,
    category: value.category,
    extent: value.category_extent,
    services: Object.fromEntries(SERVICE_IDS.map((id) => [id, value[id]])) as Record<ServiceId, Extent | null>,
  }));
}

export function loadCurated(dir: string): Curated {
  return {
    area: loadArea(dir),
    services: loadServices(dir),
    ...loadRules(dir),
    districts: loadDistricts(dir),
    entries: loadEntries(dir),
    sources: loadSources(dir),
    methods: loadMethods(dir),
    precedence: loadPrecedence(dir),
    provision: loadProvision(dir),
    baseline: loadBaseline(dir),
  };
}
