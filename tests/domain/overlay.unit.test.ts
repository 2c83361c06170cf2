// Union coverage by Output Area with precedence and inferred provision, on a tiny synthetic county.
import { describe, expect, it } from 'vitest';
import { overlayCoverage, type OverlayRules, type OverlayUnit, type ResolvedEntry } from '../../server/domain/overlay.ts';

// Parishes P1, P2 (named on their own), P3 (not named), U (unparished). 2013 wards: W1 = P1 + most of U, W2 = inside P2.
const units: OverlayUnit[] = [
  { weight: 100, areaIn: { parish: 'P1', ward: 'W1', lsoa: 'L1' } },
  { weight: 300, areaIn: { parish: 'U', ward: 'W1', lsoa: 'L1' } },
  { weight: 200, areaIn: { parish: 'P2', ward: 'W2', lsoa: 'L2' } },
  { weight: 100, areaIn: { parish: 'P2', ward: 'W3', lsoa: 'L2' } },
  { weight: 100, areaIn: { parish: 'P3', ward: 'W3', lsoa: 'L3' } },
];
const GENERAL = ['rcc_cdo', 'pc', 'faith', 'local_voice', 'scat'] as const;
const ALL = ['nw', 'rcc_cdo', 'neigh_man', 'pc', 'faith', 'local_voice', 'scat'] as const;
const entry = (id: number, o: Partial<ResolvedEntry>): ResolvedEntry => ({
  id, table: 'parish', category: 'general', extent: 'whole', listedAs: `entry ${id}`, sourceLayer: 'parish', sourceCodes: [], method: 'exact', confidence: 'listed', services: GENERAL, ...o,
});
const rules: OverlayRules = {
  parishLayer: 'parish',
  namedParishes: new Set(['P1', 'P2']),
  withinParishShare: 0.9,
  successors: new Map(),
  isParished: (c) => Boolean(c?.startsWith('P')),
  countywide: { id: 'countywide_scat', label: 'SCAT', services: ['scat'], evidence: 'whole of Leicestershire' },
  otherCommunities: { id: 'other_communities', label: 'RCC', services: ['rcc_cdo'], evidence: 'all other communities' },
  parishOnly: new Set(['pc']),
};
const entries = [
  entry(1, { sourceCodes: ['P1'] }),
  entry(2, { sourceCodes: ['P2'] }),
  entry(3, { category: 'laa_target', services: ALL, sourceLayer: 'ward', sourceCodes: ['W1'], method: 'historical_ward', confidence: 'resolved' }),
  entry(4, { category: 'laa_target', services: ALL, sourceLayer: 'ward', sourceCodes: ['W2'], method: 'historical_ward', confidence: 'resolved' }),
];

describe('overlayCoverage', () => {
  it('keeps a named parish on its own row: a ward entry around it does not spill onto it', () => {
    const p1 = overlayCoverage({ targetLayer: 'parish', entries, units, rules }).get('P1')!;
    expect(p1.category).toBe('general');
    expect(p1.designations.map((d) => d.entryId)).toEqual([1]);
  });

  it('still applies a ward entry to the named parish the ward lies within, as part of it', () => {
    const p2 = overlayCoverage({ targetLayer: 'parish', entries, units, rules }).get('P2')!;
    expect(p2).toMatchObject({ category: 'laa_target', categoryExtent: 'part', categoryShare: 0.6667 });
    expect(p2.services.rcc_cdo).toMatchObject({ extent: 'whole', share: 1 });
    expect(p2.services.nw).toMatchObject({ extent: 'part', share: 0.6667 });
  });

  it('unions designations by unit on other layers: the ward entry reaches only the residents outside the named parish', () => {
    const l1 = overlayCoverage({ targetLayer: 'lsoa', entries, units, rules }).get('L1')!;
    expect(l1.categoryShare).toBe(0.75);
    expect(l1.categoryExtent).toBe('part');
    // General (P1) and LAA (U) together reach everyone for RCC CDO: whole, not "part" twice.
    expect(l1.services.rcc_cdo).toMatchObject({ extent: 'whole', share: 1 });
    // Parish Councils: ticked by the LAA row, but the unparished residents have no parish council.
    expect(l1.services.pc).toMatchObject({ extent: 'part', share: 0.25, withheldUnparished: true });
  });

  it('gives SCAT countywide and RCC CDO to parished residents no listing reaches, as inferred provision', () => {
    const p3 = overlayCoverage({ targetLayer: 'parish', entries, units, rules }).get('P3')!;
    expect(p3.category).toBeNull();
    expect(p3.provisions.map((p) => p.id).sort()).toEqual(['countywide_scat', 'other_communities']);
    expect(p3.services.scat.extent).toBe('whole');
    expect(p3.services.rcc_cdo.extent).toBe('whole');
    expect(p3.services.nw.extent).toBeNull();
  });

  it('gives a successor parish its predecessor listing, marked inferred', () => {
    const withSuccessor = { ...rules, successors: new Map([['P3', 'P1']]) };
    const p3 = overlayCoverage({ targetLayer: 'parish', entries, units, rules: withSuccessor }).get('P3')!;
    expect(p3.designations).toMatchObject([{ entryId: 1, confidence: 'inferred', method: 'successor_parish', extent: 'whole' }]);
  });

  it('treats a "(part)" entry as an unspecified part: category part with no share, the rest of a parish gets RCC CDO', () => {
    const part = [entry(5, { category: 'social_capital', extent: 'part', services: ['nw', 'rcc_cdo', 'pc', 'faith', 'local_voice', 'scat'], sourceCodes: ['P3'] })];
    const p3 = overlayCoverage({ targetLayer: 'parish', entries: part, units, rules }).get('P3')!;
    expect(p3).toMatchObject({ category: 'social_capital', categoryExtent: 'part', categoryShare: null });
    expect(p3.services.nw).toMatchObject({ extent: 'part', share: null });
    expect(p3.services.rcc_cdo).toMatchObject({ extent: 'whole', share: 1 });
  });
});
