// Classing numbers for choropleths: quantile breaks rounded to two significant figures, the class
// of a value, and range labels. Pure, so the legend logic is unit-tested.
import { formatDecimals } from '../number-format.ts';

/** Rounds to two significant figures, so class limits read as 0.45 or 12 rather than 0.4483. */
export function niceNumber(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Math.round(x / p) * p;
}

/**
 * Up to k-1 ascending thresholds splitting the values into classes of about equal size. Class i
 * holds values v with breaks[i-1] <= v < breaks[i]. Ties and rounding can merge classes, but every
 * class that remains has at least one value.
 */
export function quantileBreaks(values: readonly number[], k: number): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0 || k < 2) return [];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const b = niceNumber(sorted[Math.floor((i * sorted.length) / k)]);
    const prev = breaks[breaks.length - 1] ?? sorted[0];
    if (b > prev && b <= sorted[sorted.length - 1]) breaks.push(+b.toPrecision(12));
  }
  // Drop any break that leaves the class below it empty (possible after rounding).
  return breaks.filter((b, i) => sorted.some((v) => v >= (breaks[i - 1] ?? -Infinity) && v < b));
}

export function classIndex(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) i++;
  return i;
}

/**
 * An object whose label is written when first read. The views are built with the first layer, before
 * the first map, and formatting their first number loads ICU's en-GB data (about 0.1 s of a laptop's
 * main thread slowed 4×) that the map does not need: the key pays for it when it is drawn, after the map.
 */
export function lazyLabel<T extends object>(o: T, label: () => string): T & { label: string } {
  let text: string | undefined;
  return Object.defineProperty(o, 'label', { enumerable: true, configurable: true, get: () => (text ??= label()) }) as T & { label: string };
}

export function formatNumber(x: number): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return formatDecimals(x, digits);
}

/** Ranges for each class: the first starts at the data minimum and the last ends at the maximum. */
/** Smallest and largest value by a loop: Math.min(...values) overflows the stack past about 125,000 values. */
export function extent(values: Iterable<number>): [number, number] {
  let [min, max] = [Infinity, -Infinity];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

export function classRanges(breaks: readonly number[], min: number, max: number): [number, number][] {
  const edges = [min, ...breaks, max];
  return edges.slice(0, -1).map((lo, i) => [lo, edges[i + 1]]);
}

export function rangeLabel([lo, hi]: [number, number], last: boolean): string {
  return last ? `${formatNumber(lo)} to ${formatNumber(hi)}` : `${formatNumber(lo)} to under ${formatNumber(hi)}`;
}

/** Counts of items per class id, in the order the classes are given. */
export function countByClass<T>(items: readonly T[], classify: (item: T) => string, classIds: readonly string[]): Map<string, number> {
  const counts = new Map(classIds.map((id) => [id, 0]));
  for (const item of items) {
    const id = classify(item);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
