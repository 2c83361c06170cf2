// Read access to the built atlas database. It is opened once, read-only. Every area's row is held in
// memory (73,000 areas at England size); its geometry stays in SQLite and is read on use, its
// designations, provision and services are read when first asked for, and
// the point index look-ups use keeps its grid in typed arrays and prepares polygons as points reach them.
// The SQLite R-tree with turf stays as the independent check the tests compare the index with.
import Database from 'better-sqlite3';
import * as turf from '../geo/turf.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { LAYERS, type LayerId } from '../registry/layers.ts';
import { readAreas } from './stored-area.ts';
import { readEntries, readRules } from './tables/appendix.ts';
import { attributeReader } from './tables/area-attributes.ts';
import { geometryReader, rtreeReader } from './tables/areas.ts';
import { readBuiltinRegisters, type StoredBuiltinRegister } from './tables/builtin-registers.ts';
import { readDistricts } from './tables/districts.ts';
import { imdMixReader } from './tables/imd-mix.ts';
import { readLayers } from './tables/layers.ts';
import { readLsoaPlaces } from './tables/lsoa-places.ts';
import { readMeta } from './tables/meta.ts';
import { postcodePrefixReader, postcodeReader } from './tables/postcodes.ts';
import { readProvisionKey } from './tables/provision-key.ts';
import { readServices } from './tables/services.ts';
import { readSources } from './tables/sources.ts';
import type { AppendixEntryRecord, AreaRecord, LayerRecord, PostcodeRecord, RuleRecord, ServiceRecord, SourceRecord } from './records.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { AreaLocator } from './area-locator.ts';
import { ByteBoundedCache } from '../cache/byte-bounded-cache.ts';
import { INSIDE } from '../geo/prepared-polygon.ts';
import { TileStore } from './tile-store.ts';
import { PARSED_GEOMETRY_BYTES } from '../config/limits.ts';
import { OutputAreaIndex } from './output-area-index.ts';

export class StaleDatabaseError extends Error {}

/** Parsed geometries kept for reuse, counted as three times their JSON length (about what V8's arrays take). */

export interface Placed {
  area: AreaRecord;
  /** Neighbours of the same layer whose shared boundary the point lies on. */
  boundaryWith: AreaRecord[];
}

export class AtlasStore {
  readonly layers: LayerRecord[];
  readonly services: ServiceRecord[];
  readonly rules: RuleRecord[];
  readonly entries: AppendixEntryRecord[];
  readonly provisionKey: ReturnType<typeof readProvisionKey>;
  readonly sources: SourceRecord[];
  readonly districts: { code: string; name: string }[];
  readonly countyPopulation: number;
  /** The area the atlas covers, as geodata/area.json gave it at build time. */
  readonly covers: { name: string; code: string; notCovered: string; postcodeFile: string };
  readonly builtAt: string;
  readonly inputsHash: string;
  private readonly byLayer = new Map<LayerId, AreaRecord[]>();
  private readonly byId = new Map<number, AreaRecord>();
  private readonly byLayerCode = new Map<string, AreaRecord>();
  private readonly db: Database.Database;
  private readonly rtreeQuery: ReturnType<typeof rtreeReader>;
  private readonly postcodeQuery: ReturnType<typeof postcodeReader>;
  private imdMixQuery: ReturnType<typeof imdMixReader> | undefined;
  private readonly postcodePrefixQuery: ReturnType<typeof postcodePrefixReader>;

  private tileStore: TileStore | undefined;

  constructor(readonly path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    const meta = readMeta(this.db);
    if (meta.get('schema_version') !== String(SCHEMA_VERSION))
      throw new StaleDatabaseError(`database schema ${meta.get('schema_version')} is not ${SCHEMA_VERSION}; rebuild it`);
    this.countyPopulation = Number(meta.get('county_population'));
    const covers = JSON.parse(meta.get('area') ?? 'null') as AtlasStore['covers'] | null;
    if (!covers) throw new StaleDatabaseError('database does not say which area it covers (meta "area"); rebuild it');
    this.covers = covers;
    this.builtAt = meta.get('built_at') ?? '';
    this.inputsHash = meta.get('inputs_hash') ?? '';
    this.reconciliationJson = meta.get('reconciliation') ?? '{}';
    this.reconciliationMarkdown = meta.get('reconciliation_md') ?? '';

    this.sources = readSources(this.db);
    this.districts = readDistricts(this.db);
    this.services = readServices(this.db);
    this.rules = readRules(this.db);
    this.entries = readEntries(this.db);
    this.provisionKey = readProvisionKey(this.db);
    // The reader's page cache (bounded in bytes) keeps recently read geometries close without parsing them.
    this.db.pragma('cache_size = -65536');
    const geometryQuery = geometryReader(this.db);
    const json = (id: number) => geometryQuery(id) ?? 'null';
    const parsed = new ByteBoundedCache<number, AreaRecord['geometry']>(PARSED_GEOMETRY_BYTES);
    const parse = (id: number, text = json(id)) => parsed.set(id, JSON.parse(text), text.length * 3);
    const source = {
      json,
      parsed: (id: number) => parsed.get(id) ?? parse(id),
      ...attributeReader(this.db, this.entries, (layer, code) => this.byLayerCode.get(`${layer}|${code}`)?.name),
    };
    for (const area of readAreas(this.db, this.districts, source)) {
      this.byId.set(area.id, area);
      this.byLayerCode.set(`${area.layer}|${area.code}`, area);
      const list = this.byLayer.get(area.layer) ?? [];
      list.push(area);
      this.byLayer.set(area.layer, list);
    }
    this.layers = readLayers(this.db, this.sources);
    this.rtreeQuery = rtreeReader(this.db);
    this.postcodeQuery = postcodeReader(this.db);
    this.postcodePrefixQuery = postcodePrefixReader(this.db);
  }

