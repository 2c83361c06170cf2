// Turns the atlas database's rows into the store's records: reference tables, and the areas with
// their designations (source-area names filled in) and service extents.
import type Database from 'better-sqlite3';
import { SERVICE_IDS, type AppendixTable, type Category, type Extent, type ServiceId } from '../domain/vocabulary.ts';
import type { LayerId } from '../registry/layers.ts';
import type { AppendixEntryRecord, AreaDesignationRecord, AreaProvisionRecord, AreaRecord, RuleRecord, ServiceExtent, ServiceRecord, SourceRecord } from './records.ts';

type Row = Record<string, any>;

export function readSources(db: Database.Database): SourceRecord[] {
  return (db.prepare('SELECT * FROM sources').all() as SourceRecord[]).map((s) => ({ ...s, caveat: s.caveat ?? null }));
}

export function readServices(db: Database.Database): ServiceRecord[] {
  return (db.prepare('SELECT * FROM services ORDER BY ord').all() as Row[]).map((s) => ({
    id: s.id as ServiceId,
    shortName: s.short_name,
    gisKey: s.gis_key,
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
const NO_SERVICE: ServiceExtent = { extent: null, share: null, withheldUnparished: false, shareAtLeast: false };

/**
 * Where an area's stored parts come from when first asked for: its geometry (`json`, and `parsed`
 * from it) and its designations, inferred provision and service extents. At England size reading those
 * for every area at start (half a million service rows, 150,000 designations) took most of start-up and
 * gave the garbage collector seconds of work; each is one indexed read of a few rows when first used.
 */
export interface AreaSource {
  json(id: number): string;
  parsed(id: number): AreaRecord['geometry'];
  designations(id: number): AreaDesignationRecord[];
  provisions(id: number): AreaProvisionRecord[];
  serviceExtents(id: number): Partial<Record<ServiceId, ServiceExtent>>;
}

/** Areas whose child rows are read together: ids are given layer by layer in file order, so a whole-layer pass reads a table in a few hundred steps. */
const BLOCK = 64;

/**
 * A child table's rows of one area (in primary-key order), read with those of its neighbours by id in
 * one range query on the primary key and handed out as each neighbour asks: one query per area cost
 * tens of microseconds each, seconds for a pass over England's LSOAs (the analyses' warm-up). Rows read
 * for an area not yet asked for are held until it is; an area asks once (its record keeps the answer).
 */
function rowsByBlock(db: Database.Database, table: string, columns: string, primaryKey: string): (id: number) => Row[] {
  const range = db.prepare(`SELECT area_id, ${columns} FROM ${table} WHERE area_id >= ? AND area_id < ? ORDER BY ${primaryKey}`);
  const unread = new Map<number, Row[]>();
  const readBlocks = new Set<number>();
  return (id) => {
    const held = unread.get(id);
    if (held) {
      unread.delete(id);
      return held;
    }
    const block = Math.floor(id / BLOCK);
    if (readBlocks.has(block)) return []; // read already, and this area had no rows
    readBlocks.add(block);
    const own: Row[] = [];
    for (const r of range.iterate(block * BLOCK, (block + 1) * BLOCK) as Iterable<Row>) {
      if (r.area_id === id) own.push(r);
      else {
        const rows = unread.get(r.area_id);
        if (rows) rows.push(r);
        else unread.set(r.area_id, [r]);
      }
    }
    return own;
  };
}

/** Reads an area's designations, provision and services by its id, from the child tables' primary keys. */
export function attributeReader(db: Database.Database, entries: AppendixEntryRecord[], nameOf: (layer: LayerId, code: string) => string | undefined): Pick<AreaSource, 'designations' | 'provisions' | 'serviceExtents'> {
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const lower = new Set((db.prepare('SELECT method FROM methods WHERE lower_confidence = 1').all() as Row[]).map((m) => m.method as string));
  const provisionById = new Map((db.prepare('SELECT * FROM provisions').all() as Row[]).map((p) => [p.id as string, p]));
  const designationRows = rowsByBlock(db, 'area_designations', 'entry_id, extent, share, via, method, confidence', 'area_id, entry_id, confidence');
  const provisionRows = rowsByBlock(db, 'area_provisions', 'provision_id, services, extent, share', 'area_id, provision_id');
  const serviceRows = rowsByBlock(db, 'area_services', 'service, extent, share, withheld_unparished, share_at_least', 'area_id, service');
  return {
    designations(id) {
      const list = designationRows(id).map((d): AreaDesignationRecord => {
        const e = entryById.get(d.entry_id)!;
        const via = (JSON.parse(d.via) as { layer: LayerId; code: string; share: number | null }[]).map((v) => ({ ...v, name: nameOf(v.layer, v.code) ?? v.code }));
        return { entryId: e.id, table: e.table, category: e.category, listedAs: e.listedAs, listedExtent: e.extent, extent: d.extent, share: d.share, method: d.method, confidence: d.confidence, lowerConfidence: lower.has(d.method), via };
      });
      return list.sort((a, b) => CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] || a.table.localeCompare(b.table) || a.entryId - b.entryId);
    },
    provisions(id) {
      return provisionRows(id).map((a) => {
        const p = provisionById.get(a.provision_id)!;
        return { id: p.id, label: p.label, services: JSON.parse(a.services), evidence: p.evidence, extent: a.extent, share: a.share };
      });
    },
    serviceExtents(id) {
      const services: Partial<Record<ServiceId, ServiceExtent>> = {};
      for (const s of serviceRows(id)) services[s.service as ServiceId] = { extent: s.extent, share: s.share, withheldUnparished: s.withheld_unparished === 1, shareAtLeast: s.share_at_least === 1 };
      return services;
    },
  };
}

/** Every column of an area but its geometry, which stays in the database until asked for. */
const AREA_COLUMNS = `id, layer, code, name, district_code, geometry_type, geometry_source, min_lon, min_lat, max_lon, max_lat,
  label_lon, label_lat, centroid_lon, centroid_lat, population, category, category_extent, category_share, category_share_at_least,
  imd_decile, imd_rank, imd_score, cni_score, cni_rank, left_behind`;

/**
 * An area as the store holds it: the columns of its row, and the parts kept in the database (geometry,
 * designations, provision, services) read through the source when first asked for. The geometry is
 * read on every use (the source keeps recently parsed ones, bounded in bytes); the attributes, small,
 * are kept once read.
 */
class StoredArea implements AreaRecord {
  readonly id: number;
  readonly layer: LayerId;
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
  readonly districtName: string;
  readonly geometryType: AreaRecord['geometryType'];
  readonly geometrySource: string | null;
  readonly bbox: [number, number, number, number];
  readonly label: [number, number];
  readonly centroid: [number, number];
  readonly population: number | null;
  readonly densityPopulation: number | null;
  readonly populationNote: string | null;
  readonly category: Category | null;
  readonly categoryExtent: Extent | null;
  readonly categoryShare: number | null;
  readonly categoryShareAtLeast: boolean;
  readonly imd: AreaRecord['imd'];
  readonly cni: AreaRecord['cni'];
  #designations: AreaDesignationRecord[] | undefined;
  #provisions: AreaProvisionRecord[] | undefined;
  #services: Record<ServiceId, Extent | null> | undefined;
  #serviceCover: Record<ServiceId, ServiceExtent> | undefined;

  constructor(
    private readonly source: AreaSource,
    r: Row,
    districtName: string,
  ) {
    this.id = r.id;
    this.layer = r.layer;
    this.code = r.code;
    this.name = r.name;
    this.districtCode = r.district_code;
    this.districtName = districtName;
    this.geometryType = r.geometry_type;
    this.geometrySource = r.geometry_source;
    this.bbox = [r.min_lon, r.min_lat, r.max_lon, r.max_lat];
    this.label = [r.label_lon, r.label_lat];
    this.centroid = [r.centroid_lon, r.centroid_lat];
    this.population = r.population;
    this.densityPopulation = r.geometry_type === 'Point' ? null : r.population;
    this.populationNote = r.geometry_type === 'Point' ? labelPointNote(r.population) : null;
    this.category = r.category;
    this.categoryExtent = r.category_extent;
    this.categoryShare = r.category_share;
    this.categoryShareAtLeast = r.category_share_at_least === 1;
    this.imd = r.imd_decile == null ? null : { decile: r.imd_decile, rank: r.imd_rank, score: r.imd_score };
    this.cni = r.cni_score == null ? null : { score: r.cni_score, rank: r.cni_rank, leftBehind: r.left_behind === 1 };
  }

  get geometryJson(): string {
    return this.source.json(this.id);
  }

  get geometry(): AreaRecord['geometry'] {
    return this.source.parsed(this.id);
  }

  get designations(): AreaDesignationRecord[] {
    return (this.#designations ??= this.source.designations(this.id));
  }

  get provisions(): AreaProvisionRecord[] {
    return (this.#provisions ??= this.source.provisions(this.id));
  }

  get services(): Record<ServiceId, Extent | null> {
    if (!this.#services) this.readServices();
    return this.#services!;
  }

  get serviceCover(): Record<ServiceId, ServiceExtent> {
    if (!this.#serviceCover) this.readServices();
    return this.#serviceCover!;
  }

  private readServices() {
    const services = this.source.serviceExtents(this.id);
    this.#services = Object.fromEntries(SERVICE_IDS.map((s) => [s, services[s]?.extent ?? null])) as Record<ServiceId, Extent | null>;
    this.#serviceCover = Object.fromEntries(SERVICE_IDS.map((s) => [s, services[s] ?? NO_SERVICE])) as Record<ServiceId, ServiceExtent>;
  }
}

/** The areas with the columns of their rows; the rest each reads from the source when first asked for. */
export function readAreas(db: Database.Database, districts: { code: string; name: string }[], source: AreaSource): AreaRecord[] {
  const districtName = new Map(districts.map((d) => [d.code, d.name]));
  const areas: AreaRecord[] = [];
  for (const r of db.prepare(`SELECT ${AREA_COLUMNS} FROM areas ORDER BY layer, name`).iterate() as Iterable<Row>)
    areas.push(new StoredArea(source, r, districtName.get(r.district_code) ?? r.district_code));
  return areas;
}

/** A label-point parish has no Output Area of its own under the ONS best-fit method. */
function labelPointNote(population: number | null): string {
  return population === null
    ? 'A label point only: under the ONS best-fit method its residents are counted in a neighbouring parish, so it has no population or group density of its own.'
    // At most 254 characters: a Shapefile's text field holds no more.
    : `A label point only: the ONS best-fit lookup assigns this parish ${population} residents (its own Census 2021 Output Area), but there is no polygon for it, so no group can be placed in it and it has no density of its own.`;
}
