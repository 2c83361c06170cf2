// The Appendix One designations behind a custom area: each designation that reaches any of its Output
// Areas, read from the areas holding them (an area's designations are the union over its Output Areas,
// so an Output Area is reached only if every area holding it lists the designation, and certainly so
// when one of them is reached through all its residents). Residents are counted as reach letters are:
// in full only where a whole listing certainly reaches; where Appendix One lists only part of a place, or
// the areas do not tell which Output Areas a designation reaches, the share is a lower bound. Pure.
import type { DesignationForWords } from './designation-words.ts';
import { round4 } from './overlay.ts';
import { CATEGORIES, WHOLE } from './vocabulary.ts';

/** A designation as an area holds it (the store's record). */
export interface HeldDesignation extends DesignationForWords {
  entryId: number;
  via: readonly { layer: string; code: string; name: string; share: number | null }[];
}

export interface DesignationUnit {
  population: number;
  /** The area holding it in each layer (null where none does), in the order of `layers`. */
  areas: readonly (string | null)[];
}

/** A designation of a custom area: the words' fields, with shares of the custom area's residents. */
export interface CustomDesignation extends DesignationForWords {
  entryId: number;
  /** share is a lower bound: some other residents may be reached too, Appendix One (or the areas) not saying which. */
  shareAtLeast: boolean;
  /** Residents it certainly reaches, all of each Output Area (a whole listing where it is known to reach). */
  residents: number;
  /** Residents living where it is listed: reached in full, or in an unspecified part for a "(part)" listing. */
  residentsWhereListed: number;
  /** residentsWhereListed is a lower bound: for some Output Areas the areas holding them do not say. */
  whereListedAtLeast: boolean;
  via: { layer: string; code: string; name: string; share: number | null }[];
}

const keyOf = (d: HeldDesignation) => `${d.entryId}|${d.method}|${d.confidence}`;

/**
 * The designations reaching the units, highest category first, then parish table, then Appendix One order.
 * designationsOf answers an area's designations (null for an area the store does not hold).
 */
export function customDesignations(units: readonly DesignationUnit[], layers: readonly string[], designationsOf: (layer: string, code: string) => readonly HeldDesignation[] | null): CustomDesignation[] {
  const total = units.reduce((n, u) => n + u.population, 0);
  const tally = new Map<string, { d: HeldDesignation; certain: number; listed: number; unsure: boolean; unknown: boolean; via: Map<string, { v: HeldDesignation['via'][number]; residents: number }> }>();
  // Each area's designations by key, worked out once: a district's few hundred Output Areas share a hundred areas.
  const byArea = new Map<string, Map<string, HeldDesignation> | null>();
  const keyed = (layer: string, code: string) => {
    const k = `${layer}|${code}`;
    let m = byArea.get(k);
    if (m === undefined) {
      const list = designationsOf(layer, code);
      byArea.set(k, (m = list ? new Map(list.map((d) => [keyOf(d), d])) : null));
    }
    return m;
  };
  for (const u of units) {
    const held: Map<string, HeldDesignation>[] = [];
    layers.forEach((layer, i) => {
      const m = u.areas[i] ? keyed(layer, u.areas[i]!) : null;
      if (m) held.push(m);
    });
    if (held.length === 0) continue;
    // A designation every area holding it lists (one that some area does not list does not reach here).
    for (const [key, d] of held[0]) {
      if (!held.every((m) => m.has(key))) continue;
      // Reached for certain when an area holding it is reached through all its residents; otherwise perhaps.
      let known = false;
      let via: HeldDesignation['via'][number] | undefined;
      for (const m of held) {
        const x = m.get(key)!;
        if (x.extent === 'whole' || (x.share !== null && x.share >= WHOLE)) known = true;
        // Through the source area holding this Output Area, as the area's own designation names it.
        via ??= x.via.find((v) => u.areas[layers.indexOf(v.layer)] === v.code);
      }
      const t = tally.get(key) ?? { d, certain: 0, listed: 0, unsure: false, unknown: false, via: new Map() };
      if (known) {
        t.listed += u.population;
        if (d.listedExtent === 'whole') t.certain += u.population;
        else t.unsure = true;
      } else t.unsure = t.unknown = true;
      if (via && known) {
        const k = `${via.layer}|${via.code}`;
        const sum = t.via.get(k) ?? { v: via, residents: 0 };
        sum.residents += u.population;
        t.via.set(k, sum);
      }
      tally.set(key, t);
    }
  }
  const share = (n: number) => (total > 0 ? Math.min(1, round4(n / total)) : 0);
  const out = [...tally.values()].map(({ d, certain, listed, unsure, unknown, via }): CustomDesignation => {
    const s = share(certain);
    return {
      entryId: d.entryId,
      category: d.category,
      table: d.table,
      listedAs: d.listedAs,
      listedExtent: d.listedExtent,
      extent: s >= WHOLE ? 'whole' : 'part',
      share: s > 0 ? s : null,
      shareAtLeast: s > 0 && s < WHOLE && unsure,
      residents: certain,
      residentsWhereListed: listed,
      whereListedAtLeast: unknown,
      method: d.method,
      confidence: d.confidence,
      lowerConfidence: d.lowerConfidence,
      via: [...via.values()].sort((a, b) => b.residents - a.residents).map(({ v, residents }) => ({ layer: v.layer, code: v.code, name: v.name, share: share(residents) })),
    };
  });
  return out.sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.table.localeCompare(b.table) || a.entryId - b.entryId);
}
