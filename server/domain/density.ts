// Group density: groups located in an area per 1,000 residents.

/** Null when the population is unknown or zero (e.g. the point-only parishes), never Infinity or NaN. */
export function groupsPer1000(groups: number, population: number | null | undefined): number | null {
  if (population == null || population <= 0) return null;
  return Math.round((groups / population) * 1000 * 1000) / 1000;
}

/** Reference figures quoted in seed 004 (Chanan, Radix 2022), for legends and comparisons. */
export const DENSITY_REFERENCES = [
  { id: 'england_charities', value: 1.8, label: 'England average, registered charities', source: 'Corry, cited in seed 004' },
  { id: 'national_survey', value: 2, label: 'National survey of local VCS organisations 2008/2010', source: 'Ipsos MORI for DCLG, cited in seed 004' },
  { id: 'bolton', value: 5, label: 'Bolton 2013, including small groups', source: 'Dayson et al., Sheffield Hallam, cited in seed 004' },
] as const;
