// Read access to the built atlas database. It is opened once, read-only; the ~900 areas are small
// enough to hold in memory, while point look-ups go through the SQLite R-tree and an exact test.
import Database from 'better-sqlite3';
import * as turf from '@turf/turf';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { SERVICE_IDS, type AppendixTable, type Category, type Extent, type ServiceId } from '../domain/vocabulary.ts';
import { LAYERS, type LayerId } from '../layers.ts';
import { SCHEMA_VERSION } from './schema.ts';

export interface Via {
  layer: LayerId;
  code: string;
  name: string;
  share: number | null;
}

export interface AreaDesignationRecord {
  entryId: number;
  table: AppendixTable;
  category: Category;
  listedAs: string;
  /** The extent written in Appendix One for the entry itself. */
  listedExtent: Extent;
  /** The extent for this area: whole only if the entry is whole and covers all of the area's residents. */
  extent: Extent;
  share: number | null;
  method: string;
  via: Via[];
}

export interface AreaRecord {
  id: number;
  layer: LayerId;
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  geometry: Polygon | MultiPolygon | Point;
  geometryJson: string;
  geometrySource: string | null;
  bbox: [number, number, number, number];
  label: [number, number];
  centroid: [number, number];
  population: number | null;
  category: Category | null;
  categoryExtent: Extent | null;
  designations: AreaDesignationRecord[];
  /** Service → 'whole' | 'part' when available, null when not. */
  services: Record<ServiceId, Extent | null>;
  imd: { decile: number; rank: number; score: number } | null;
  cni: { score: number; rank: number; leftBehind: boolean } | null;
}

export interface ServiceRecord {
  id: ServiceId;
  shortName: string;
  name: string;
  keyText: string;
  description: string;
}

export interface RuleRecord {
  table: AppendixTable;
  category: Category;
  rowLabel: string;
  services: ServiceId[];
}

export interface AppendixEntryRecord {
  id: number;
  table: AppendixTable;
  category: Category;
  listedAs: string;
  extent: Extent;
  layer: string | null;
  codes: string[];
  areas: string[];
  method: string;
  note: string;
}

export interface SourceRecord {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  title: string;
  vintage: string;
  publisher: string;
  licence: string;
  licenceUrl: string;
  attribution: string;
  officialDownload: string;
  feeds: string;
  caveat: string | null;
}

export interface LayerRecord {
  id: LayerId;
  title: string;
  description: string;
  featureCount: number;
  populationMethod: string;
  historical: boolean;
  bbox: [number, number, number, number];
  source: SourceRecord;
}

export interface PostcodeRecord {
  postcode: string;
  lon: number;
  lat: number;
}

export class StaleDatabaseError extends Error {}

export class AtlasStore {
  readonly layers: LayerRecord[];
  readonly services: ServiceRecord[];
  readonly rules: RuleRecord[];
  readonly entries: AppendixEntryRecord[];
  readonly sources: SourceRecord[];
  readonly districts: { code: string; name: string }[];
  readonly countyPopulation: number;
  readonly builtAt: string;
  readonly inputsHash: string;
  private readonly byLayer = new Map<LayerId, AreaRecord[]>();
  private readonly byId = new Map<number, AreaRecord>();
  private readonly byLayerCode = new Map<string, AreaRecord>();
  private readonly db: Database.Database;
  private readonly rtreeQuery: Database.Statement<[number, number, number, number], { id: number }>;
  private readonly postcodeQuery: Database.Statement<[string], PostcodeRecord>;
  private readonly postcodePrefixQuery: Database.Statement<[string, string, number], PostcodeRecord>;

