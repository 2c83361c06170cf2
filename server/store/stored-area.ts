// An area as the store holds it: the columns of its row (server/store/tables/areas.ts), and its
// geometry, designations, provision and services read from the database when first asked for.
import type Database from 'better-sqlite3';
import { SERVICE_IDS, type Category, type Extent, type ServiceId } from '../domain/vocabulary.ts';
import type { LayerId } from '../registry/layers.ts';
import type { AreaDesignationRecord, AreaProvisionRecord, AreaRecord, ServiceExtent } from './records.ts';
import type { AttributeReader } from './tables/area-attributes.ts';
import { areaColumns, eachAreaRow, type AreaColumns } from './tables/areas.ts';

const NO_SERVICE: ServiceExtent = { extent: null, share: null, withheldUnparished: false, shareAtLeast: false };

/**
 * Where an area's stored parts come from when first asked for: its geometry (`json`, and `parsed`
 * from it) and its designations, inferred provision and service extents. At England size reading those
 * for every area at start (half a million service rows, 150,000 designations) took most of start-up and
 * gave the garbage collector seconds of work; each is one indexed read of a few rows when first used.
 */
export interface AreaSource extends AttributeReader {
  json(id: number): string;
  parsed(id: number): AreaRecord['geometry'];
}

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
    c: AreaColumns,
    districtName: string,
  ) {
    this.id = c.id;
    this.layer = c.layer;
    this.code = c.code;
    this.name = c.name;
    this.districtCode = c.districtCode;
    this.districtName = districtName;
    this.geometryType = c.geometryType;
    this.geometrySource = c.geometrySource;
    this.bbox = c.bbox;
    this.label = c.label;
    this.centroid = c.centroid;
    this.population = c.population;
    this.densityPopulation = c.geometryType === 'Point' ? null : c.population;
    this.populationNote = c.geometryType === 'Point' ? labelPointNote(c.population) : null;
    this.category = c.category;
    this.categoryExtent = c.categoryExtent;
    this.categoryShare = c.categoryShare;
    this.categoryShareAtLeast = c.categoryShareAtLeast;
    this.imd = c.imd;
    this.cni = c.cni;
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
  for (const row of eachAreaRow(db)) {
    const c = areaColumns(row);
    areas.push(new StoredArea(source, c, districtName.get(c.districtCode) ?? c.districtCode));
  }
  return areas;
}

/** A label-point parish has no Output Area of its own under the ONS best-fit method. */
function labelPointNote(population: number | null): string {
  return population === null
    ? 'A label point only: under the ONS best-fit method its residents are counted in a neighbouring parish, so it has no population or group density of its own.'
    // At most 254 characters: a Shapefile's text field holds no more.
    : `A label point only: the ONS best-fit lookup assigns this parish ${population} residents (its own Census 2021 Output Area), but there is no polygon for it, so no group can be placed in it and it has no density of its own.`;
}
