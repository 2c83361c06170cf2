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
    // Typed arrays filled in counted passes (no array per band): a district-sized custom area has
    // thousands of edges, and arrays of arrays made its preparation mostly garbage collection.
    let count = 0;
    for (const ring of rings) count += Math.max(0, ring.length - 1);
    const edges = (this.edges = new Float64Array(count * 4));
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    let k = 0;
    for (const ring of rings)
      for (let i = 0; i + 1 < ring.length; i++) {
        const x1 = ring[i][0], y1 = ring[i][1];
        edges[k++] = x1;
        edges[k++] = y1;
        edges[k++] = ring[i + 1][0];
        edges[k++] = ring[i + 1][1];
        if (x1 < minX) minX = x1;
        if (x1 > maxX) maxX = x1;
        if (y1 < minY) minY = y1;
        if (y1 > maxY) maxY = y1;
      }
    this.bbox = [minX, minY, maxX, maxY];
    // About four edges per band keeps each test to a handful of edges without wasting memory.
    const bands = (this.bands = Math.max(1, Math.min(4096, Math.ceil(count / 4))));
    this.bandHeight = (maxY - minY) / bands || 1;
    const span = (e: number): [number, number] => {
      const y1 = edges[e * 4 + 1];
      const y2 = edges[e * 4 + 3];
      return [this.band(Math.min(y1, y2) - ON_EDGE), this.band(Math.max(y1, y2) + ON_EDGE)];
    };
    const start = (this.bandStart = new Int32Array(bands + 1));
    for (let e = 0; e < count; e++) {
      const [first, last] = span(e);
      for (let b = first; b <= last; b++) start[b + 1]++;
    }
    for (let b = 0; b < bands; b++) start[b + 1] += start[b];
    const fill = start.slice(0, bands);
    const members = (this.bandEdges = new Int32Array(start[bands]));
    // Edges go into each band in edge order, as before.
    for (let e = 0; e < count; e++) {
      const [first, last] = span(e);
      for (let b = first; b <= last; b++) members[fill[b]++] = e;
    }
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
