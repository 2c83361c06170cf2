// The postcode rule: the finest containing area that has a service wholly or not at all settles it;
// only what none settles stays "part", with the finest known share and "at least" when that is a lower bound.
import { describe, expect, it } from 'vitest';
import { finestAnswer, type ContainingAnswer } from '../../server/domain/finest-answer.ts';

const area = (ref: string, population: number, o: Partial<ContainingAnswer>): ContainingAnswer => ({
  ref, population, exact: ref.startsWith('lsoas/'), extent: 'part', share: 0.5, atLeast: false, ...o,
});

describe('finestAnswer', () => {
  it('takes "whole" from an LSOA when the unparished area holding it is only part (LE67 3WA, NW)', () => {
    const a = finestAnswer([
      area('parishes/E43000999', 40000, { extent: 'part', share: 0.67 }),
      area('wards/E05000001', 6000, { extent: 'part', share: 0.4 }),
      area('lsoas/E01000001', 1500, { extent: 'whole', share: 1 }),
    ]);
    expect(a).toMatchObject({ extent: 'whole', decided_by: 'lsoas/E01000001', share: 1, contradicted_by: [] });
  });

  it('takes "none" from any containing area that lacks the service (LE11 3AA, RCC CDO)', () => {
    const a = finestAnswer([
      area('parishes/E43000001', 60000, { extent: 'part', share: 0.2 }),
      area('wards/E05000002', 7000, { extent: null, share: null }),
      area('lsoas/E01000002', 1600, { extent: null, share: null }),
    ]);
    expect(a).toMatchObject({ extent: null, decided_by: 'lsoas/E01000002', share: null });
  });

  it('lets a coarser area settle it when the finer ones are only part', () => {
    const a = finestAnswer([area('lsoas/E01000003', 1500, {}), area('wards-2013/E05000003', 5000, { extent: 'whole', share: 1 }), area('parishes/E04000003', 900, {})]);
    expect(a.extent).toBe('whole');
    expect(a.decided_by).toBe('wards-2013/E05000003');
  });

  it('stays "part" only when no area settles it, with the finest share and its lower-bound flag', () => {
    const a = finestAnswer([
      area('parishes/E43000004', 90000, { share: 0.18, atLeast: true }),
      area('lsoas/E01000004', 1500, { share: 0.3, atLeast: true }),
      area('wards/E05000004', 7000, { share: 0.25 }),
    ]);
    expect(a).toMatchObject({ extent: 'part', decided_by: null, share: 0.3, share_of: 'lsoas/E01000004', at_least: true });
  });

  it('skips areas of an unspecified part when looking for a share', () => {
    const a = finestAnswer([area('lsoas/E01000005', 1500, { share: null }), area('wards/E05000005', 7000, { share: 0.6 })]);
    expect(a).toMatchObject({ extent: 'part', share: 0.6, share_of: 'wards/E05000005' });
  });

  it('says which areas disagree, and the exact LSOA decides over a best-fit area', () => {
    const a = finestAnswer([area('parishes/E04000006', 800, { extent: 'whole', share: 1 }), area('lsoas/E01000006', 1500, { extent: null, share: null })]);
    expect(a).toMatchObject({ extent: null, decided_by: 'lsoas/E01000006', contradicted_by: ['parishes/E04000006'] });
  });

  it('says nothing is available when no area holds the point', () => {
    expect(finestAnswer([])).toMatchObject({ extent: null, decided_by: null });
  });
});
