// Point-to-area assignment for the build: which area of a layer holds each point.
// Exact point-in-polygon after a bbox test; a point in a sliver gap between generalised
// boundaries goes to the nearest area, and the caller is told how many did.
import type { BoundaryArea } from './boundaries.ts';
import { distanceToArea, isInside } from './geometry.ts';

export interface Located {
  code: string;
  /** True when no area contained the point and the nearest one was taken. */
  nearest: boolean;
}

export function locatePoint(point: [number, number], areas: readonly BoundaryArea[], maxNearestKm = 1): Located | null {
  for (const area of areas) if (isInside(point, area.geometry, area.bbox)) return { code: area.code, nearest: false };
  let best: { code: string; km: number } | null = null;
  for (const area of areas) {
    if (area.geometry.type === 'Point') continue;
    const km = distanceToArea(point, area.geometry);
    if (!best || km < best.km) best = { code: area.code, km };
  }
  return best && best.km <= maxNearestKm ? { code: best.code, nearest: true } : null;
}
