// Each area serialised as a flat GeoJSON Feature string only when a page or item asks for it (stored
// 6-decimal geometry spliced in as stored, all properties), so the first items page costs its own
// features, not the whole layer (a second at England size). Recent ones are kept, bounded in bytes.
import type { LayerId } from '../registry/layers.ts';
import type { AreaRecord } from '../store/records.ts';
import type { AtlasContext } from '../http/context.ts';
import { areaProperties, roundBBox } from '../http/presenters/area-feature.ts';
import { flatColumns, flattenProperties, type Scalar } from '../http/presenters/flat-properties.ts';
import { densityContext, type DensityContext } from '../analysis/density-context.ts';
import { perContext } from '../http/query.ts';
import { ByteBoundedCache } from '../cache/byte-bounded-cache.ts';
import { OGC_FEATURE_BYTES as FEATURE_BYTES } from '../config/limits.ts';

export class FeatureStrings {
  private readonly frames = new Map<LayerId, { version: string; counts: ReadonlyMap<string, number>; density: DensityContext }>();
  private readonly json = new ByteBoundedCache<number, { version: string; text: string }>(FEATURE_BYTES);

  constructor(private readonly ctx: AtlasContext) {}

  /** The Feature JSON of the area, made anew when the group counts change. */
  of(area: AreaRecord): string {
    const version = this.ctx.groups.version();
    const hit = this.json.get(area.id);
    if (hit?.version === version) return hit.text;
    // areaFeature's fields in its order; the stored geometry is already RFC 7946 at 6 decimals, so it is
    // spliced in as stored rather than parsed and serialised again.
    // Flat properties (docs/gis.md); a label point travels as null geometry with point_lon/point_lat.
    const point = area.geometryType === 'Point';
    const properties = this.properties(area);
    const head = { type: 'Feature', id: area.code, ...(point ? {} : { bbox: roundBBox(area.bbox, 6) }), properties };
    const text = `${JSON.stringify(head).slice(0, -1)},"geometry":${point ? 'null' : area.geometryJson}}`;
    return this.json.set(area.id, { version, text }, text.length).text;
  }

  /** The area's flat properties (what filters and sortby test), made anew each call. */
  properties(area: AreaRecord): Record<string, Scalar> {
    const { counts, density } = this.frame(area.layer, this.ctx.groups.version());
    return flattenProperties(flatColumns(this.ctx.store, area.layer), areaProperties(area, counts.get(area.code) ?? 0, density), area.geometryType === 'Point' ? area.geometry : null);
  }

  /** The layer's counts and density frame (county and district rates), once per layer and group-count version. */
  private frame(layer: LayerId, version: string) {
    let frame = this.frames.get(layer);
    if (!frame || frame.version !== version) {
      const counts = this.ctx.groups.counts(layer, null);
      const density = densityContext(this.ctx.store, this.ctx.groups, layer, { counted: this.ctx.groups.registers().map((r) => r.name), counts });
      this.frames.set(layer, (frame = { version, counts, density }));
    }
    return frame;
  }
}

/** One set per context, shared by the OGC routes and the lean read path. */
export const featureStrings = perContext((ctx: AtlasContext) => new FeatureStrings(ctx));
