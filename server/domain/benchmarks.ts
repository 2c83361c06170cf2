// The district and county figures every area's figures are set beside: the share of residents each
// service certainly reaches, pooled over the LSOAs (the finest layer, which tiles the county), so a
// planner reads "62% here; Melton 48%, Leicestershire 55%". Pure: the area API serves it.
import { SERVICE_IDS, type ServiceId } from './vocabulary.ts';

export interface ReachArea {
  population: number | null;
  district: string;
  /** Per service: the share of the area's residents certainly reached (0 when none). */
  reached: Record<ServiceId, number>;
}

/** Share of residents certainly reached: a whole-area listing reaches all, an unspecified part none for certain. */
export function certainShare(cover: { extent: 'whole' | 'part' | null; share: number | null }): number {
  return cover.share ?? (cover.extent === 'whole' ? 1 : 0);
}

/** Each service's share of residents certainly reached, in each district and the county. */
export function reachBenchmarks(areas: Iterable<ReachArea>): { county: Record<ServiceId, number | null>; districts: Map<string, Record<ServiceId, number | null>> } {
  const sums = new Map<string, { people: number; reached: Record<string, number> }>();
  const add = (key: string, a: ReachArea) => {
    let t = sums.get(key);
    if (!t) sums.set(key, (t = { people: 0, reached: Object.fromEntries(SERVICE_IDS.map((s) => [s, 0])) }));
    t.people += a.population!;
    for (const s of SERVICE_IDS) t.reached[s] += a.population! * a.reached[s];
  };
  for (const a of areas) {
    if (!a.population) continue;
    add(`d:${a.district}`, a);
    add('county', a);
  }
  const shares = (t: { people: number; reached: Record<string, number> } | undefined) =>
    Object.fromEntries(SERVICE_IDS.map((s) => [s, t?.people ? Math.round((t.reached[s] / t.people) * 1000) / 1000 : null])) as Record<ServiceId, number | null>;
  const districts = new Map([...sums].filter(([k]) => k.startsWith('d:')).map(([k, t]) => [k.slice(2), shares(t)]));
  return { county: shares(sums.get('county')), districts };
}
