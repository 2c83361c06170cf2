// Point-to-area assignment for the build: which area of a layer holds each point.
// A sparse grid over the areas' bounding boxes gives candidates, so each point costs a few tests
// however many areas there are (the old scan of every area made the build quadratic). Exact
// point-in-polygon then decides, in file order, so the first containing area wins as before; a point in
// a sliver gap between generalised boundaries goes to the nearest area within maxNearestKm, and the
// caller is told how many did.
import { distanceToArea, isInside, type AreaGeometry, type BBox } from './geometry.ts';

/** What the index reads of an area: its code, box and serialised geometry (parsed only when a point needs it). */
export interface IndexedArea {
  code: string;
  geometryType: AreaGeometry['type'];
  geometryJson: string;
  bbox: BBox;
}

export interface Located {
  code: string;
  /** True when no area contained the point and the nearest one was taken. */
  nearest: boolean;
}

/** Grid cell size in degrees (about 1.4 km by 2.2 km in England): a few candidates per cell per layer. */
const CELL = 0.02;
const KM_PER_DEGREE_LAT = 111.32;
/** Stored text of the parsed geometries an index keeps (see AreaIndex.parsed). */
const PARSED_JSON_BYTES = 16e6;

export class AreaIndex {
  /** Cell key → positions (in file order) of the areas whose box touches the cell. */
  private readonly cells = new Map<number, number[]>();
  /**
   * Recently tested geometries, by position, least recently used first, up to PARSED_JSON_BYTES of their
   * stored text (parsed coordinates take about three times that). Points come in file order, which
   * keeps neighbours together, so a small cache serves nearly every test; holding every parsed area
   * of the LSOA layer took about a gigabyte at England size.
   */
  private parsed = new Map<number, AreaGeometry>();
  private parsedBytes = 0;

  constructor(private readonly areas: readonly IndexedArea[]) {
    areas.forEach((area, i) => {
      const [x0, y0, x1, y1] = area.bbox;
      for (let row = cell(y0); row <= cell(y1); row++)
        for (let col = cell(x0); col <= cell(x1); col++) {
          const key = cellKey(col, row);
          const list = this.cells.get(key);
          if (list) list.push(i);
          else this.cells.set(key, [i]);
        }
    });
  }

  private geometry(i: number): AreaGeometry {
    let g = this.parsed.get(i);
    if (g) {
      this.parsed.delete(i);
      this.parsed.set(i, g);
      return g;
    }
    g = JSON.parse(this.areas[i].geometryJson) as AreaGeometry;
    this.parsed.set(i, g);
    this.parsedBytes += this.areas[i].geometryJson.length;
    for (const oldest of this.parsed.keys()) {
      if (this.parsedBytes <= PARSED_JSON_BYTES || oldest === i) break;
      this.parsed.delete(oldest);
      this.parsedBytes -= this.areas[oldest].geometryJson.length;
    }
    return g;
  }

  /** Lets the parsed geometries go once the bulk of the points are placed (later look-ups parse again). */
  release() {
    this.parsed = new Map();
    this.parsedBytes = 0;
  }

  /** Areas whose box comes within `margin` degrees of the point, in file order. */
  private candidates([x, y]: [number, number], marginX = 0, marginY = 0): number[] {
    if (marginX === 0 && marginY === 0) return this.cells.get(cellKey(cell(x), cell(y))) ?? [];
    const found = new Set<number>();
    for (let row = cell(y - marginY); row <= cell(y + marginY); row++)
      for (let col = cell(x - marginX); col <= cell(x + marginX); col++) for (const i of this.cells.get(cellKey(col, row)) ?? []) found.add(i);
    return [...found].sort((a, b) => a - b);
  }

  locate(point: [number, number], maxNearestKm = 1): Located | null {
    for (const i of this.candidates(point)) {
      const area = this.areas[i];
      if (area.geometryType !== 'Point' && isInside(point, this.geometry(i), area.bbox)) return { code: area.code, nearest: false };
    }
    // Only an area whose box lies within maxNearestKm can be within maxNearestKm (with room for rounding).
    const marginY = (maxNearestKm / KM_PER_DEGREE_LAT) * 1.5;
    const marginX = marginY / Math.max(0.01, Math.cos((point[1] * Math.PI) / 180));
    let best: { code: string; km: number } | null = null;
    for (const i of this.candidates(point, marginX, marginY)) {
      const area = this.areas[i];
      if (area.geometryType === 'Point') continue;
      const km = distanceToArea(point, this.geometry(i));
      if (!best || km < best.km) best = { code: area.code, km };
    }
    return best && best.km <= maxNearestKm ? { code: best.code, nearest: true } : null;
  }
}

const cell = (v: number) => Math.floor(v / CELL);
// Columns and rows stay within ±9,000 for any longitude/latitude, so one number keys a cell.
const cellKey = (col: number, row: number) => (row + 10_000) * 20_000 + (col + 10_000);
