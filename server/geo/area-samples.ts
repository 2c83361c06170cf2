// Whether a drawn polygon covers the whole of an area, tested on a regular grid of points inside the
// area: the polygon covers it when it holds every one of them. A few hundred point tests per area, on a
// polygon already prepared, stopping at the first point left out; exact for a polygon drawn along the
// area's own outline.
import { INSIDE, type PreparedPolygon } from './prepared-polygon.ts';

/** About this many grid points fall inside an area (fewer for an area that fills little of its box). */
export const SAMPLES_PER_AREA = 128;

/**
 * Points of a regular grid strictly inside the area, as x, y pairs (single precision: about 1 cm here).
 * The grid is square on the ground (longitude steps widened by 1 / cos latitude) and sized from the box
 * so about SAMPLES_PER_AREA of its points would fall in a box-filling area; the cell centres are taken,
 * and a point on the area's boundary left out, so a polygon drawn along the same outline holds them all.
 */
export function samplePoints(area: PreparedPolygon, target = SAMPLES_PER_AREA): Float32Array {
  const [w, s, e, n] = area.bbox;
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180) || 1;
  const step = Math.sqrt(((e - w) * k * (n - s)) / target) || 1e-6;
  const [dx, dy] = [step / k, step];
  const out: number[] = [];
  for (let y = s + dy / 2; y < n; y += dy)
    for (let x = w + dx / 2; x < e; x += dx) {
      // Kept only if still strictly inside once rounded to single precision.
      const [fx, fy] = [Math.fround(x), Math.fround(y)];
      if (area.classify(fx, fy) === INSIDE) out.push(fx, fy);
    }
  return Float32Array.from(out);
}

/** The area's size in square degrees of latitude (longitude scaled by cos latitude): enough to say which of two is larger. */
export function planarSize(geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let size = 0;
  for (const rings of polygons)
    rings.forEach((ring, i) => {
      let twice = 0;
      for (let j = 0; j + 1 < ring.length; j++) twice += ring[j][0] * Math.cos((ring[j][1] * Math.PI) / 180) * ring[j + 1][1] - ring[j + 1][0] * Math.cos((ring[j + 1][1] * Math.PI) / 180) * ring[j][1];
      // The outer ring adds, holes take away, whatever their winding.
      size += (i === 0 ? 1 : -1) * Math.abs(twice / 2);
    });
  return size;
}

/** Whether the polygon holds every sample (on its boundary counts as held); false for an area with none. */
export function holdsAll(samples: Float32Array, polygon: PreparedPolygon): boolean {
  if (samples.length === 0) return false;
  const [w, s, e, n] = polygon.bbox;
  for (let i = 0; i < samples.length; i += 2) {
    const x = samples[i];
    const y = samples[i + 1];
    if (x < w || x > e || y < s || y > n || !polygon.contains(x, y)) return false;
  }
  return true;
}
