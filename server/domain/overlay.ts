// Carries each Appendix One designation from the area it was resolved to onto the areas of every
// layer: directly on that layer, and on the others by population-weighted overlay of Census 2021
// Output Areas (an area is covered by the share of its residents who live in the designated area).
import { CATEGORIES, type AppendixTable, type Category, type Extent } from './vocabulary.ts';

/** An Appendix One entry with the areas it was resolved to. */
export interface ResolvedEntry {
  id: number;
  table: AppendixTable;
  category: Category;
  extent: Extent;
  listedAs: string;
  sourceLayer: string;
  sourceCodes: readonly string[];
}

/** A population unit (an Output Area): its weight and the area holding it in each layer. */
export interface OverlayUnit {
  weight: number;
  areaIn: Readonly<Record<string, string | undefined>>;
}

/** An area that is only a label point (no units of its own), and the area holding the point in each other layer. */
export interface PointArea {
  layer: string;
  code: string;
  areaIn: Readonly<Record<string, string | undefined>>;
}

export interface Via {
  layer: string;
  code: string;
  /** Share of this area's residents living in the source area; null when a label point links them. */
  share: number | null;
}

export interface AreaDesignation {
  entryId: number;
  table: AppendixTable;
  category: Category;
  listedAs: string;
  extent: Extent;
  /** Share of the area's residents covered by this designation (1 for a direct one). */
  share: number | null;
  via: Via[];
}

/** Shares at or above this count as the whole area (they differ from 1 only by float rounding). */
const WHOLE = 0.999;

export interface OverlayInput {
  targetLayer: string;
  entries: readonly ResolvedEntry[];
  units: readonly OverlayUnit[];
  points: readonly PointArea[];
}

export function overlayDesignations({ targetLayer, entries, units, points }: OverlayInput): Map<string, AreaDesignation[]> {
  const weightOf = new Map<string, number>();
  for (const u of units) {
    const t = u.areaIn[targetLayer];
    if (t) weightOf.set(t, (weightOf.get(t) ?? 0) + u.weight);
  }
  const result = new Map<string, AreaDesignation[]>();
  const add = (code: string, d: AreaDesignation) => {
    const list = result.get(code) ?? [];
    list.push(d);
    result.set(code, list);
  };

  for (const entry of entries) {
    const base = { entryId: entry.id, table: entry.table, category: entry.category, listedAs: entry.listedAs };
    if (entry.sourceLayer === targetLayer) {
      for (const code of entry.sourceCodes)
        add(code, { ...base, extent: entry.extent, share: 1, via: [{ layer: targetLayer, code, share: 1 }] });
      continue;
    }
    const sources = new Set(entry.sourceCodes);
    // target code → source code → covered weight
    const covered = new Map<string, Map<string, number>>();
    for (const u of units) {
      const t = u.areaIn[targetLayer];
      const s = u.areaIn[entry.sourceLayer];
      if (!t || !s || !sources.has(s)) continue;
      const bySource = covered.get(t) ?? new Map<string, number>();
      bySource.set(s, (bySource.get(s) ?? 0) + u.weight);
      covered.set(t, bySource);
    }
    const links = new Map<string, Via[]>();
    for (const [t, bySource] of covered) {
      const total = weightOf.get(t) ?? 0;
      links.set(
        t,
        [...bySource].map(([code, w]) => ({ layer: entry.sourceLayer, code, share: total > 0 ? w / total : null })),
      );
    }
    // Label-point areas have no units: link them through the area their point lies in.
    for (const p of points) {
      const pointIsTarget = p.layer === targetLayer && sources.has(p.areaIn[entry.sourceLayer] ?? '');
      const pointIsSource = p.layer === entry.sourceLayer && sources.has(p.code) && p.areaIn[targetLayer];
      if (pointIsTarget) pushVia(links, p.code, { layer: entry.sourceLayer, code: p.areaIn[entry.sourceLayer]!, share: null });
      if (pointIsSource) pushVia(links, p.areaIn[targetLayer]!, { layer: entry.sourceLayer, code: p.code, share: null });
    }
    for (const [t, via] of links) {
      const shares = via.map((v) => v.share);
      const share = shares.every((s) => s === null) ? null : shares.reduce<number>((sum, s) => sum + (s ?? 0), 0);
      const extent: Extent = entry.extent === 'whole' && share !== null && share >= WHOLE ? 'whole' : 'part';
      add(t, { ...base, extent, share: share === null ? null : Math.min(1, round4(share)), via: via.map((v) => ({ ...v, share: v.share === null ? null : round4(v.share) })) });
    }
  }
  for (const list of result.values()) list.sort(compareDesignations);
  return result;
}

function pushVia(links: Map<string, Via[]>, code: string, via: Via) {
  const list = links.get(code) ?? [];
  if (!list.some((v) => v.layer === via.layer && v.code === via.code)) list.push(via);
  links.set(code, list);
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** Highest category first, then parish table before urban, then the order they appear in Appendix One. */
export function compareDesignations(a: AreaDesignation, b: AreaDesignation): number {
  return CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.table.localeCompare(b.table) || a.entryId - b.entryId;
}
