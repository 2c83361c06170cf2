// Places a point in one area of every layer: an in-memory grid over the areas' bounding boxes (the
// same boxes as the atlas R-tree) gives candidates, and a prepared exact point-in-polygon test decides.
// Both group counting and /api/lookup use it, so a group is counted in the area a look-up names.
// Shared boundaries: a point on the edge between two areas is in both, and the lowest GSS code wins,
// so every group is counted at most once per layer whatever order the areas come in.
import type { MultiPolygon, Polygon } from 'geojson';
import { LAYERS, type LayerId } from '../layers.ts';
import type { AreaRecord } from './records.ts';
import { OUTSIDE, PreparedPolygon, type PointPosition } from './prepared-polygon.ts';

/** Grid cell size in degrees: about 0.7 km by 1.1 km here, so each cell has a few candidates per layer. */
const CELL = 0.01;

/** The code of the containing area in each layer, in LAYERS order; null where no polygon holds the point. */
export type Placement = (string | null)[];

interface Candidate {
  layer: number;
  code: string;
  area: AreaRecord;
  polygon: PreparedPolygon;
}

/** An area holding the point, and whether strictly inside it or on its boundary. */
export interface Hit {
  area: AreaRecord;
  position: PointPosition;
}

export class AreaLocator {
  private readonly minX: number;
  private readonly minY: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cells: Candidate[][];

  constructor(areasOf: (layer: LayerId) => readonly AreaRecord[]) {
    const all: Candidate[] = [];
    LAYERS.forEach((spec, layer) => {
      for (const area of areasOf(spec.id))
        if (area.geometry.type !== 'Point') all.push({ layer, code: area.code, area, polygon: new PreparedPolygon(area.geometry as Polygon | MultiPolygon) });
    });
    this.minX = Math.min(...all.map((c) => c.polygon.bbox[0]));
    this.minY = Math.min(...all.map((c) => c.polygon.bbox[1]));
    this.cols = Math.max(1, Math.ceil((Math.max(...all.map((c) => c.polygon.bbox[2])) - this.minX) / CELL) + 1);
    this.rows = Math.max(1, Math.ceil((Math.max(...all.map((c) => c.polygon.bbox[3])) - this.minY) / CELL) + 1);
    this.cells = Array.from({ length: this.cols * this.rows }, () => []);
    // Lowest code first within a cell, so the first hit per layer is the tie-break winner.
    all.sort((a, b) => a.layer - b.layer || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const c of all) {
      const [x0, y0, x1, y1] = c.polygon.bbox;
      for (let row = this.row(y0); row <= this.row(y1); row++) for (let col = this.col(x0); col <= this.col(x1); col++) this.cells[row * this.cols + col].push(c);
    }
  }

  private col(x: number) {
    return Math.max(0, Math.min(this.cols - 1, Math.floor((x - this.minX) / CELL)));
  }

  private row(y: number) {
    return Math.max(0, Math.min(this.rows - 1, Math.floor((y - this.minY) / CELL)));
  }

  /** The containing area of every layer (lowest code on a shared boundary). */
  place(lon: number, lat: number): Placement {
    const out: Placement = LAYERS.map(() => null);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return out;
    for (const c of this.cells[this.row(lat) * this.cols + this.col(lon)]) {
      if (out[c.layer] === null && c.polygon.contains(lon, lat)) out[c.layer] = c.code;
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
    for (const c of this.cells[this.row(lat) * this.cols + this.col(lon)]) {
      const position = c.polygon.classify(lon, lat);
      if (position !== OUTSIDE) out[c.layer].push({ area: c.area, position });
    }
    return out;
  }

  /** Inside the county: some polygon of some layer holds the point (the union of the layers' areas). */
  inCounty(placement: Placement): boolean {
    return placement.some((code) => code !== null);
  }
}
