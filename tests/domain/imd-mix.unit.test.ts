// The deprivation summary of any area from its Output Areas, the district and county shares it is set
// beside, and each service's pooled share of residents certainly reached: worked by hand.
import { describe, expect, it } from 'vitest';
import { certainShare, reachBenchmarks } from '../../server/domain/benchmarks.ts';
import { deprivationBenchmarks, imdSummary, tallyImdMix } from '../../server/domain/imd-mix.ts';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';

describe('IMD mix', () => {
  it('tallies residents by the decile of each Output Area\'s LSOA, leaving out Output Areas without one', () => {
    const deciles: Record<string, number> = { L1: 1, L2: 2, L9: 9 };
    const mix = tallyImdMix(
      [
        { population: 300, lsoa: 'L1', area: 'P' },
        { population: 200, lsoa: 'L2', area: 'P' },
        { population: 500, lsoa: 'L9', area: 'P' },
        { population: 100, lsoa: 'Lx', area: 'P' },
        { population: 50, lsoa: 'L1', area: undefined },
      ],
      (l) => deciles[l],
    );
    expect(mix.get('P')).toEqual([300, 200, 0, 0, 0, 0, 0, 0, 500, 0]);
    expect(imdSummary(mix.get('P')!)).toEqual({ residents_by_decile: [300, 200, 0, 0, 0, 0, 0, 0, 500, 0], residents_with_decile: 1000, residents_deciles_1_2: 500, share_deciles_1_2: 0.5 });
    expect(imdSummary(null)).toBeNull();
  });

  it('pools the district and county shares in deciles 1–2 over LSOAs with residents', () => {
    const b = deprivationBenchmarks([
      { population: 100, decile: 1, district: 'A' },
      { population: 300, decile: 5, district: 'A' },
      { population: 600, decile: 2, district: 'B' },
      { population: null, decile: 1, district: 'B' },
    ]);
    expect(b.districts.get('A')).toBe(0.25);
    expect(b.districts.get('B')).toBe(1);
    expect(b.county).toBe(0.7);
  });
});

describe('service reach benchmarks', () => {
  it('counts a whole listing as all residents, an unspecified part as none, and a known part at its share', () => {
    expect(certainShare({ extent: 'whole', share: null })).toBe(1);
    expect(certainShare({ extent: 'part', share: null })).toBe(0);
    expect(certainShare({ extent: 'part', share: 0.4 })).toBe(0.4);
    expect(certainShare({ extent: null, share: null })).toBe(0);
  });

  it('pools each service over the areas of a district and the county, weighted by residents', () => {
    const none = Object.fromEntries(SERVICE_IDS.map((s) => [s, 0])) as Record<(typeof SERVICE_IDS)[number], number>;
    const b = reachBenchmarks([
      { population: 100, district: 'A', reached: { ...none, nw: 1 } },
      { population: 300, district: 'A', reached: { ...none, nw: 0.5 } },
      { population: 600, district: 'B', reached: none },
    ]);
    expect(b.districts.get('A')!.nw).toBe(0.625);
    expect(b.districts.get('B')!.nw).toBe(0);
    expect(b.county.nw).toBe(0.25);
    expect(b.county.pc).toBe(0);
  });
});
