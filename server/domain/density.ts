// Group density: groups located in an area per 1,000 residents, with the count it rests on, an
// exact (Garwood) Poisson 95% interval, small-number flags, and the reference figure that fits.
// Pure: no I/O, so every number in the API, CSV and charts comes from here.

/** Null when the population is unknown or zero (e.g. the point-only parishes), never Infinity or NaN. */
export function groupsPer1000(groups: number, population: number | null | undefined): number | null {
  if (population == null || population <= 0) return null;
  return round3((groups / population) * 1000);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for x > 0. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x): series below a + 1, continued fraction above. */
function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) sum += (term *= x / (a + n));
    return Math.min(1, sum * Math.exp(lead));
  }
  // Lentz's method for the continued fraction of Q(a, x).
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lead) * h);
}

/** The μ in [lo, hi] at which the increasing function f(μ) of the Poisson mean reaches target (bisection). */
function solveMean(f: (mu: number) => number, target: number, lo: number, hi: number): number {
  while (f(hi) < target) hi *= 2;
  while (lo > 0 && f(lo) > target) lo /= 2;
  // Rates are shown to 3 decimals per 1,000; a relative error of 1e-9 is far below that.
  for (let i = 0; i < 100 && hi - lo > 1e-9 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Intervals already worked out, by count: areas share small counts, so this saves most of the work. */
const intervals = new Map<number, { lower: number; upper: number }>();
const MAX_REMEMBERED = 10_000;

/**
 * Exact (Garwood) two-sided 95% interval for a Poisson count k: the means at which P(X ≥ k) and
 * P(X ≤ k) are each 2.5%. Equivalent to χ²(0.025; 2k)/2 and χ²(0.975; 2k + 2)/2.
 */
export function poissonInterval(k: number, level = 0.95): { lower: number; upper: number } {
  const remembered = level === 0.95 ? intervals.get(k) : undefined;
  if (remembered) return remembered;
  const tail = (1 - level) / 2;
  // Brackets a little wider than the normal approximation, so bisection starts close.
  const spread = 4 * Math.sqrt(k + 1) + 4;
  // P(X ≥ k | μ) = P(k, μ) (lower regularised gamma); P(X ≤ k | μ) = 1 − P(k + 1, μ).
  const lower = k === 0 ? 0 : solveMean((mu) => gammaP(k, mu), tail, Math.max(1e-9, k - spread), k);
  const upper = solveMean((mu) => gammaP(k + 1, mu), 1 - tail, k, k + spread);
  const ci = { lower, upper };
  if (level === 0.95 && intervals.size < MAX_REMEMBERED) intervals.set(k, ci);
  return ci;
}

/** Fewer groups than this make a rate unstable: one group more or less moves it by over 10%. */
export const FEW_GROUPS = 10;
/** Fewer residents than this (below the smallest LSOA, about 1,000) make one group a large rate. */
export const FEW_RESIDENTS = 1000;

export type DensityFlag = 'few_groups' | 'few_residents';

export interface Rate {
  groups: number;
  population: number | null;
  /** Groups per 1,000 residents; null when the population is unknown or zero. */
  per_1000: number | null;
  /** Exact Poisson 95% interval of the rate; null with the rate. */
  lower: number | null;
  upper: number | null;
  /** Why the rate should be read with care; empty when it rests on enough groups and residents. */
  flags: DensityFlag[];
}

export function rate(groups: number, population: number | null | undefined): Rate {
  const pop = population != null && population > 0 ? population : null;
  if (pop === null) return { groups, population: population ?? null, per_1000: null, lower: null, upper: null, flags: [] };
  const ci = poissonInterval(groups);
  const flags: DensityFlag[] = [];
  if (groups < FEW_GROUPS) flags.push('few_groups');
  if (pop < FEW_RESIDENTS) flags.push('few_residents');
  return { groups, population: pop, per_1000: round3((groups / pop) * 1000), lower: round3((ci.lower / pop) * 1000), upper: round3((ci.upper / pop) * 1000), flags };
}

/** Groups and residents summed over areas (e.g. a district, the county, an IMD decile), as one rate. */
export function pooledRate(areas: Iterable<{ groups: number; population: number | null }>): Rate {
  let groups = 0;
  let population = 0;
  for (const a of areas) {
    groups += a.groups;
    population += a.population ?? 0;
  }
  return rate(groups, population);
}

/** Which published figure a register's count may be compared with (each register records one). */
export type Comparison = 'registered_charities' | 'local_vcs_directory' | 'none';
export const COMPARISONS = ['registered_charities', 'local_vcs_directory', 'none'] as const;

/** Reference figures quoted in seed 004 (Chanan, Radix 2022), each tied to the kind of register it fits. */
export const DENSITY_REFERENCES = [
  { id: 'england_charities', fits: 'registered_charities', value: 1.8, label: 'England average, registered charities', quote: 'The average for England is 1.8 per 1,000 people.', source: 'Corry, Where Are England\u2019s Charities? (NPC 2020), cited in the Radix paper (Chanan 2022)' },
  { id: 'cotswolds_charities', fits: 'registered_charities', value: 5.5, label: 'Cotswolds, registered charities', quote: 'much higher in well-off areas, for example 5.5 in the Cotswolds', source: 'Corry 2020, cited in the Radix paper (Chanan 2022)' },
  { id: 'blackpool_charities', fits: 'registered_charities', value: 0.7, label: 'Blackpool, registered charities (around 0.7)', quote: 'around 0.7 in Blackpool, 0.8 in Knowsley and 1.0 across Manchester', source: 'Corry 2020, cited in the Radix paper (Chanan 2022)' },
  { id: 'national_survey', fits: 'local_vcs_directory', value: 2, label: 'National survey of local voluntary and community organisations 2008/2010 (about 2)', quote: '104,391 organisations, i.e. an average of about two per thousand people', source: 'Ipsos MORI for DCLG, cited in the Radix paper (Chanan 2022)' },
  { id: 'bolton', fits: 'local_vcs_directory', value: 5, label: 'Bolton 2013, including small groups (about 5)', quote: '1,418 community and voluntary organisations across its 280,000 population, about five per thousand people', source: 'Dayson et al., Sheffield Hallam 2013, cited in the Radix paper (Chanan 2022)' },
] as const;

export interface ReferenceFit {
  comparison: Comparison;
  /** What the counted registers can be compared with, in words for the key. */
  statement: string;
  references: (typeof DENSITY_REFERENCES)[number][];
}

/**
 * The reference figures that fit the counted registers: only when every one supports the same
 * comparison. A mix (e.g. charities plus libraries) or the built-ins alone fit none.
 */
export function referenceFit(comparisons: readonly Comparison[]): ReferenceFit {
  const kinds = new Set(comparisons);
  const only = kinds.size === 1 ? [...kinds][0] : 'none';
  if (only === 'registered_charities')
    return { comparison: only, statement: 'Comparable with registered charities, England 1.8 per 1,000 (the Radix paper, Community Involvement in Levelling Up, 2022).', references: DENSITY_REFERENCES.filter((r) => r.fits === only) };
  if (only === 'local_vcs_directory')
    return { comparison: only, statement: 'Comparable with local voluntary and community organisations: about 2 per 1,000 nationally and about 5 in Bolton (the Radix paper, Community Involvement in Levelling Up, 2022).', references: DENSITY_REFERENCES.filter((r) => r.fits === only) };
  const why = comparisons.length === 0 ? 'no register is counted' : kinds.size > 1 ? 'the counted registers are of different kinds' : 'the counted registers (e.g. libraries, case studies) are not a register of all groups';
  return { comparison: 'none', statement: `No comparison with a published figure is possible: ${why}.`, references: [] };
}
