// The custom-area arithmetic on hand-made Output Areas: whole, part, "at least", none, categories; and
// which Output Areas and groups a drawn polygon holds (drawnMembers, drawnHoldsGroup).
import { describe, expect, it } from 'vitest';
import { customCoverage, drawnHoldsGroup, drawnMembers, type CustomUnit, type DrawnTests } from '../../server/domain/custom-area.ts';
import type { Reach } from '../../server/domain/overlay-model.ts';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';

const unit = (population: number, nw: Reach, general: Reach = null, withheld: 'nw'[] = []): CustomUnit => ({
  population,
  reach: {
    services: { ...Object.fromEntries(SERVICE_IDS.map((s) => [s, 'all'])), nw } as CustomUnit['reach']['services'],
    withheld,
    categories: { laa_target: null, social_capital: null, general },
  },
});

describe('customCoverage', () => {
  it('sums residents, and gives whole when every Output Area is reached in full', () => {
    const c = customCoverage([unit(300, 'all'), unit(100, 'all')]);
    expect(c.population).toBe(400);
    expect(c.services.nw).toEqual({ extent: 'whole', share: 1, shareAtLeast: false, withheldUnparished: false });
  });

  it('gives the share reached in full, "at least" when others are reached in an unspecified part', () => {
    expect(customCoverage([unit(300, 'all'), unit(100, 'some')]).services.nw).toMatchObject({ extent: 'part', share: 0.75, shareAtLeast: true });
    expect(customCoverage([unit(300, 'all'), unit(100, null)]).services.nw).toMatchObject({ extent: 'part', share: 0.75, shareAtLeast: false });
    // Only an unspecified part: part, with no share to give.
    expect(customCoverage([unit(300, 'some'), unit(100, null)]).services.nw).toMatchObject({ extent: 'part', share: null, shareAtLeast: false });
    expect(customCoverage([unit(300, null, null, ['nw'])]).services.nw).toEqual({ extent: null, share: null, shareAtLeast: false, withheldUnparished: true });
  });

  it('takes the highest category reaching anyone, with every category\'s share', () => {
    const c = customCoverage([unit(100, 'all', 'all'), unit(300, 'all', null)]);
    expect(c.category).toBe('general');
    expect(c.categories.general).toEqual({ extent: 'part', share: 0.25, shareAtLeast: false });
    expect(c.categories.laa_target.extent).toBeNull();
  });
});

describe('drawnMembers', () => {
  // Layer 0 is the parish layer, layer 1 a ward layer. Parish P is covered whole; Q only in part; ward W is larger than P.
  type Oa = { code: string; areas: (string | null)[]; centroidIn: boolean; at: { layer: number; code: string }[] };
  const tests = (whole: string[]): DrawnTests<Oa> => ({
    coversWhole: (layer, code) => whole.includes(`${layer}|${code}`),
    holdsCentroid: (u) => u.centroidIn,
    outlinesAt: (u) => u.at,
    size: (layer, code) => (({ '0|P': 10, '0|Q': 12, '1|W': 30, '1|V': 40 }) as Record<string, number>)[`${layer}|${code}`] ?? 1,
  });
  const codes = (list: Oa[]) => list.map((u) => u.code);
  // a: P's, centroid outside P's outline (ONS best fit). b: Q's, centroid inside P's outline. c: Q's, centroid in the polygon, in no whole area.
  const a: Oa = { code: 'a', areas: ['P', 'V'], centroidIn: false, at: [{ layer: 0, code: 'Q' }, { layer: 1, code: 'V' }] };
  const b: Oa = { code: 'b', areas: ['Q', 'W'], centroidIn: true, at: [{ layer: 0, code: 'P' }, { layer: 1, code: 'W' }] };
  const c: Oa = { code: 'c', areas: ['Q', 'V'], centroidIn: true, at: [{ layer: 0, code: 'Q' }, { layer: 1, code: 'V' }] };

  it('takes a parish covered whole with the Output Areas ONS assigns it, whatever their centroid', () => {
    expect(codes(drawnMembers([a, b, c], tests(['0|P']), 0))).toEqual(['a', 'c']);
  });

  it('counts by centroid where no area is covered whole', () => {
    expect(codes(drawnMembers([a, b, c], tests([]), 0))).toEqual(['b', 'c']);
  });

  it('lets the largest area covered whole at the centroid decide: a ward larger than the parish keeps its own Output Area', () => {
    expect(codes(drawnMembers([a, b, c], tests(['0|P', '1|W']), 0))).toEqual(['a', 'b', 'c']);
  });
});

describe('drawnHoldsGroup', () => {
  const whole = (layer: number, code: string) => layer === 0 && code === 'P';
  it('counts a group placed in a parish covered whole, and otherwise only strictly inside the polygon', () => {
    expect(drawnHoldsGroup(['P', 'W'], false, whole, 0)).toBe(true);
    expect(drawnHoldsGroup(['Q', 'W'], true, whole, 0)).toBe(true);
    // On the edge (not strictly inside) of a polygon drawn along P: placed next door, it is not P's.
    expect(drawnHoldsGroup(['Q', 'W'], false, whole, 0)).toBe(false);
    expect(drawnHoldsGroup([null, null], false, whole, 0)).toBe(false);
  });
});
