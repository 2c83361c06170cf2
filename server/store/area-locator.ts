// Places a point in one area of every layer: an in-memory grid over the areas' bounding boxes (the
// same boxes as the atlas R-tree) gives candidates, and a prepared exact point-in-polygon test decides.
// Both group counting and /api/lookup use it, so a group is counted in the area a look-up names.
// Shared boundaries: a point on the edge between two areas is in both, and the lowest GSS code wins,
// so every group is counted at most once per layer whatever order the areas come in.
import type { MultiPolygon, Polygon } from 'geojson';
import { LAYERS, type LayerId } from '../registry/layers.ts';
import type { AreaRecord } from './records.ts';
import { ByteBoundedCache } from '../cache/byte-bounded-cache.ts';
import { ON_EDGE, OUTSIDE, PreparedPolygon, type PointPosition } from '../geo/prepared-polygon.ts';
import { PREPARED_POLYGON_BYTES as PREPARED_BYTES } from '../config/limits.ts';

/** Grid cell size in degrees: about 0.7 km by 1.1 km here, so each cell has a few candidates per layer. */
const CELL = 0.01;
/** Prepared polygons kept for reuse, in bytes of their typed arrays: the areas points actually fall in. */

/** The code of the containing area in each layer, in LAYERS order; null where no polygon holds the point. */
export type Placement = (string | null)[];

interface Candidate {
  layer: number;
  code: string;
  area: AreaRecord;
  bbox: readonly [number, number, number, number];
}

/** An area holding the point, and whether strictly inside it or on its boundary. */
export interface Hit {
  area: AreaRecord;
  position: PointPosition;
}

/**
 * The grid is compact (the candidates of cell i are cellItems[cellStart[i] .. cellStart[i + 1]]), and a
 * polygon is prepared only when a point first reaches its box; the prepared ones are kept up to
 * PREPARED_BYTES, least recently used first out. At England size preparing every polygon up front took
 * seconds of start-up and hundreds of megabytes for areas no point may ever fall in.
 */
export class AreaLocator {
  private readonly minX: number;
  private readonly minY: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly candidates: Candidate[] = [];
  private readonly cellStart: Int32Array;
  private readonly cellItems: Int32Array;
  private readonly prepared = new ByteBoundedCache<Candidate, PreparedPolygon>(PREPARED_BYTES);

  constructor(areasOf: (layer: LayerId) => readonly AreaRecord[]) {
    const all = this.candidates;
    LAYERS.forEach((spec, layer) => {
      for (const area of areasOf(spec.id)) {
        // Areas the import worker hands over carry only code and geometry: those are prepared at once.
        if (!area.bbox) {
          if (area.geometry.type === 'Point') continue;
          const polygon = new PreparedPolygon(area.geometry as Polygon | MultiPolygon);
          const c = { layer, code: area.code, area, bbox: polygon.bbox };
          this.prepared.set(c, polygon, polygon.bytes);
          all.push(c);
        } else if (area.geometryType !== 'Point') all.push({ layer, code: area.code, area, bbox: area.bbox });
      }
    });
    // A loop, not Math.min(...boxes): spreading 100,000+ arguments overflows the stack.
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const { bbox } of all) {
      if (bbox[0] < minX) minX = bbox[0];
      if (bbox[1] < minY) minY = bbox[1];
      if (bbox[2] > maxX) maxX = bbox[2];
      if (bbox[3] > maxY) maxY = bbox[3];
    }
    this.minX = all.length ? minX : 0;
    this.minY = all.length ? minY : 0;
    this.cols = all.length ? Math.max(1, Math.ceil((maxX - minX) / CELL) + 1) : 1;
    this.rows = all.length ? Math.max(1, Math.ceil((maxY - minY) / CELL) + 1) : 1;
    // Lowest code first within a cell, so the first hit per layer is the tie-break winner.
    all.sort((a, b) => a.layer - b.layer || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const counts = new Int32Array(this.cols * this.rows + 1);
    const eachCell = (c: Candidate, visit: (cell: number) => void) => {
      const [x0, y0, x1, y1] = c.bbox;
      for (let row = this.row(y0); row <= this.row(y1); row++) for (let col = this.col(x0); col <= this.col(x1); col++) visit(row * this.cols + col);
    };
    for (const c of all) eachCell(c, (cell) => counts[cell + 1]++);
    for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    this.cellStart = counts;
    this.cellItems = new Int32Array(counts[counts.length - 1]);
    const fill = counts.slice(0, -1);
    all.forEach((c, i) => eachCell(c, (cell) => (this.cellItems[fill[cell]++] = i)));
  }

  private col(x: number) {
    return Math.max(0, Math.min(this.cols - 1, Math.floor((x - this.minX) / CELL)));
  }

  private row(y: number) {
    return Math.max(0, Math.min(this.rows - 1, Math.floor((y - this.minY) / CELL)));
  }

  /** How many polygons are prepared now. */
  get preparedCount(): number {
    return this.prepared.size;
  }

  /** The candidate's prepared polygon, made (from the stored geometry) the first time a point needs it. */
  private polygon(c: Candidate): PreparedPolygon {
    const ready = this.prepared.get(c);
    if (ready) return ready;
    const polygon = new PreparedPolygon(c.area.geometryJson === undefined ? (c.area.geometry as Polygon | MultiPolygon) : (JSON.parse(c.area.geometryJson) as Polygon | MultiPolygon));
    return this.prepared.set(c, polygon, polygon.bytes);
  }

  /** The candidates whose box covers the point's cell, lowest layer and code first. */
  private* cell(lon: number, lat: number): Generator<Candidate> {
    const cell = this.row(lat) * this.cols + this.col(lon);
    for (let i = this.cellStart[cell], end = this.cellStart[cell + 1]; i < end; i++) yield this.candidates[this.cellItems[i]];
  }

  /** Outside the candidate's box (with the boundary tolerance): no need to prepare its polygon. */
  private static off(c: Candidate, lon: number, lat: number) {
    const [x0, y0, x1, y1] = c.bbox;
    return lon < x0 - ON_EDGE || lon > x1 + ON_EDGE || lat < y0 - ON_EDGE || lat > y1 + ON_EDGE;
  }

  /** The containing area of every layer (lowest code on a shared boundary). */
  place(lon: number, lat: number): Placement {
    const out: Placement = LAYERS.map(() => null);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return out;
    for (const c of this.cell(lon, lat)) {
      if (out[c.layer] === null && !AreaLocator.off(c, lon, lat) && this.polygon(c).contains(lon, lat)) out[c.layer] = c.code;
    }
    return out;
  }

  /**
   * Every area holding the point, per layer in LAYERS order, lowest code first. A point on a shared
   * boundary is in each neighbour (ON_BOUNDARY); callers decide which one answers.
   */
  hits(lon: number, lat: number): Hit[][] {
    const out: Hit[][] = LAYERS.map(() => []);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return out;
    for (const c of this.cell(lon, lat)) {
      if (AreaLocator.off(c, lon, lat)) continue;
      const position = this.polygon(c).classify(lon, lat);
      if (position !== OUTSIDE) out[c.layer].push({ area: c.area, position });
    }
    return out;
  }

  /** Inside the county: some polygon of some layer holds the point (the union of the layers' areas). */
  inCounty(placement: Placement): boolean {
    return placement.some((code) => code !== null);
  }
}
