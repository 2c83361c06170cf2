// The case studies a profile lists, as a pure function: those in or near the area, nearest first.
import type { CaseStudyCollection } from '../types.ts';

export interface NearbyCase {
  name: string;
  summary: string | null;
  km: number;
  inside: boolean;
}

const KM_PER_DEGREE_LAT = 111.32;

/** Case studies within `radiusKm` of the area's box (distance 0 inside it), nearest first. */
export function casesNear(collection: CaseStudyCollection | null, bbox: [number, number, number, number], radiusKm = 3, limit = 4): NearbyCase[] {
  const kmPerLon = KM_PER_DEGREE_LAT * Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  return (collection?.features ?? [])
    .filter((f) => f.geometry?.type === 'Point')
    .map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const dx = Math.max(bbox[0] - lon, 0, lon - bbox[2]) * kmPerLon;
      const dy = Math.max(bbox[1] - lat, 0, lat - bbox[3]) * KM_PER_DEGREE_LAT;
      const km = Math.hypot(dx, dy);
      return { name: f.properties.name, summary: f.properties.summary ?? null, km, inside: km === 0 };
    })
    .filter((c) => c.km <= radiusKm)
    .sort((a, b) => a.km - b.km)
    .slice(0, limit);
}
