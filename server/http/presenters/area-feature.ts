// Turns an area into its GeoJSON feature: top-level id = GSS code, the documented properties,
// and geometry at the requested precision.
import { INDICES_LAYER } from '../../registry/layers.ts';
import { designationLine } from '../../domain/designation-words.ts';
import type { Geometry, Position } from 'geojson';
import { areaDensity, type DensityContext } from '../../analysis/density-context.ts';
import { SERVICE_IDS, type ServiceId } from '../../domain/vocabulary.ts';
import type { AreaDesignationRecord, AreaRecord } from '../../store/records.ts';
import { fieldsFor } from './area-fields.ts';

export type AreaProperties = Record<string, unknown>;

/** One designation as every answer shows it: the listing, how it was resolved and how sure that is. */
export function designationProperties(d: AreaDesignationRecord, area: { layer: string; code: string }) {
  return {
    /** The designation in words, the one sentence every client shows (never "listed as" unless Appendix One names this area). */
    text: designationLine(d, area),
    category: d.category,
    extent: d.extent,
    listed_as: d.listedAs,
    table: d.table,
    method: d.method,
    confidence: d.confidence,
    lower_confidence: d.lowerConfidence,
    share: d.share,
    via: d.via,
  };
}

export function areaProperties(area: AreaRecord, groups: number, density: DensityContext | null = null): AreaProperties {
  const props: AreaProperties = {
    code: area.code,
    name: area.name,
    layer: area.layer,
    district_code: area.districtCode,
    district_name: area.districtName,
    category: area.category,
    category_extent: area.categoryExtent,
    category_share: area.categoryShare,
    designations: area.designations.map((d) => designationProperties(d, area)),
    inferred_provision: area.provisions.map((p) => ({ id: p.id, label: p.label, services: p.services, extent: p.extent, share: p.share, confidence: 'inferred' as const })),
    services: Object.fromEntries(SERVICE_IDS.map((s) => [s, area.services[s] !== null])) as Record<ServiceId, boolean>,
    service_extent: area.services,
    service_share: Object.fromEntries(SERVICE_IDS.map((s) => [s, area.serviceCover[s].share])) as Record<ServiceId, number | null>,
    population: area.population,
    groups,
    ...areaDensity(area, groups, density),
  };
  if (area.layer === 'parishes') {
    props.geometry_source = area.geometrySource;
    props.population_note = area.populationNote;
  }
  if (area.layer === INDICES_LAYER) {
    props.imd_decile = area.imd?.decile ?? null;
    props.imd_rank = area.imd?.rank ?? null;
    props.cni_score = area.cni?.score ?? null;
    props.cni_rank = area.cni?.rank ?? null;
    props.left_behind = area.cni ? (area.cni.leftBehind ? 'yes' : 'no') : null;
  }
  return props;
}

/** Keeps only the named properties that this layer has (the caller has checked the names exist at all). */
export function pickProperties(props: AreaProperties, names: readonly string[] | null): AreaProperties {
  if (!names) return props;
  return Object.fromEntries(names.filter((n) => n in props).map((n) => [n, props[n]]));
}

/** Twice the signed (shoelace) area: positive for anticlockwise rings. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/** The stored bbox widened to the precision, so it still contains the rounded geometry (RFC 7946 §5). */
export function roundBBox(bbox: readonly number[], precision: number): number[] {
  if (precision >= 6) return [...bbox];
  const f = 10 ** precision;
  const [w, s, e, n] = bbox;
  return [Math.floor(w * f) / f, Math.floor(s * f) / f, Math.ceil(e * f) / f, Math.ceil(n * f) / f];
}

/** At most 6 decimals are stored, so precision 7 returns the stored coordinates unchanged. */
export function roundGeometry(geometry: Geometry, precision: number): Geometry {
  if (precision >= 6) return geometry;
  const f = 10 ** precision;
  const r = (p: Position): Position => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
  const ring = (positions: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of positions.map(r)) {
      const prev = out[out.length - 1];
      if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
    }
    // Coarse precision can collapse a ring or flip its winding; keep the stored ring rather than emit
    // geometry that breaks RFC 7946's right-hand rule.
    return out.length >= 4 && Math.sign(ringArea(out)) === Math.sign(ringArea(positions)) ? out : positions;
  };
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: r(geometry.coordinates) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map(ring) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
    default:
      return geometry;
  }
}

export function areaFeature(area: AreaRecord, groups: number, opts: { precision?: number; properties?: readonly string[] | null; density?: DensityContext | null } = {}) {
  return {
    type: 'Feature' as const,
    id: area.code,
    bbox: roundBBox(area.bbox, opts.precision ?? 6),
    properties: pickProperties(areaProperties(area, groups, opts.density ?? null), opts.properties ?? null),
    geometry: roundGeometry(area.geometry, opts.precision ?? 6),
  };
}

export const layerFieldNames = (layer: AreaRecord['layer']) => fieldsFor(layer).map((f) => f.name);
