// A custom area's profile in the shape an area's figures take: residents, each service's share of
// residents (with "at least" where a "(part)" listing makes it a lower bound), category shares, groups
// and density with the 95% interval, the IMD 2025 mix, the CNI, the district and county beside each
// figure, and the areas it overlaps; plus the same figures as flat columns for GeoJSON and CSV.
import { certainShare } from '../../domain/benchmarks.ts';
import { cniSummary, type CniSummary } from '../../domain/cni-mix.ts';
import type { CustomCoverage } from '../../domain/custom-area.ts';
import { residentsBy } from '../../domain/custom-area.ts';
import { customDesignations } from '../../domain/custom-designations.ts';
import { customDesignationLine, percent } from '../../domain/designation-words.ts';
import type { Rate, ReferenceFit } from '../../domain/density.ts';
import { imdSummary, type ImdMix } from '../../domain/imd-mix.ts';
import { CATEGORIES, CATEGORY_LABELS, type ServiceId } from '../../domain/vocabulary.ts';
import { INDICES_LAYER, LAYER_IDS, LAYERS, type LayerId } from '../../registry/layers.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import type { StoredOutputArea } from '../../store/output-area-index.ts';

/** The method, in the words every custom area carries. */
export const CUSTOM_METHOD =
  'Built from Census 2021 Output Areas, as every layer of the atlas is: those that make up the chosen areas, or for a drawn area those of each parish, ward or LSOA it covers whole (as ONS assigns them) and elsewhere those whose population-weighted centroid lies inside it. Each Output Area brings its residents and what Appendix One of the Leicestershire LAA Stronger Communities delivery plan reaches there.';

/** "all residents", "at least 45% of residents", "an unspecified part of its residents", "none". */
export function reachWords(c: { extent: 'whole' | 'part' | null; share: number | null; shareAtLeast: boolean }): string {
  if (c.extent === null) return 'none of its residents';
  if (c.extent === 'whole') return 'all its residents';
  if (c.share === null) return 'an unspecified part of its residents (Appendix One does not say which part)';
  return `part: ${c.shareAtLeast ? 'at least ' : ''}${percent(c.share)} of its residents`;
}

export interface ProfileInputs {
  store: AtlasStore;
  oas: readonly StoredOutputArea[];
  coverage: CustomCoverage;
  groups: { count: number; rate: Rate; registers: string[]; reference: ReferenceFit; district: number | null; county: number | null };
  mix: ImdMix | null;
  frames: {
    reach: { county: Record<ServiceId, number | null>; districts: Map<string, Record<ServiceId, number | null>> };
    deprivation: { county: number | null; districts: Map<string, number | null> };
    cni: { county: CniSummary; districts: Map<string, CniSummary> };
  };
}

