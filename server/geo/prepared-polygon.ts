// An exact point-in-polygon test prepared for many look-ups: the edges of every ring are bucketed
// into horizontal bands, so a test only walks the few edges crossing the point's latitude.
import type { MultiPolygon, Polygon } from 'geojson';

/** A point this close to an edge (in degrees, about 0.1 mm) is on the boundary and counts as inside. */
export const ON_EDGE = 1e-9;

export const OUTSIDE = 0;
export const ON_BOUNDARY = 1;
export const INSIDE = 2;
export type PointPosition = typeof OUTSIDE | typeof ON_BOUNDARY | typeof INSIDE;

export class PreparedPolygon {
  readonly bbox: [number, number, number, number];
  private readonly edges: Float64Array; // x1, y1, x2, y2 per edge
  private readonly bandStart: Int32Array;
  private readonly bandEdges: Int32Array;
  private readonly bandHeight: number;
  private readonly bands: number;

  constructor(geometry: Polygon | MultiPolygon) {
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    const list: number[] = [];
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of rings)
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i];
        const [x2, y2] = ring[i + 1];
        list.push(x1, y1, x2, y2);
        minX = Math.min(minX, x1);
        maxX = Math.max(maxX, x1);
        minY = Math.min(minY, y1);
        maxY = Math.max(maxY, y1);
      }
    this.edges = Float64Array.from(list);
    this.bbox = [minX, minY, maxX, maxY];
    const count = list.length / 4;
    // About four edges per band keeps each test to a handful of edges without wasting memory.
    const bands = (this.bands = Math.max(1, Math.min(4096, Math.ceil(count / 4))));
    this.bandHeight = (maxY - minY) / bands || 1;
    const members: number[][] = Array.from({ length: bands }, () => []);
    for (let e = 0; e < count; e++) {
      const y1 = this.edges[e * 4 + 1];
      const y2 = this.edges[e * 4 + 3];
      for (let b = this.band(Math.min(y1, y2) - ON_EDGE), last = this.band(Math.max(y1, y2) + ON_EDGE); b <= last; b++) members[b].push(e);
    }
    this.bandStart = new Int32Array(bands + 1);
    members.forEach((m, b) => (this.bandStart[b + 1] = this.bandStart[b] + m.length));
    this.bandEdges = Int32Array.from(members.flat());
  }

  /** Bytes held in typed arrays: what a cache of prepared polygons counts. */
  get bytes(): number {
    return this.edges.byteLength + this.bandStart.byteLength + this.bandEdges.byteLength;
  }

  private band(y: number): number {
    return Math.max(0, Math.min(this.bands - 1, Math.floor((y - this.bbox[1]) / this.bandHeight)));
  }

  /** True inside or on the boundary (so a point on a shared edge is in both neighbours; callers break the tie). */
  contains(x: number, y: number): boolean {
    return this.classify(x, y) !== OUTSIDE;
  }

  /** Where the point is: OUTSIDE, ON_BOUNDARY (an edge or vertex of any ring) or INSIDE (strictly). */
  classify(x: number, y: number): PointPosition {
    const [minX, minY, maxX, maxY] = this.bbox;
    if (x < minX - ON_EDGE || x > maxX + ON_EDGE || y < minY - ON_EDGE || y > maxY + ON_EDGE) return OUTSIDE;
    const b = this.band(y);
    const e = this.edges;
    let inside = false;
    for (let i = this.bandStart[b], end = this.bandStart[b + 1]; i < end; i++) {
      const k = this.bandEdges[i] * 4;
      const x1 = e[k], y1 = e[k + 1], x2 = e[k + 2], y2 = e[k + 3];
      if (onSegment(x, y, x1, y1, x2, y2)) return ON_BOUNDARY;
      // Half-open crossing rule: each edge counts for latitudes in [min y, max y).
      if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
    }
    return inside ? INSIDE : OUTSIDE;
  }
}

function onSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  if (x < Math.min(x1, x2) - ON_EDGE || x > Math.max(x1, x2) + ON_EDGE || y < Math.min(y1, y2) - ON_EDGE || y > Math.max(y1, y2) + ON_EDGE) return false;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(x - x1, y - y1) <= ON_EDGE;
  return Math.abs(dx * (y - y1) - dy * (x - x1)) / length <= ON_EDGE;
}
