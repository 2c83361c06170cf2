// Your own area as the URL keeps it (custom=…), so a shared link reopens it: a drawn ring as
// "lon,lat_lon,lat_…" at 5 decimals (about a metre), or chosen areas as "layer/code,layer/code".
// Pure: parse, write, and the POST /api/profile body.
import type { LayerId } from '../types.ts';
import { isLayerId } from '../state/layer-catalog.ts';

export type CustomSpec = { kind: 'polygon'; ring: [number, number][] } | { kind: 'areas'; areas: { layer: LayerId; code: string }[] };

const AREA = /^[EW]\d{8}$/;
/** A link longer than this is not kept in the URL (browsers and servers cap addresses near 8 kB). */
export const MAX_RING_POINTS = 400;

const r5 = (n: number) => Math.round(n * 1e5) / 1e5;

export function parseCustom(raw: string | null): CustomSpec | null {
  if (!raw) return null;
  if (/^[a-z]/.test(raw)) {
    const areas = raw.split(',').flatMap((item) => {
      const [layer, code] = item.split('/');
      return isLayerId(layer) && AREA.test(code ?? '') ? [{ layer, code }] : [];
    });
    return areas.length ? { kind: 'areas', areas } : null;
  }
  const ring = raw.split('_').map((p) => p.split(',').map(Number) as [number, number]);
  const ok = ring.length >= 3 && ring.length <= MAX_RING_POINTS && ring.every((p) => p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);
  return ok ? { kind: 'polygon', ring } : null;
}

export function writeCustom(spec: CustomSpec): string {
  return spec.kind === 'areas' ? spec.areas.map((a) => `${a.layer}/${a.code}`).join(',') : spec.ring.map(([x, y]) => `${r5(x)},${r5(y)}`).join('_');
}

/** The ring closed, as GeoJSON asks, anticlockwise (RFC 7946's right-hand rule for an outer ring). */
export function closedRing(ring: readonly [number, number][]): [number, number][] {
  const pts = ring.map(([x, y]) => [r5(x), r5(y)] as [number, number]);
  let twiceArea = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    twiceArea += x1 * y2 - x2 * y1;
  }
  const ordered = twiceArea < 0 ? [...pts].reverse() : pts;
  return [...ordered, ordered[0]];
}

export function profileBody(spec: CustomSpec, registers: string[] | null): Record<string, unknown> {
  const base = registers ? { registers } : {};
  if (spec.kind === 'areas') return { ...base, areas: spec.areas.map((a) => `${a.layer}/${a.code}`) };
  return { ...base, geometry: { type: 'Polygon', coordinates: [closedRing(spec.ring)] } };
}
