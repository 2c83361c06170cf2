// Classing for the choropleths: quantile breaks, the class of a value, range labels and counts.
import { describe, expect, it } from 'vitest';
import { classIndex, classRanges, countByClass, niceNumber, quantileBreaks, rangeLabel } from '../../client/layers/classify.ts';

describe('niceNumber', () => {
  it('rounds to two significant figures', () => {
    expect(niceNumber(0.4483)).toBeCloseTo(0.45, 10);
    expect(niceNumber(12.7)).toBe(13);
    expect(niceNumber(158.64)).toBe(160);
    expect(niceNumber(0)).toBe(0);
  });
});

describe('quantileBreaks', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);

  it('splits evenly spread values into classes of about equal size', () => {
    const breaks = quantileBreaks(values, 5);
    expect(breaks).toEqual([21, 41, 61, 81]);
    const counts = countByClass(values, (v) => String(classIndex(v, breaks)), ['0', '1', '2', '3', '4']);
    expect([...counts.values()]).toEqual([20, 20, 20, 20, 20]);
  });

  it('gives ascending breaks and never an empty class, even with heavy ties', () => {
    const tied = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 0.9, 3.1];
    const breaks = quantileBreaks(tied, 5);
    expect(breaks).toEqual([...breaks].sort((a, b) => a - b));
    const n = breaks.length + 1;
    const counts = countByClass(tied, (v) => String(classIndex(v, breaks)), Array.from({ length: n }, (_, i) => String(i)));
    for (const c of counts.values()) expect(c).toBeGreaterThan(0);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(tied.length);
  });

  it('gives no breaks for one distinct value or no values', () => {
    expect(quantileBreaks([4, 4, 4], 5)).toEqual([]);
    expect(quantileBreaks([], 5)).toEqual([]);
  });

  it('puts the minimum in the first class and the maximum in the last', () => {
    const skewed = [0.05, 0.1, 0.12, 0.3, 0.31, 0.8, 1.9, 2.2, 4.7, 12];
    const breaks = quantileBreaks(skewed, 5);
    expect(classIndex(0.05, breaks)).toBe(0);
    expect(classIndex(12, breaks)).toBe(breaks.length);
  });
});

describe('class ranges and labels', () => {
  it('runs from the data minimum through the breaks to the maximum', () => {
    expect(classRanges([1, 2], 0.4, 5.5)).toEqual([[0.4, 1], [1, 2], [2, 5.5]]);
  });

  it('says "to under" except for the last class, which includes its maximum', () => {
    expect(rangeLabel([0.4, 1], false)).toBe('0.4 to under 1');
    expect(rangeLabel([2, 5.5], true)).toBe('2 to 5.5');
    expect(rangeLabel([16.22, 158.64], true)).toBe('16.2 to 159');
  });

  it('counts every item once, in the order of the classes', () => {
    const counts = countByClass(['b', 'a', 'b', 'c'], (x) => x, ['a', 'b', 'c', 'd']);
    expect([...counts.entries()]).toEqual([['a', 1], ['b', 2], ['c', 1], ['d', 0]]);
  });
});
