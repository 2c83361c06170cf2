// Geometry clean-up for serving: RFC 7946 winding, 6-decimal coordinates, bounding boxes,
// label points and the point-in-area test every spatial join in the build uses.
import * as turf from './turf.ts';
import type { Feature, MultiPolygon, Point, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon | Point;
export type BBox = [number, number, number, number];

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Rounds to 6 decimals (about 0.1 m) and drops consecutive duplicates the rounding creates. */
function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [lon, lat] of ring) {
    const p = [round6(lon), round6(lat)];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  return out;
}

/** Outer rings anticlockwise, holes clockwise (RFC 7946 §3.1.6), coordinates at 6 decimals. */
export function normaliseGeometry(geometry: AreaGeometry): AreaGeometry {
  if (geometry.type === 'Point') return { type: 'Point', coordinates: geometry.coordinates.slice(0, 2).map(round6) };
  const rewound = turf.rewind(geometry, { reverse: false }) as Polygon | MultiPolygon;
  if (rewound.type === 'Polygon') return { type: 'Polygon', coordinates: rewound.coordinates.map(roundRing) };
  return { type: 'MultiPolygon', coordinates: rewound.coordinates.map((poly) => poly.map(roundRing)) };
}

export function bboxOf(geometry: AreaGeometry): BBox {
  return turf.bbox(geometry) as BBox;
}

/** A point guaranteed to lie on the area: where a map puts its label and where "zoom to" aims. */
export function labelPoint(geometry: AreaGeometry): [number, number] {
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
  const [lon, lat] = turf.pointOnFeature(geometry).geometry.coordinates;
  return [round6(lon), round6(lat)];
}

/** Area-weighted centre, which may fall outside a crescent-shaped area; the CSV export gives it as the centroid. */
export function centroid(geometry: AreaGeometry): [number, number] {
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
  const [lon, lat] = turf.centerOfMass(geometry).geometry.coordinates;
  return [round6(lon), round6(lat)];
}

export function isInside(point: [number, number], geometry: AreaGeometry, bbox: BBox): boolean {
  if (geometry.type === 'Point') return false;
  const [lon, lat] = point;
  if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) return false;
  return turf.booleanPointInPolygon(point, geometry);
}

/** Kilometres from the point to the area's edge (0 inside); used only where no area contains a point. */
export function distanceToArea(point: [number, number], geometry: AreaGeometry): number {
  if (geometry.type === 'Point') return turf.distance(point, geometry.coordinates);
  const feature: Feature<Polygon | MultiPolygon> = turf.feature(geometry);
  return Math.max(0, turf.pointToPolygonDistance(point, feature));
}
