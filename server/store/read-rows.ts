// Turns the atlas database's rows into the store's records: reference tables, and the areas with
// their designations (source-area names filled in) and service extents.
import type Database from 'better-sqlite3';
import { SERVICE_IDS, type AppendixTable, type Category, type Extent, type ServiceId } from '../domain/vocabulary.ts';
import type { LayerId } from '../layers.ts';
import type { AppendixEntryRecord, AreaDesignationRecord, AreaProvisionRecord, AreaRecord, RuleRecord, ServiceExtent, ServiceRecord, SourceRecord } from './records.ts';

type Row = Record<string, any>;

export function readSources(db: Database.Database): SourceRecord[] {
  return (db.prepare('SELECT * FROM sources').all() as SourceRecord[]).map((s) => ({ ...s, caveat: s.caveat ?? null }));
}

export function readServices(db: Database.Database): ServiceRecord[] {
  return (db.prepare('SELECT * FROM services ORDER BY ord').all() as Row[]).map((s) => ({
    id: s.id as ServiceId,
    shortName: s.short_name,
    name: s.name,
    keyText: s.key_text,
    description: s.description,
  }));
}

/** Provision inferred from the strategy text, and the confidence of each resolution method: the key's "how sure". */
export function readProvisionKey(db: Database.Database) {
  return {
    provisions: (db.prepare('SELECT * FROM provisions ORDER BY id').all() as Row[]).map((p) => ({ id: p.id as string, kind: p.kind as string, label: p.label as string, services: JSON.parse(p.services) as ServiceId[], evidence: p.evidence as string })),
    methods: (db.prepare('SELECT * FROM methods ORDER BY method').all() as Row[]).map((m) => ({ method: m.method as string, confidence: m.confidence as string | null, lower_confidence: m.lower_confidence === 1, description: m.description as string })),
  };
}

export function readRules(db: Database.Database): RuleRecord[] {
  return (db.prepare('SELECT * FROM rules').all() as Row[]).map((r) => ({
    table: r.table_name as AppendixTable,
    category: r.category as Category,
    rowLabel: r.row_label,
    services: JSON.parse(r.services) as ServiceId[],
  }));
}

export function readEntries(db: Database.Database): AppendixEntryRecord[] {
  return (db.prepare('SELECT * FROM appendix_entries ORDER BY id').all() as Row[]).map((e) => ({
    id: e.id,
    table: e.table_name as AppendixTable,
    category: e.category as Category,
    listedAs: e.listed_as,
    extent: e.extent as Extent,
    layer: e.layer,
    codes: String(e.codes).split(' ').filter(Boolean),
    areas: String(e.areas).split('; ').filter(Boolean),
    method: e.method,
    note: e.note,
  }));
}

const CATEGORY_RANK = { laa_target: 0, social_capital: 1, general: 2 } as const;

function readDesignations(db: Database.Database, entries: AppendixEntryRecord[], nameOf: Map<string, string>): Map<number, AreaDesignationRecord[]> {
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const lower = new Set((db.prepare('SELECT method FROM methods WHERE lower_confidence = 1').all() as Row[]).map((m) => m.method as string));
  const byArea = new Map<number, AreaDesignationRecord[]>();
  for (const d of db.prepare('SELECT * FROM area_designations').iterate() as Iterable<Row>) {
    const e = entryById.get(d.entry_id)!;
    const via = (JSON.parse(d.via) as { layer: LayerId; code: string; share: number | null }[]).map((v) => ({ ...v, name: nameOf.get(`${v.layer}|${v.code}`) ?? v.code }));
    const list = byArea.get(d.area_id) ?? [];
    list.push({ entryId: e.id, table: e.table, category: e.category, listedAs: e.listedAs, listedExtent: e.extent, extent: d.extent, share: d.share, method: d.method, confidence: d.confidence, lowerConfidence: lower.has(d.method), via });
    byArea.set(d.area_id, list);
  }
  for (const list of byArea.values())
    list.sort((a, b) => CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] || a.table.localeCompare(b.table) || a.entryId - b.entryId);
  return byArea;
}

function readServiceExtents(db: Database.Database): Map<number, Partial<Record<ServiceId, ServiceExtent>>> {
  const byArea = new Map<number, Partial<Record<ServiceId, ServiceExtent>>>();
  // Filled in place and row by row: half a million rows at England size, where copying each area's
  // object per row took seconds of start-up.
  for (const s of db.prepare('SELECT * FROM area_services').iterate() as Iterable<Row>) {
    let services = byArea.get(s.area_id);
    if (!services) byArea.set(s.area_id, (services = {}));
    services[s.service as ServiceId] = { extent: s.extent, share: s.share, withheldUnparished: s.withheld_unparished === 1 };
  }
  return byArea;
}

