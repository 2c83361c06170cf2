// The custom-area arithmetic on hand-made Output Areas: whole, part, "at least", none, categories.
import { describe, expect, it } from 'vitest';
import { customCoverage, type CustomUnit } from '../../server/domain/custom-area.ts';
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
