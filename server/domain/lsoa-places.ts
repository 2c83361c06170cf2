// Which parishes and wards each LSOA covers, so an LSOA reads as places ("Loughborough: Hastings")
// rather than a statistical code. Pure: tallies residents over the Output Areas the build has already
// placed in every layer (best-fit parish, ward by population-weighted centroid).

export type PlaceLayer = 'parishes' | 'wards';

export interface LsoaPlace {
  lsoa: string;
  layer: PlaceLayer;
  code: string;
  /** Share of the LSOA's residents (Census 2021) who live in this place, to 3 decimals. */
  share: number;
}

/** One Output Area: its residents and the area it was placed in on each layer. */
export interface PlacedOutputArea {
  population: number;
  lsoa: string;
  parishes: string | undefined;
  wards: string | undefined;
}

/** Places below this share of an LSOA's residents are left out: a sliver of a field is not "covered". */
export const MIN_PLACE_SHARE = 0.05;

const PLACE_LAYERS: readonly PlaceLayer[] = ['parishes', 'wards'];

export function tallyLsoaPlaces(oas: Iterable<PlacedOutputArea>): LsoaPlace[] {
  const tallies = new Map<string, { total: number; people: Map<string, number> }>();
  for (const oa of oas) {
    let t = tallies.get(oa.lsoa);
    if (!t) tallies.set(oa.lsoa, (t = { total: 0, people: new Map() }));
    t.total += oa.population;
    for (const layer of PLACE_LAYERS) {
      const code = oa[layer];
      if (!code) continue;
      const key = `${layer}:${code}`;
      t.people.set(key, (t.people.get(key) ?? 0) + oa.population);
    }
  }
  const places: LsoaPlace[] = [];
  for (const [lsoa, t] of tallies) {
    const rows = [...t.people].map(([key, people]) => {
      const [layer, code] = key.split(':') as [PlaceLayer, string];
      return { lsoa, layer, code, share: t.total ? Math.round((people / t.total) * 1000) / 1000 : 0 };
    });
    places.push(...rows.filter((p) => p.share >= MIN_PLACE_SHARE).sort((a, b) => a.layer.localeCompare(b.layer) || b.share - a.share));
  }
  return places;
}

/** A place an LSOA covers, as the API names it. */
export interface NamedPlace {
  layer: PlaceLayer;
  name: string;
  share: number;
}

/**
 * The places an LSOA covers as words, for the tooltip, panel, table and CSV alike: "Shepshed; Shepshed
 * East ward (62%), Shepshed West ward (38%)" (shares shown only when the LSOA is split).
 */
export function placesText(list: readonly NamedPlace[] | undefined): string | null {
  if (!list?.length) return null;
  const part = (layer: PlaceLayer, noun: string) => {
    const ps = list.filter((p) => p.layer === layer);
    return ps.map((p) => `${p.name}${noun}${ps.length > 1 ? ` (${Math.round(p.share * 100)}%)` : ''}`).join(', ');
  };
  return [part('parishes', ''), part('wards', ' ward')].filter(Boolean).join('; ');
}
