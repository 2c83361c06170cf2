// Density arithmetic: groups per 1,000 residents, null when population is unknown or zero.
import { describe, expect, it } from 'vitest';
import { groupsPer1000, poissonInterval, pooledRate, rate, referenceFit } from '../../server/domain/density.ts';

describe('groupsPer1000', () => {
  it('divides groups by population and scales to 1,000', () => {
    expect(groupsPer1000(5, 2500)).toBe(2);
    expect(groupsPer1000(1, 3000)).toBeCloseTo(0.333, 3);
    expect(groupsPer1000(0, 712355)).toBe(0);
  });
  it('is null, not Infinity, when the population is null or zero (point-only parishes)', () => {
    expect(groupsPer1000(3, null)).toBeNull();
    expect(groupsPer1000(3, 0)).toBeNull();
    expect(groupsPer1000(0, undefined)).toBeNull();
  });
});

// Published exact (Garwood) 95% limits for a Poisson count, e.g. the tables in Ulm (1990) and
// the χ² quantile form χ²(0.025; 2k)/2, χ²(0.975; 2k+2)/2.
describe('poissonInterval', () => {
  const table: [number, number, number][] = [
    [0, 0, 3.689],
    [1, 0.0253, 5.572],
    [5, 1.624, 11.668],
    [10, 4.795, 18.39],
    [100, 81.364, 121.627],
  ];
  it.each(table)('k = %i gives [%f, %f]', (k, lower, upper) => {
    const ci = poissonInterval(k);
    expect(ci.lower).toBeCloseTo(lower, 2);
    expect(ci.upper).toBeCloseTo(upper, 2);
  });
  it('stays finite and brackets the count for a whole charity register', () => {
    const ci = poissonInterval(200_000);
    expect(ci.lower).toBeLessThan(200_000);
    expect(ci.upper).toBeGreaterThan(200_000);
    expect(ci.upper - ci.lower).toBeCloseTo(2 * 1.96 * Math.sqrt(200_000), -1);
  });
});

describe('rate', () => {
  it('carries the count, the interval per 1,000 and small-number flags (Cotesbach: 1 group, 241 residents)', () => {
    const r = rate(1, 241);
    expect(r.per_1000).toBe(4.149);
    expect(r.groups).toBe(1);
    expect(r.lower).toBeCloseTo((0.0253 / 241) * 1000, 2);
    expect(r.upper).toBeCloseTo((5.572 / 241) * 1000, 2);
    expect(r.flags).toEqual(['few_groups', 'few_residents']);
  });
  it('has no flags when it rests on enough groups and residents', () => {
    expect(rate(67, 712_355).flags).toEqual([]);
  });
  it('is null with its interval when the population is unknown', () => {
    expect(rate(2, null)).toMatchObject({ per_1000: null, lower: null, upper: null });
  });
  it('pools areas by summing groups and residents', () => {
    expect(pooledRate([{ groups: 1, population: 241 }, { groups: 0, population: null }, { groups: 3, population: 1759 }])).toMatchObject({ groups: 4, population: 2000, per_1000: 2 });
  });
});

describe('referenceFit', () => {
  it('offers the England 1.8 figure only for charity registers', () => {
    const fit = referenceFit(['registered_charities']);
    expect(fit.references.map((r) => r.value)).toContain(1.8);
    expect(fit.statement).toContain('registered charities, England 1.8');
  });
  it('offers about 2 nationally and about 5 in Bolton for a full local directory', () => {
    const fit = referenceFit(['local_vcs_directory']);
    expect(fit.references.map((r) => r.value)).toEqual([2, 5]);
    expect(fit.statement).toContain('about 2 per 1,000 nationally and about 5 in Bolton');
  });
  it('says plainly that no comparison is possible with the built-ins or a mix', () => {
    expect(referenceFit(['none', 'none']).references).toEqual([]);
    expect(referenceFit(['none']).statement).toMatch(/^No comparison/);
    expect(referenceFit(['registered_charities', 'none']).comparison).toBe('none');
  });
});
