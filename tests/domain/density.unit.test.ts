// Density arithmetic: groups per 1,000 residents, null when population is unknown or zero.
import { describe, expect, it } from 'vitest';
import { groupsPer1000 } from '../../server/domain/density.ts';

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
