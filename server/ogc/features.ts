// Each area serialised once as a GeoJSON Feature string (stored 6-decimal geometry, all properties),
// so an items page is a join of ready strings rather than a fresh JSON.stringify of every geometry.
import type { LayerId } from '../layers.ts';
import type { AreaRecord } from '../store/records.ts';
import type { AtlasContext } from '../http/context.ts';
import { areaFeature } from '../http/presenters/area-feature.ts';
import { densityContext } from '../analysis/density-context.ts';
import { perContext } from '../http/query.ts';

export class FeatureStrings {
  private readonly byLayer = new Map<LayerId, { version: string; json: Map<string, string> }>();

  constructor(private readonly ctx: AtlasContext) {}

  /** The Feature JSON of the area; rebuilt per layer when the group counts change. */
  of(area: AreaRecord): string {
    const version = this.ctx.groups.version();
    let entry = this.byLayer.get(area.layer);
    if (!entry || entry.version !== version) {
      const counts = this.ctx.groups.counts(area.layer, null);
      const density = densityContext(this.ctx.store, this.ctx.groups, area.layer, { counted: this.ctx.groups.registers().map((r) => r.name), counts });
      const json = new Map(this.ctx.store.areas(area.layer).map((a) => [a.code, JSON.stringify(areaFeature(a, counts.get(a.code) ?? 0, { density }))]));
      this.byLayer.set(area.layer, (entry = { version, json }));
    }
    return entry.json.get(area.code)!;
  }
}

/** One set per context, shared by the OGC routes and the lean read path. */
export const featureStrings = perContext((ctx: AtlasContext) => new FeatureStrings(ctx));
