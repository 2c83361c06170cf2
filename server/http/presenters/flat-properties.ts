// The flat form of an area for GIS clients (Shapefile, GeoPackage, fiona/geopandas, R, spreadsheets):
// every property a scalar under a name of at most 10 characters, derived from the nested properties.
import type { Geometry } from 'geojson';
import type { LayerId } from '../../registry/layers.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import type { AreaProperties } from './area-feature.ts';
import { fieldsFor } from './area-fields.ts';

export type Scalar = string | number | boolean | null;
export type FlatType = 'string' | 'integer' | 'number' | 'boolean';

/** One flat column: its name (≤ 10 characters), type and meaning, the nested property it comes from, and how. */
export interface FlatColumn {
  name: string;
  type: FlatType;
  description: string;
  from: string;
  get(props: AreaProperties, geometry: Geometry | null): Scalar;
}

/** Nested scalars whose names are longer than a Shapefile's 10 characters. */
const SHORT: Readonly<Record<string, string>> = {
  district_code: 'dist_code',
  district_name: 'dist_name',
  category_extent: 'cat_extent',
  category_share: 'cat_share',
  population_note: 'pop_note',
  groups_per_1000: 'grp_1000',
  groups_per_1000_lower: 'grp_1000lo',
  groups_per_1000_upper: 'grp_1000hi',
  density_flags: 'flags',
  district_groups_per_1000: 'dist_1000',
  county_groups_per_1000: 'cnty_1000',
  geometry_source: 'geom_src',
  left_behind: 'left_behnd',
};

/** Objects keyed by service id: one column per service, named prefix + the service's gis_key (geodata/services.csv). */
const PER_SERVICE: Readonly<Record<string, { prefix: string; type: FlatType }>> = {
  services: { prefix: 'svc_', type: 'boolean' },
  service_extent: { prefix: 'ext_', type: 'string' },
  service_share: { prefix: 'shr_', type: 'number' },
};

/** Lists of records: a count column, then numbered slots (as many as the layer's longest list) of these keys. */
const SLOTS: Readonly<Record<string, { prefix: string; count: string; keys: Readonly<Record<string, [column: string, type: FlatType]>> }>> = {
  designations: {
    prefix: 'd',
    count: 'desig_n',
    keys: {
      category: ['cat', 'string'], extent: ['ext', 'string'], listed_as: ['listed', 'string'], table: ['table', 'string'], method: ['method', 'string'],
      confidence: ['conf', 'string'], lower_confidence: ['lowcnf', 'boolean'], share: ['share', 'number'], via: ['via', 'string'],
    },
  },
  inferred_provision: {
    prefix: 'p',
    count: 'prov_n',
    keys: { id: ['id', 'string'], label: ['label', 'string'], services: ['svcs', 'string'], extent: ['ext', 'string'], share: ['share', 'number'], confidence: ['conf', 'string'] },
  },
};

/** A list inside a flat cell: its items joined with ";" (records by their code or id), empty when there are none. */
function joined(value: unknown): string {
  if (!Array.isArray(value)) return value === null || value === undefined ? '' : String(value);
  return value.map((v) => (v && typeof v === 'object' ? String((v as Record<string, unknown>).code ?? (v as Record<string, unknown>).id ?? JSON.stringify(v)) : String(v))).join(';');
}

const scalar = (v: unknown): Scalar => (v === undefined ? null : Array.isArray(v) ? joined(v) : (v as Scalar));

/** The flat columns of a layer, in the order of its nested fields. */
function columnsOf(layer: LayerId, serviceKeys: readonly { id: string; gisKey: string; shortName: string }[], slots: Readonly<Record<string, number>>): FlatColumn[] {
  const columns: FlatColumn[] = [];
  for (const field of fieldsFor(layer)) {
    const from = field.name;
    const perService = PER_SERVICE[from];
    const list = SLOTS[from];
    if (perService) {
      for (const s of serviceKeys)
        columns.push({ name: perService.prefix + s.gisKey, type: perService.type, description: `${s.shortName}: ${field.description}`, from, get: (p) => scalar((p[from] as Record<string, unknown> | undefined)?.[s.id]) });
    } else if (list) {
      columns.push({ name: list.count, type: 'integer', description: `How many entries ${from} has; the first ${slots[from] ?? 0} follow as ${list.prefix}1_…`, from, get: (p) => (p[from] as unknown[]).length });
      for (let i = 1; i <= (slots[from] ?? 0); i++)
        for (const [key, [column, type]] of Object.entries(list.keys))
          columns.push({ name: `${list.prefix}${i}_${column}`, type, description: `${from}[${i}].${key}`, from, get: (p) => scalar((p[from] as Record<string, unknown>[])[i - 1]?.[key]) });
    } else {
      const type: FlatType = field.type === 'integer' || field.type === 'number' ? field.type : 'string';
      columns.push({ name: SHORT[from] ?? from, type, description: field.description, from, get: (p) => scalar(p[from]) });
    }
  }
  columns.push(
    { name: 'point_lon', type: 'number', description: 'For an area drawn only as a label point (its geometry is then null): the point\'s longitude; null otherwise', from: 'geometry', get: (_, g) => (g?.type === 'Point' ? g.coordinates[0] : null) },
    { name: 'point_lat', type: 'number', description: 'For an area drawn only as a label point: the point\'s latitude; null otherwise', from: 'geometry', get: (_, g) => (g?.type === 'Point' ? g.coordinates[1] : null) },
  );
  return columns;
}

const frames = new WeakMap<AtlasStore, Map<LayerId, FlatColumn[]>>();

/**
 * The flat columns of a layer in this store: the slot counts are the layer's longest designation and
 * provision lists, so every feature of a layer, on any page, has the same columns.
 */
export function flatColumns(store: AtlasStore, layer: LayerId): FlatColumn[] {
  let byLayer = frames.get(store);
  if (!byLayer) frames.set(store, (byLayer = new Map()));
  let columns = byLayer.get(layer);
  if (!columns) {
    const areas = store.areas(layer);
    const slots = {
      designations: Math.max(0, ...areas.map((a) => a.designations.length)),
      inferred_provision: Math.max(0, ...areas.map((a) => a.provisions.length)),
    };
    byLayer.set(layer, (columns = columnsOf(layer, store.services, slots)));
  }
  return columns;
}

/**
 * The flat properties of one area: the columns whose nested property is present (a `properties=` pick
 * keeps its own), and with a geometry (GeoJSON, not CSV) point_lon/point_lat. Polygon layers keep one
 * geometry type, so the feature of an area drawn only as a label point carries a null geometry
 * (flatGeometry) and its point in those two columns.
 */
export function flattenProperties(columns: readonly FlatColumn[], props: AreaProperties, geometry?: Geometry | null): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const c of columns) if (c.from in props || (c.from === 'geometry' && geometry !== undefined)) out[c.name] = c.get(props, geometry ?? null);
  return out;
}

/** The geometry a flat feature carries: null for a label point (see flattenProperties). */
export const flatGeometry = <G extends Geometry>(geometry: G): G | null => (geometry.type === 'Point' ? null : geometry);