  readonly reconciliationJson: string;
  readonly reconciliationMarkdown: string;
  private locatorBuilt: AreaLocator | undefined;

  /** The in-memory point index over every layer, prepared on first use. */
  get locator(): AreaLocator {
    return (this.locatorBuilt ??= new AreaLocator((layer) => this.areas(layer)));
  }

  private outputAreaIndex: OutputAreaIndex | undefined;

  /** The Census 2021 Output Areas every figure is built from, read on first use (custom areas). */
  get outputAreas(): OutputAreaIndex {
    return (this.outputAreaIndex ??= new OutputAreaIndex(this.db));
  }

  /** How many polygons the point index has prepared (none until a point first needs one). */
  preparedPolygons(): number {
    return this.locatorBuilt?.preparedCount ?? 0;
  }

  areas(layer: LayerId): readonly AreaRecord[] {
    return this.byLayer.get(layer) ?? [];
  }

  /** The parishes and wards each LSOA covers, by share of its residents, as the build tallied them. */
  lsoaPlaces(): { lsoa: string; layer: 'parishes' | 'wards'; code: string; name: string; share: number }[] {
    const rows = readLsoaPlaces(this.db);
    return rows.map((r) => ({ ...r, name: this.area(r.code, r.layer)?.name ?? r.code }));
  }

  /** The area's residents by IMD 2025 decile (decile 1 first), or null when none of its Output Areas has one. */
  imdMix(layer: LayerId, code: string): number[] | null {
    this.imdMixQuery ??= imdMixReader(this.db);
    return this.imdMixQuery(layer, code);
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
    return this.rtreeQuery(lon, lat).map((id) => this.byId.get(id)!);
  }

  /** The area of each layer containing the point: R-tree candidates, then an exact point-in-polygon test. */
  containing(lon: number, lat: number): AreaRecord[] {
    return this.candidates(lon, lat).filter((a) => a.geometryType !== 'Point' && turf.booleanPointInPolygon([lon, lat], a.geometry as Polygon | MultiPolygon));
  }

  /**
   * One area per layer holding the point, in registry order. A point exactly on a shared boundary lies
   * in both neighbours: the area that holds it strictly wins, else the lowest GSS code (the rule the
   * registers count by), and the neighbours it touches are returned rather than silently dropped.
   */
  placeInLayers(lon: number, lat: number): Placed[] {
    const placed: Placed[] = [];
    for (const inLayer of this.locator.hits(lon, lat)) {
      if (inLayer.length === 0) continue;
      if (inLayer.length === 1) {
        placed.push({ area: inLayer[0].area, boundaryWith: [] });
        continue;
      }
      const strict = inLayer.find((h) => h.position === INSIDE);
      const area = (strict ?? inLayer[0]).area;
      placed.push({ area, boundaryWith: strict ? [] : inLayer.filter((h) => h.area !== area).map((h) => h.area) });
    }
    return placed;
  }

  postcode(key: string): PostcodeRecord | undefined {
    return this.postcodeQuery(key);
  }

  postcodesStartingWith(keyPrefix: string, limit: number): PostcodeRecord[] {
    return this.postcodePrefixQuery(keyPrefix, limit);
  }

  /** The built-in registers as the build placed them (server/registers/builtin-placements.ts reads them). */
  builtinRegisters(): StoredBuiltinRegister[] {
    return readBuiltinRegisters(this.db);
  }

  /** The vector tiles, on their own connection, opened once when first asked for and closed with the store. */
  tiles(): TileStore {
    this.tileStore ??= new TileStore(this.path);
    return this.tileStore;
  }

  close() {
    this.tileStore?.close();
    this.db.close();
  }
}
