// The IMD 2025 mix of any area: its residents by the deprivation decile of the LSOA each of its
// Census 2021 Output Areas lies in, so parishes and wards (which have no decile of their own) get a
// deprivation summary built the way every layer's figures are: Output Areas placed in the layer.
// Pure: the build tallies it once; the area API serves it.

/** One Output Area: its residents, its LSOA, and the area it was placed in on the layer. */
export interface MixOutputArea {
  population: number;
  lsoa: string;
  area: string | undefined;
}

/** Residents in each IMD decile (index 0 = decile 1, the most deprived tenth of England). */
export type ImdMix = number[];

/** Residents by decile for every area of one layer; an Output Area whose LSOA has no decile is left out. */
export function tallyImdMix(oas: Iterable<MixOutputArea>, decileOf: (lsoa: string) => number | undefined): Map<string, ImdMix> {
  const mixes = new Map<string, ImdMix>();
  for (const oa of oas) {
    const decile = decileOf(oa.lsoa);
    if (!oa.area || !decile || decile < 1 || decile > 10) continue;
    let mix = mixes.get(oa.area);
    if (!mix) mixes.set(oa.area, (mix = new Array(10).fill(0)));
    mix[decile - 1] += oa.population;
  }
  return mixes;
}

/** The summary the panels show: residents with a decile, and the share of them in deciles 1–2 (the most deprived fifth of England). */
export function imdSummary(mix: ImdMix | null) {
  if (!mix) return null;
  const residents = mix.reduce((a, b) => a + b, 0);
  const mostDeprived = mix[0] + mix[1];
  return {
    residents_by_decile: mix,
    residents_with_decile: residents,
    residents_deciles_1_2: mostDeprived,
    share_deciles_1_2: residents ? Math.round((mostDeprived / residents) * 1000) / 1000 : null,
  };
}

/** One LSOA for the benchmarks: its residents, decile and district. */
export interface DecileLsoa {
  population: number | null;
  decile: number | null;
  district: string;
}

/** The share of residents in deciles 1–2 in each district and the county, to set an area's share beside. */
export function deprivationBenchmarks(lsoas: Iterable<DecileLsoa>): { county: number | null; districts: Map<string, number | null> } {
  const tally = new Map<string, [number, number]>();
  const county: [number, number] = [0, 0];
  for (const l of lsoas) {
    if (!l.population || !l.decile) continue;
    let t = tally.get(l.district);
    if (!t) tally.set(l.district, (t = [0, 0]));
    for (const x of [t, county]) {
      x[1] += l.population;
      if (l.decile <= 2) x[0] += l.population;
    }
  }
  const share = ([most, all]: [number, number]) => (all ? Math.round((most / all) * 1000) / 1000 : null);
  return { county: share(county), districts: new Map([...tally].map(([d, t]) => [d, share(t)])) };
}
