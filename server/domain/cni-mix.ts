// The Community Needs Index of any set of residents: the CNI is published per LSOA, so an area made of
// Output Areas gets the residents-weighted mean score of their LSOAs and the share living in an LSOA
// OCSI and Local Trust class as "left behind"; the same for a district and the county, to set beside.
// Pure.

export interface CniResidents {
  population: number;
  /** The CNI of the LSOA the residents live in; null when it has none. */
  cni: { score: number; leftBehind: boolean } | null;
}

export interface CniSummary {
  residents_with_score: number;
  mean_score: number | null;
  residents_left_behind: number;
  share_left_behind: number | null;
}

export function cniSummary(units: Iterable<CniResidents>): CniSummary {
  let people = 0;
  let weighted = 0;
  let behind = 0;
  for (const u of units) {
    if (!u.cni || !u.population) continue;
    people += u.population;
    weighted += u.population * u.cni.score;
    if (u.cni.leftBehind) behind += u.population;
  }
  return {
    residents_with_score: people,
    mean_score: people ? Math.round((weighted / people) * 10) / 10 : null,
    residents_left_behind: behind,
    share_left_behind: people ? Math.round((behind / people) * 1000) / 1000 : null,
  };
}

/** The same summary for each district and the county, from the LSOAs (each with its district). */
export function cniBenchmarks(lsoas: Iterable<CniResidents & { district: string }>): { county: CniSummary; districts: Map<string, CniSummary> } {
  const all: (CniResidents & { district: string })[] = [...lsoas];
  const byDistrict = new Map<string, CniResidents[]>();
  for (const l of all) byDistrict.set(l.district, [...(byDistrict.get(l.district) ?? []), l]);
  return { county: cniSummary(all), districts: new Map([...byDistrict].map(([d, list]) => [d, cniSummary(list)])) };
}
