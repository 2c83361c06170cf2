// What POST /api/profile accepts: a GeoJSON Polygon or MultiPolygon (RFC 7946), or a list of areas
// as "layer/code", with optional registers. Checked with zod; a problem names the field, as
// `geometry.coordinates[0]`, so a client can point at the broken ring.
import { z } from 'zod';
import { LAYER_IDS, type LayerId } from '../../registry/layers.ts';
import { PROFILE_MAX_AREAS, PROFILE_MAX_VERTICES } from '../../config/limits.ts';
import { badRequest, HttpProblem } from '../problem.ts';
import type { AtlasContext } from '../context.ts';
import { perContext } from '../query.ts';

type Issue = { message: string; path: (string | number)[] };

/**
 * The first fault of a polygon's rings, or null. Walked by hand rather than as a zod schema per position:
 * a district outline has thousands of positions, and zod's per-element work was most of the answer's time.
 */
function polygonFault(v: unknown, path: (string | number)[]): Issue | null {
  if (!Array.isArray(v)) return { message: 'must be a list of linear rings', path };
  if (v.length === 0) return { message: 'a polygon needs an outer ring', path };
  for (let i = 0; i < v.length; i++) {
    const ring: unknown = v[i];
    if (!Array.isArray(ring)) return { message: 'must be a linear ring (a list of positions)', path: [...path, i] };
    if (ring.length < 4) return { message: 'a linear ring needs at least 4 positions (3 corners and the first again)', path: [...path, i] };
    for (let j = 0; j < ring.length; j++) {
      const p: unknown = ring[j];
      if (!Array.isArray(p) || p.length < 2) return { message: 'must be a position [longitude, latitude]', path: [...path, i, j] };
      for (const [axis, name, limit] of [[0, 'longitude', 180], [1, 'latitude', 90]] as const) {
        const c: unknown = p[axis];
        if (typeof c !== 'number' || !Number.isFinite(c)) return { message: `${name} must be a number`, path: [...path, i, j, axis] };
        if (c < -limit || c > limit) return { message: `${name} must be between -${limit} and ${limit}`, path: [...path, i, j, axis] };
      }
    }
    const [a, b] = [ring[0] as number[], ring[ring.length - 1] as number[]];
    if (a[0] !== b[0] || a[1] !== b[1]) return { message: 'the ring is not closed: its last position must repeat its first', path: [...path, i] };
  }
  return null;
}

const reportFault = (fault: Issue | null, c: z.RefinementCtx) => void (fault && c.addIssue({ code: 'custom', message: fault.message, path: fault.path }));
const polygon = z
  .unknown()
  .superRefine((v, c) => reportFault(polygonFault(v, []), c))
  .describe('Linear rings of [longitude, latitude] positions, each closed (last = first), at least 4 positions; the first ring is the outline')
  .transform((v) => v as number[][][]);
const multiPolygon = z
  .unknown()
  .superRefine((v, c) => {
    if (!Array.isArray(v)) return c.addIssue({ code: 'custom', message: 'must be a list of polygons' });
    if (v.length === 0) return c.addIssue({ code: 'custom', message: 'a MultiPolygon needs a polygon' });
    for (let i = 0; i < v.length; i++) {
      const fault = polygonFault(v[i], [i]);
      if (fault) return reportFault(fault, c);
    }
  })
  .describe('Polygons, each a list of closed linear rings of [longitude, latitude] positions')
  .transform((v) => v as number[][][][]);
const geometry = z.discriminatedUnion(
  'type',
  [z.object({ type: z.literal('Polygon'), coordinates: polygon }), z.object({ type: z.literal('MultiPolygon'), coordinates: multiPolygon })],
  { error: 'must be a GeoJSON Polygon or MultiPolygon' },
);

const AREA_ID = new RegExp(`^(${LAYER_IDS.join('|')})/[EW]\\d{8}$`);

export const profileBody = perContext((ctx: AtlasContext) =>
  z
    .object({
      geometry: geometry.optional(),
      areas: z
        .array(z.string().regex(AREA_ID, `must be "layer/code" with layer one of ${LAYER_IDS.join(', ')}, e.g. "parishes/E04005341"`), { error: 'must be a list of "layer/code"' })
        .min(1, 'must name at least one area')
        .max(PROFILE_MAX_AREAS, `may name at most ${PROFILE_MAX_AREAS} areas`)
        .optional(),
      registers: z
        .array(z.string())
        .superRefine((names, c) => {
          const known = new Set(ctx.groups.registers().map((r) => r.name));
          for (const n of names) if (!known.has(n)) c.addIssue({ code: 'custom', message: `unknown register "${n}"; known registers: ${[...known].join(', ') || 'none'}` });
        })
        .optional(),
    })
    .strict()
    .refine((b) => (b.geometry === undefined) !== (b.areas === undefined), { message: 'give either "geometry" (a GeoJSON Polygon or MultiPolygon) or "areas" (a list of "layer/code"), not both and not neither' }),
);

export type ProfileBody = z.output<ReturnType<typeof profileBody>>;
export type CustomGeometry = NonNullable<ProfileBody['geometry']>;

/** A zod path as a reader writes it: geometry.coordinates[0][3]. */
const fieldName = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** The body, checked; a 400 problem naming the first broken field otherwise. */
export function parseProfileBody(ctx: AtlasContext, body: unknown): ProfileBody & { areaIds: { layer: LayerId; code: string }[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the body must be a JSON object: {"geometry": …} or {"areas": […]}');
  const parsed = profileBody(ctx).safeParse(body);
  if (!parsed.success) {
    const invalid = parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ name: k, reason: 'unknown field; the body takes geometry, areas and registers' })) : [{ name: fieldName(i.path), reason: i.message }]));
    const first = invalid[0];
    throw badRequest(first.name ? `field "${first.name}": ${first.reason}` : first.reason, { invalid_params: invalid });
  }
  const b = parsed.data;
  if (b.geometry) {
    const rings = b.geometry.type === 'Polygon' ? b.geometry.coordinates : b.geometry.coordinates.flat();
    const vertices = rings.reduce((n, r) => n + r.length, 0);
    if (vertices > PROFILE_MAX_VERTICES)
      throw new HttpProblem(413, 'Content too large', `field "geometry" has ${vertices} positions; at most ${PROFILE_MAX_VERTICES} are accepted (simplify the polygon)`, { limit: PROFILE_MAX_VERTICES });
  }
  const areaIds = (b.areas ?? []).map((id) => {
    const [layer, code] = id.split('/');
    return { layer: layer as LayerId, code };
  });
  return { ...b, areaIds };
}
