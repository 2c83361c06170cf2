// A postcode's service answer at the finest area known: every area holding the postcode (LSOA, ward,
// 2013 ward, parish) is a union of Output Areas, so any one that has a service wholly, or not at all, settles it.
// Pure: the caller hands over what each containing area's own answer is.
import type { Extent } from './vocabulary.ts';

/** One containing area's own answer for one service. */
export interface ContainingAnswer {
  /** "lsoas/E01025631": the layer and GSS code, as cited in `decided_by`. */
  ref: string;
  /** Residents of the area; the area with fewer is the finer one. */
  population: number | null;
  /** The area is an exact union of Output Areas drawn as such (LSOAs), so the point is surely in one of its Output Areas. */
  exact: boolean;
  extent: Extent | null;
  /** Share of residents certainly reached (null: none, or an unspecified part). */
  share: number | null;
  /** The share counts only residents certainly reached while some others may be reached too: a lower bound. */
  atLeast: boolean;
}

export interface FinestAnswer {
  /** whole: the postcode has it; null: it has not; part: no containing area settles it. */
  extent: Extent | null;
  /** The area that settles it (whole or none); null when none does. */
  decided_by: string | null;
  /** For part: the share of the finest containing area that has one, and that area. */
  share: number | null;
  share_of: string | null;
  at_least: boolean;
  /** Containing areas whose own answer settles the other way (expected empty; kept so it is never hidden). */
  contradicted_by: string[];
}

/** Finest first: exact unions of Output Areas, then fewer residents, then by reference for a stable order. */
export function finestFirst(a: ContainingAnswer, b: ContainingAnswer): number {
  return Number(b.exact) - Number(a.exact) || (a.population ?? Infinity) - (b.population ?? Infinity) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
}

/** 'whole' or 'none' when the area settles the service, undefined when it has it only in part. */
const settles = (a: ContainingAnswer): 'whole' | 'none' | undefined => (a.extent === 'whole' ? 'whole' : a.extent === null ? 'none' : undefined);

/**
 * The answer for one service. The finest area that settles it decides; only when no containing area
 * settles it is the answer "part", with the share of the finest area that gives one. With no
 * containing area at all nothing grants it, so it is not available, decided by no area.
 */
export function finestAnswer(areas: readonly ContainingAnswer[]): FinestAnswer {
  const ordered = [...areas].sort(finestFirst);
  const decider = ordered.find((a) => settles(a) !== undefined);
  if (decider) {
    const verdict = settles(decider)!;
    return {
      extent: verdict === 'whole' ? 'whole' : null,
      decided_by: decider.ref,
      share: verdict === 'whole' ? 1 : null,
      share_of: null,
      at_least: false,
      contradicted_by: ordered.filter((a) => settles(a) !== undefined && settles(a) !== verdict).map((a) => a.ref),
    };
  }
  if (ordered.length === 0) return { extent: null, decided_by: null, share: null, share_of: null, at_least: false, contradicted_by: [] };
  const sharing = ordered.find((a) => a.share !== null);
  return { extent: 'part', decided_by: null, share: sharing?.share ?? null, share_of: sharing?.ref ?? null, at_least: sharing?.atLeast ?? false, contradicted_by: [] };
}