export function customProfile({ store, oas, coverage, groups, mix, frames }: ProfileInputs) {
  const districts = residentsBy(oas, (oa) => oa.district).map((d) => ({ code: d.key, name: store.districts.find((x) => x.code === d.key)?.name ?? d.key, residents: d.residents }));
  // The district most of its residents live in is the one each figure is set beside.
  const main = districts[0];
  const reachDistrict = frames.reach.districts.get(main.code);
  const services = store.services.map((s) => {
    const c = coverage.services[s.id];
    return {
      id: s.id,
      name: s.name,
      short_name: s.shortName,
      available: c.extent !== null,
      extent: c.extent,
      share: c.share,
      at_least: c.shareAtLeast,
      withheld_unparished: c.withheldUnparished,
      text: `${s.name}: ${reachWords(c)}`,
      certain_share: Math.round(certainShare(c) * 1000) / 1000,
      district: reachDistrict?.[s.id] ?? null,
      county: frames.reach.county[s.id],
    };
  });
  const categories = CATEGORIES.map((id) => {
    const c = coverage.categories[id];
    return { id, label: CATEGORY_LABELS[id], extent: c.extent, share: c.share, at_least: c.shareAtLeast, text: `${CATEGORY_LABELS[id]}: ${reachWords(c)}` };
  });
  // The Appendix One designations behind the figures, read from the areas holding its Output Areas.
  const designations = customDesignations(oas, LAYER_IDS, (layer, code) => store.area(code, layer as LayerId)?.designations ?? null).map((d) => ({
    text: customDesignationLine(d, coverage.population),
    category: d.category,
    table: d.table,
    listed_as: d.listedAs,
    listed_extent: d.listedExtent,
    method: d.method,
    confidence: d.confidence,
    lower_confidence: d.lowerConfidence,
    extent: d.extent,
    share: d.share,
    at_least: d.shareAtLeast,
    residents: d.residents,
    residents_where_listed: d.residentsWhereListed,
    residents_where_listed_at_least: d.whereListedAtLeast,
    via: d.via,
  }));
  const lsoaOf = (code: string) => store.area(code, INDICES_LAYER);
  const cni = cniSummary(oas.map((oa) => ({ population: oa.population, cni: lsoaOf(oa.lsoa)?.cni ?? null })));
  const deprivation = imdSummary(mix);
  const overlaps = Object.fromEntries(
    LAYERS.map((l, i) => [
      l.id,
      residentsBy(oas, (oa) => oa.areas[i]).map(({ key, residents }) => {
        const area = store.area(key, l.id);
        return { code: key, name: area?.name ?? key, residents, share_of_custom: round3(residents / coverage.population), share_of_area: area?.population ? round3(residents / area.population) : null };
      }),
    ]),
  );
  return {
    kind: 'custom_area',
    method: CUSTOM_METHOD,
    output_areas: oas.length,
    population: coverage.population,
    district: main,
    districts,
    category: coverage.category,
    categories,
    designations,
    services,
    groups: {
      count: groups.count,
      per_1000: groups.rate.per_1000,
      lower: groups.rate.lower,
      upper: groups.rate.upper,
      flags: groups.rate.flags,
      district_per_1000: groups.district,
      county_per_1000: groups.county,
      registers_counted: groups.registers,
      reference: groups.reference.statement,
    },
    deprivation: deprivation && { ...deprivation, district_share_deciles_1_2: frames.deprivation.districts.get(main.code) ?? null, county_share_deciles_1_2: frames.deprivation.county },
    cni: { ...cni, district: frames.cni.districts.get(main.code) ?? null, county: frames.cni.county },
    overlaps,
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export type CustomProfile = ReturnType<typeof customProfile>;

/** The profile as one row of scalar columns (GeoJSON properties, CSV): the client writes downloads from these. */
export function flatProfile(p: CustomProfile): Record<string, string | number | boolean | null> {
  const row: Record<string, string | number | boolean | null> = {
    population: p.population,
    output_areas: p.output_areas,
    district_code: p.district.code,
    district_name: p.district.name,
    category: p.category,
  };
  for (const c of p.categories) {
    row[`${c.id}_share`] = c.share;
    row[`${c.id}_at_least`] = c.at_least;
  }
  // Designations as numbered columns, as an area's flat form has them (d1_…): here with their words and residents.
  row.designations = p.designations.length;
  p.designations.forEach((d, i) => {
    const n = `designation_${i + 1}`;
    Object.assign(row, { [`${n}_text`]: d.text, [`${n}_category`]: d.category, [`${n}_listed_as`]: d.listed_as, [`${n}_confidence`]: d.confidence, [`${n}_extent`]: d.extent, [`${n}_share`]: d.share, [`${n}_at_least`]: d.at_least, [`${n}_residents`]: d.residents });
  });
  for (const s of p.services) {
    row[`${s.id}_extent`] = s.extent;
    row[`${s.id}_share`] = s.share;
    row[`${s.id}_at_least`] = s.at_least;
    row[`${s.id}_district`] = s.district;
    row[`${s.id}_county`] = s.county;
  }
  Object.assign(row, {
    groups: p.groups.count,
    groups_per_1000: p.groups.per_1000,
    groups_per_1000_lower: p.groups.lower,
    groups_per_1000_upper: p.groups.upper,
    density_flags: p.groups.flags.join(' '),
    district_groups_per_1000: p.groups.district_per_1000,
    county_groups_per_1000: p.groups.county_per_1000,
    registers_counted: p.groups.registers_counted.join('; '),
    imd_share_deciles_1_2: p.deprivation?.share_deciles_1_2 ?? null,
    district_imd_share_deciles_1_2: p.deprivation?.district_share_deciles_1_2 ?? null,
    county_imd_share_deciles_1_2: p.deprivation?.county_share_deciles_1_2 ?? null,
    cni_mean_score: p.cni.mean_score,
    cni_share_left_behind: p.cni.share_left_behind,
    method: p.method,
  });
  (p.deprivation?.residents_by_decile ?? []).forEach((n, i) => (row[`imd_decile_${i + 1}_residents`] = n));
  return row;
}