function readProvisions(db: Database.Database): Map<number, AreaProvisionRecord[]> {
  const byId = new Map((db.prepare('SELECT * FROM provisions').all() as Row[]).map((p) => [p.id as string, p]));
  const byArea = new Map<number, AreaProvisionRecord[]>();
  for (const a of db.prepare('SELECT * FROM area_provisions ORDER BY provision_id').all() as Row[]) {
    const p = byId.get(a.provision_id)!;
    const list = byArea.get(a.area_id) ?? [];
    list.push({ id: p.id, label: p.label, services: JSON.parse(a.services), evidence: p.evidence, extent: a.extent, share: a.share });
    byArea.set(a.area_id, list);
  }
  return byArea;
}

const NO_SERVICE: ServiceExtent = { extent: null, share: null, withheldUnparished: false };

/** Every column of an area but its geometry, which stays in the database until asked for. */
const AREA_COLUMNS = `id, layer, code, name, district_code, geometry_type, geometry_source, min_lon, min_lat, max_lon, max_lat,
  label_lon, label_lat, centroid_lon, centroid_lat, population, category, category_extent, category_share,
  imd_decile, imd_rank, imd_score, cni_score, cni_rank, left_behind`;

/**
 * The areas with everything but their geometry, which each record reads from the database when asked
 * (`geometryJson`, and `geometry` parsed from it): at England size the parsed coordinates of every
 * layer would take gigabytes and most of start-up. The source keeps only recently parsed ones, bounded in bytes.
 */
export interface GeometrySource {
  json(id: number): string;
  parsed(id: number): AreaRecord['geometry'];
}

export function readAreas(db: Database.Database, entries: AppendixEntryRecord[], districts: { code: string; name: string }[], geometries: GeometrySource): AreaRecord[] {
  const districtName = new Map(districts.map((d) => [d.code, d.name]));
  const rows = db.prepare(`SELECT ${AREA_COLUMNS} FROM areas ORDER BY layer, name`).all() as Row[];
  const stored = {
    get geometryJson(): string {
      return geometries.json((this as unknown as AreaRecord).id);
    },
    get geometry(): AreaRecord['geometry'] {
      return geometries.parsed((this as unknown as AreaRecord).id);
    },
  };
  const designations = readDesignations(db, entries, new Map(rows.map((r) => [`${r.layer}|${r.code}`, r.name])));
  const services = readServiceExtents(db);
  const provisions = readProvisions(db);
  return rows.map((r) => Object.assign(Object.create(stored) as AreaRecord, {
    id: r.id,
    layer: r.layer,
    code: r.code,
    name: r.name,
    districtCode: r.district_code,
    districtName: districtName.get(r.district_code) ?? r.district_code,
    geometryType: r.geometry_type,
    geometrySource: r.geometry_source,
    bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
    label: [r.label_lon, r.label_lat],
    centroid: [r.centroid_lon, r.centroid_lat],
    population: r.population,
    densityPopulation: r.geometry_type === 'Point' ? null : r.population,
    populationNote: r.geometry_type === 'Point' ? labelPointNote(r.population) : null,
    category: r.category,
    categoryExtent: r.category_extent,
    categoryShare: r.category_share,
    designations: designations.get(r.id) ?? [],
    provisions: provisions.get(r.id) ?? [],
    services: Object.fromEntries(SERVICE_IDS.map((s) => [s, services.get(r.id)?.[s]?.extent ?? null])) as Record<ServiceId, Extent | null>,
    serviceCover: Object.fromEntries(SERVICE_IDS.map((s) => [s, services.get(r.id)?.[s] ?? NO_SERVICE])) as Record<ServiceId, ServiceExtent>,
    imd: r.imd_decile == null ? null : { decile: r.imd_decile, rank: r.imd_rank, score: r.imd_score },
    cni: r.cni_score == null ? null : { score: r.cni_score, rank: r.cni_rank, leftBehind: r.left_behind === 1 },
  } satisfies Omit<AreaRecord, 'geometry' | 'geometryJson'>));
}

/** A label-point parish has no Output Area of its own under the ONS best-fit method. */
function labelPointNote(population: number | null): string {
  return population === null
    ? 'A label point only: under the ONS best-fit method its residents are counted in a neighbouring parish, so it has no population or group density of its own.'
    : `A label point only: ONS publishes ${population} residents for this parish, but under the best-fit method its Output Areas belong to a neighbouring parish, so no group can be placed in it and its group density is not computed.`;
}
