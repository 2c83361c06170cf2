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
  parishCouncil: { id: 'parish_council', label: 'PC', services: ['pc'], evidence: 'one council serves the whole parish' },
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
    const withSuccessor = { ...rules, successors: new Map([['P3', { predecessor: 'P1', within: null }]]) };
    const p3 = overlayCoverage({ targetLayer: 'parish', entries, units, rules: withSuccessor }).get('P3')!;
    expect(p3.designations).toMatchObject([{ entryId: 1, confidence: 'inferred', method: 'successor_parish', extent: 'whole' }]);
  });

  it('bounds a successor inference to the residents it is about: only units in the named areas of another layer', () => {
    // P3 gains a second unit in ward W4; the inference reaches only its residents in W3.
    const more = [...units, { weight: 300, areaIn: { parish: 'P3', ward: 'W4', lsoa: 'L4' } }];
    const bounded = { ...rules, successors: new Map([['P3', { predecessor: 'P1', within: { layer: 'ward', codes: new Set(['W3']) } }]]) };
    const byLayer = (layer: string) => overlayCoverage({ targetLayer: layer, entries, units: more, rules: bounded });
    const p3 = byLayer('parish').get('P3')!;
    expect(p3).toMatchObject({ category: 'general', categoryExtent: 'part', categoryShare: 0.25 });
    expect(p3.designations).toMatchObject([{ entryId: 1, confidence: 'inferred', extent: 'part', share: 0.25 }]);
    // The ward holding the other residents gets nothing from the inference.
    expect(byLayer('ward').get('W4')!.designations).toEqual([]);
    expect(byLayer('lsoa').get('L4')!.category).toBeNull();
  });

  it('treats a "(part)" entry as an unspecified part: category part with no share, the rest of a parish gets RCC CDO', () => {
    const part = [entry(5, { category: 'social_capital', extent: 'part', services: ['nw', 'rcc_cdo', 'pc', 'faith', 'local_voice', 'scat'], sourceCodes: ['P3'] })];
    const p3 = overlayCoverage({ targetLayer: 'parish', entries: part, units, rules }).get('P3')!;
    expect(p3).toMatchObject({ category: 'social_capital', categoryExtent: 'part', categoryShare: null });
    expect(p3.services.nw).toMatchObject({ extent: 'part', share: null });
    expect(p3.services.rcc_cdo).toMatchObject({ extent: 'whole', share: 1 });
  });

  it('gives Parish Councils to the whole of a parish listed in part: the parish has one council', () => {
    const part = [entry(5, { category: 'social_capital', extent: 'part', services: ['nw', 'rcc_cdo', 'pc', 'faith', 'local_voice', 'scat'], sourceCodes: ['P3'] })];
    const p3 = overlayCoverage({ targetLayer: 'parish', entries: part, units, rules }).get('P3')!;
    expect(p3.services.pc).toMatchObject({ extent: 'whole', share: 1 });
    expect(p3.services.faith).toMatchObject({ extent: 'part', share: null });
    expect(p3.provisions.find((p) => p.id === 'parish_council')).toMatchObject({ extent: 'whole', share: 1, services: ['pc'] });
  });

  it('gives inferred provision over an unspecified rest of a parish no share, never "part" with a share of 1', () => {
    const part = [entry(5, { category: 'social_capital', extent: 'part', services: ['nw', 'pc', 'faith', 'local_voice', 'scat'], sourceCodes: ['P3'] })];
    const p3 = overlayCoverage({ targetLayer: 'parish', entries: part, units, rules }).get('P3')!;
    expect(p3.provisions.find((p) => p.id === 'other_communities')).toMatchObject({ extent: 'part', share: null });
  });

  it('marks a share as a lower bound when an unspecified part of other residents may be reached too', () => {
    const part = [entry(1, { sourceCodes: ['P1'] }), entry(6, { table: 'urban', category: 'social_capital', extent: 'part', services: ['nw', 'faith', 'scat'], sourceCodes: ['U'] })];
    const l1 = overlayCoverage({ targetLayer: 'lsoa', entries: part, units, rules }).get('L1')!;
    // Faith: all of P1 (100 of 400) certainly, and an unspecified part of U's 300.
    expect(l1.services.faith).toMatchObject({ extent: 'part', share: 0.25, shareAtLeast: true });
    // NW: only an unspecified part of U: no share at all, so nothing to bound.
    expect(l1.services.nw).toMatchObject({ extent: 'part', share: null, shareAtLeast: false });
    expect(l1.services.rcc_cdo).toMatchObject({ shareAtLeast: false });
  });
});