  constructor(readonly path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    const meta = new Map((this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (meta.get('schema_version') !== String(SCHEMA_VERSION))
      throw new StaleDatabaseError(`database schema ${meta.get('schema_version')} is not ${SCHEMA_VERSION}; rebuild it`);
    this.countyPopulation = Number(meta.get('county_population'));
    this.builtAt = meta.get('built_at') ?? '';
    this.inputsHash = meta.get('inputs_hash') ?? '';
    this.reconciliationJson = meta.get('reconciliation') ?? '{}';
    this.reconciliationMarkdown = meta.get('reconciliation_md') ?? '';

    this.sources = (this.db.prepare('SELECT * FROM sources').all() as Record<string, unknown>[]).map((s) => ({
      id: s.id as string,
      file: s.file as string,
      sha256: s.sha256 as string,
      bytes: s.bytes as number,
      title: s.title as string,
      vintage: s.vintage as string,
      publisher: s.publisher as string,
      licence: s.licence as string,
      licenceUrl: s.licence_url as string,
      attribution: s.attribution as string,
      officialDownload: s.official_download as string,
      feeds: s.feeds as string,
      caveat: (s.caveat as string | null) ?? null,
    }));
    this.districts = this.db.prepare('SELECT code, name FROM districts ORDER BY name').all() as { code: string; name: string }[];
    this.services = (this.db.prepare('SELECT * FROM services ORDER BY ord').all() as Record<string, string>[]).map((s) => ({
      id: s.id as ServiceId,
      shortName: s.short_name,
      name: s.name,
      keyText: s.key_text,
      description: s.description,
    }));
    this.rules = (this.db.prepare('SELECT * FROM rules').all() as Record<string, string>[]).map((r) => ({
      table: r.table_name as AppendixTable,
      category: r.category as Category,
      rowLabel: r.row_label,
      services: JSON.parse(r.services) as ServiceId[],
    }));
    this.entries = (this.db.prepare('SELECT * FROM appendix_entries ORDER BY id').all() as Record<string, string | number | null>[]).map((e) => ({
      id: e.id as number,
      table: e.table_name as AppendixTable,
      category: e.category as Category,
      listedAs: e.listed_as as string,
      extent: e.extent as Extent,
      layer: e.layer as string | null,
      codes: String(e.codes).split(' ').filter(Boolean),
      areas: String(e.areas).split('; ').filter(Boolean),
      method: e.method as string,
      note: e.note as string,
    }));
    this.loadAreas();
    this.layers = (this.db.prepare('SELECT * FROM layers ORDER BY ord').all() as Record<string, unknown>[]).map((l) => ({
      id: l.id as LayerId,
      title: l.title as string,
      description: l.description as string,
      featureCount: l.feature_count as number,
      populationMethod: l.population_method as string,
      historical: l.historical === 1,
      bbox: [l.min_lon, l.min_lat, l.max_lon, l.max_lat] as [number, number, number, number],
      source: this.sources.find((s) => s.id === l.source_id)!,
    }));
    this.rtreeQuery = this.db.prepare('SELECT id FROM area_rtree WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?');
    this.postcodeQuery = this.db.prepare('SELECT postcode, lon, lat FROM postcodes WHERE key = ?');
    this.postcodePrefixQuery = this.db.prepare("SELECT postcode, lon, lat FROM postcodes WHERE key >= ? AND key < ? || '~' ORDER BY key LIMIT ?");
  }

  readonly reconciliationJson: string;
  readonly reconciliationMarkdown: string;

  private loadAreas() {
    const entryById = new Map(this.entries.map((e) => [e.id, e]));
    const districtName = new Map(this.districts.map((d) => [d.code, d.name]));
    const rows = this.db.prepare('SELECT * FROM areas ORDER BY layer, name').all() as Record<string, any>[];
    const designations = new Map<number, AreaDesignationRecord[]>();
    const services = new Map<number, Record<ServiceId, Extent | null>>();
    for (const r of rows) {
      designations.set(r.id, []);
      services.set(r.id, Object.fromEntries(SERVICE_IDS.map((s) => [s, null])) as Record<ServiceId, Extent | null>);
    }
    const nameOf = new Map<string, string>(rows.map((r) => [`${r.layer}|${r.code}`, r.name]));
    for (const d of this.db.prepare('SELECT * FROM area_designations').all() as Record<string, any>[]) {
      const e = entryById.get(d.entry_id)!;
      const via = (JSON.parse(d.via) as { layer: LayerId; code: string; share: number | null }[]).map((v) => ({
        ...v,
        name: nameOf.get(`${v.layer}|${v.code}`) ?? v.code,
      }));
      designations.get(d.area_id)!.push({
        entryId: e.id,
        table: e.table,
        category: e.category,
        listedAs: e.listedAs,
        listedExtent: e.extent,
        extent: d.extent,
        share: d.share,
        method: e.method,
        via,
      });
    }
    for (const s of this.db.prepare('SELECT * FROM area_services').all() as { area_id: number; service: ServiceId; extent: Extent }[])
      services.get(s.area_id)![s.service] = s.extent;
    const rank = { laa_target: 0, social_capital: 1, general: 2 } as const;
    for (const r of rows) {
      const area: AreaRecord = {
        id: r.id,
        layer: r.layer,
        code: r.code,
        name: r.name,
        districtCode: r.district_code,
        districtName: districtName.get(r.district_code) ?? r.district_code,
        geometry: JSON.parse(r.geometry),
        geometryJson: r.geometry,
        geometrySource: r.geometry_source,
        bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
        label: [r.label_lon, r.label_lat],
        centroid: [r.centroid_lon, r.centroid_lat],
        population: r.population,
        category: r.category,
        categoryExtent: r.category_extent,
        designations: designations.get(r.id)!.sort((a, b) => rank[a.category] - rank[b.category] || a.table.localeCompare(b.table) || a.entryId - b.entryId),
        services: services.get(r.id)!,
        imd: r.imd_decile == null ? null : { decile: r.imd_decile, rank: r.imd_rank, score: r.imd_score },
        cni: r.cni_score == null ? null : { score: r.cni_score, rank: r.cni_rank, leftBehind: r.left_behind === 1 },
      };
      this.byId.set(area.id, area);
      this.byLayerCode.set(`${area.layer}|${area.code}`, area);
      const list = this.byLayer.get(area.layer) ?? [];
      list.push(area);
      this.byLayer.set(area.layer, list);
    }
  }

  areas(layer: LayerId): readonly AreaRecord[] {
    return this.byLayer.get(layer) ?? [];
  }

  /** An area by GSS code. Ward codes can repeat between the 2013 and 2025 editions, so a layer may be given;
   *  without one, current layers are preferred over historical ones. */
  area(code: string, layer?: LayerId): AreaRecord | undefined {
    const order = layer ? [layer] : LAYERS.map((l) => l.id);
    for (const id of order) {
      const hit = this.byLayerCode.get(`${id}|${code}`);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Every layer the code appears in (wards unchanged since 2013 keep their code). */
  layersWithCode(code: string): LayerId[] {
    return LAYERS.map((l) => l.id).filter((id) => this.byLayerCode.has(`${id}|${code}`));
  }

  /** Areas whose bounding box holds the point, from the R-tree: candidates for an exact test. */
  candidates(lon: number, lat: number): AreaRecord[] {
    return this.rtreeQuery.all(lon, lon, lat, lat).map((r) => this.byId.get(r.id)!);
  }

  /** The area of each layer containing the point: R-tree candidates, then an exact point-in-polygon test. */
  containing(lon: number, lat: number): AreaRecord[] {
    return this.candidates(lon, lat).filter((a) => a.geometry.type !== 'Point' && turf.booleanPointInPolygon([lon, lat], a.geometry as Polygon | MultiPolygon));
  }

  postcode(key: string): PostcodeRecord | undefined {
    return this.postcodeQuery.get(key);
  }

  postcodesStartingWith(keyPrefix: string, limit: number): PostcodeRecord[] {
    return this.postcodePrefixQuery.all(keyPrefix, keyPrefix, limit);
  }

  close() {
    this.db.close();
  }
}
