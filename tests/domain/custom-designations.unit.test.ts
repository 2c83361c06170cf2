// The designations behind a custom area, read from the areas holding its Output Areas (hand-made):
// reached for certain, not reached, unknown (a lower bound), and a "(part)" listing (no certain share).
import { describe, expect, it } from 'vitest';
import { customDesignations, type HeldDesignation } from '../../server/domain/custom-designations.ts';
import { customDesignationLine } from '../../server/domain/designation-words.ts';

const held = (entryId: number, share: number, listedExtent: 'whole' | 'part' = 'whole', via = [{ layer: 'parishes', code: 'P', name: 'Pville', share: 1 }]): HeldDesignation => ({
  entryId, category: 'general', table: 'parish', listedAs: 'Pville', listedExtent, extent: share >= 0.999 && listedExtent === 'whole' ? 'whole' : 'part',
  share, method: 'exact', confidence: 'listed', lowerConfidence: false, via,
});

describe('customDesignations', () => {
  const layers = ['parishes', 'lsoas'];
  // Parish P is listed whole; LSOA L1 lies wholly in P, L2 straddles P and Q.
  const areas: Record<string, HeldDesignation[]> = {
    'parishes|P': [held(1, 1)],
    'parishes|Q': [],
    'lsoas|L1': [held(1, 1)],
    'lsoas|L2': [held(1, 0.5)],
  };
  const of = (layer: string, code: string) => areas[`${layer}|${code}`] ?? null;

  it('counts the Output Areas an area reached through all its residents holds, and none an area without it holds', () => {
    const [d] = customDesignations([{ population: 300, areas: ['P', 'L1'] }, { population: 100, areas: ['Q', 'L2'] }], layers, of);
    expect(d).toMatchObject({ entryId: 1, extent: 'part', share: 0.75, shareAtLeast: false, residents: 300, residentsWhereListed: 300 });
    expect(d.via).toEqual([{ layer: 'parishes', code: 'P', name: 'Pville', share: 0.75 }]);
    expect(customDesignationLine(d, 400)).toBe('General, parish table: from the listing “Pville”; 75% of its residents; through Pville (75% of residents)');
  });

  it('gives a lower bound where the areas do not say which Output Areas it reaches', () => {
    const unknown = { 'parishes|R': [held(1, 0.6)], 'lsoas|L3': [held(1, 0.4)] } as Record<string, HeldDesignation[]>;
    const [d] = customDesignations([{ population: 300, areas: ['P', 'L1'] }, { population: 100, areas: ['R', 'L3'] }], layers, (l, c) => unknown[`${l}|${c}`] ?? of(l, c));
    expect(d).toMatchObject({ share: 0.75, shareAtLeast: true, residents: 300 });
    expect(customDesignationLine(d, 400)).toContain('at least 75% of its residents');
  });

  it('counts no resident as certainly reached by a "(part)" listing, and says how many live where it is listed', () => {
    const part = { 'parishes|P': [held(2, 1, 'part')], 'lsoas|L1': [held(2, 1, 'part')] } as Record<string, HeldDesignation[]>;
    const [d] = customDesignations([{ population: 300, areas: ['P', 'L1'] }, { population: 100, areas: ['Q', 'L2'] }], layers, (l, c) => part[`${l}|${c}`] ?? []);
    expect(d).toMatchObject({ extent: 'part', share: null, shareAtLeast: false, residents: 0, residentsWhereListed: 300, whereListedAtLeast: false });
    expect(customDesignationLine(d, 400)).toContain('(part only); an unspecified part of the 300 residents (75%) who live where it is listed');
  });
});
