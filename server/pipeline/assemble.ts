// Turns validated sources into the atlas's areas: population for every layer, designations by
// resolution and overlay, the category and services each area receives, and the LSOA indicators.
import { tallyLsoaPlaces, type LsoaPlace } from '../domain/lsoa-places.ts';
import { tallyImdMix, type ImdMix } from '../domain/imd-mix.ts';
import { overlayLayers, type AreaCoverage, type InferredProvision, type OverlayRules, type OverlayUnit, type ResolvedEntry, type UnitReach } from '../domain/overlay.ts';
import { SERVICE_IDS } from '../domain/vocabulary.ts';
import { LAYERS, type LayerId, type LayerSpec } from '../registry/layers.ts';
import type { BoundaryArea } from './boundaries.ts';
import type { LsoaContext } from './context.ts';
import type { Curated, ProvisionRow } from './curated.ts';
import { BuildError } from '../formats/build-error.ts';
import { AreaIndex } from '../geo/area-index.ts';
import type { OutputArea } from './output-areas.ts';
import { coverageChanges, reconcile, type ReconciliationReport } from './report.ts';
import { resolveEntries } from './resolve.ts';

export interface AtlasArea extends BoundaryArea, AreaCoverage {
  layer: LayerId;
  population: number | null;
  context: LsoaContext | null;
}

export interface AssemblyStats {
  countyPopulation: number;
  /** Output Areas whose centroid fell in no polygon of a layer and went to the nearest one. */
  nearestAssignments: Record<LayerId, number>;
}

export interface Assembled {
  areas: Record<LayerId, AtlasArea[]>;
  report: ReconciliationReport;
  stats: AssemblyStats;
  /** The parishes and wards each LSOA covers, by share of its residents. */
  lsoaPlaces: LsoaPlace[];
  /** Each area's residents by IMD 2025 decile, from its Output Areas' LSOAs (every layer). */
  imdMix: { layer: LayerId; code: string; mix: ImdMix }[];
  /** Every Output Area with the area holding it in each layer (LAYERS order) and what reaches its residents: custom areas are built from these. */
  outputAreas: PlacedOutputArea[];
}

export interface PlacedOutputArea extends OutputArea {
  areas: string[];
  reach: UnitReach;
}

function assignOutputAreas(spec: LayerSpec, areas: BoundaryArea[], index: AreaIndex, oas: OutputArea[], file: string) {
  const codes = new Set(areas.map((a) => a.code));
  const assignment = new Map<string, string>();
  let nearest = 0;
  for (const oa of oas) {
    let code: string | undefined;
    if (spec.population === 'lsoa-exact') code = oa.lsoa;
    else if (spec.population === 'parish-bestfit') code = oa.parishBestfit;
    else {
      const hit = index.locate(oa.centroid);
      if (hit?.nearest) nearest++;
      code = hit?.code;
    }
    if (!code) throw new BuildError(file, `Output Area ${oa.code}`, `its centroid lies in no ${spec.id} area`);
    if (!codes.has(code)) throw new BuildError(file, `Output Area ${oa.code}`, `refers to ${code}, which is not in the ${spec.id} layer`);
    assignment.set(oa.code, code);
  }
  return { assignment, nearest };
}

export function assemble(
  curated: Curated,
  boundaries: Record<LayerId, BoundaryArea[]>,
  oas: OutputArea[],
  lsoaContext: Map<string, LsoaContext>,
  oaFile: string,
): Assembled {
  const countyPopulation = oas.reduce((sum, oa) => sum + oa.population, 0);
  const assignments = {} as Record<LayerId, Map<string, string>>;
  const nearestAssignments = {} as Record<LayerId, number>;
  const indexes = Object.fromEntries(LAYERS.map((l) => [l.id, new AreaIndex(boundaries[l.id])])) as Record<LayerId, AreaIndex>;
  for (const spec of LAYERS) {
    const { assignment, nearest } = assignOutputAreas(spec, boundaries[spec.id], indexes[spec.id], oas, oaFile);
    assignments[spec.id] = assignment;
    nearestAssignments[spec.id] = nearest;
    indexes[spec.id].release();
  }

  const units: OverlayUnit[] = oas.map((oa) => ({
    weight: oa.population,
    areaIn: Object.fromEntries(LAYERS.map((l) => [l.id, assignments[l.id].get(oa.code)])),
  }));
  // Label-point parishes own no Output Areas: each stands for itself on the parish layer only, placed in
  // the other layers by the polygon holding its point (its residents are counted next door elsewhere).
  for (const a of boundaries.parishes)
    if (a.geometryType === 'Point')
      units.push({
        weight: 1,
        onlyLayer: 'parishes',
        areaIn: { ...Object.fromEntries(LAYERS.filter((l) => l.id !== 'parishes').map((l) => [l.id, indexes[l.id].locate(a.label)?.code])), parishes: a.code },
      });

  const entries = resolveEntries(curated, boundaries);
  const rules = overlayRules(curated, entries);
  const areas = {} as Record<LayerId, AtlasArea[]>;
  const coverageByLayer = {} as Record<LayerId, Map<string, AreaCoverage>>;
  const reachByUnit = new Map<OverlayUnit, UnitReach>();
  const overlaid = overlayLayers({ targetLayers: LAYERS.map((l) => l.id), entries, units, rules, unitReach: (u, r) => reachByUnit.set(u, r) });
  for (const spec of LAYERS) {
    const coverage = overlaid.get(spec.id)!;
    coverageByLayer[spec.id] = coverage;
    const population = new Map<string, number>();
    for (const oa of oas) {
      const code = assignments[spec.id].get(oa.code)!;
      population.set(code, (population.get(code) ?? 0) + oa.population);
    }
    areas[spec.id] = boundaries[spec.id].map((b) => ({
      ...b,
      layer: spec.id,
      // Best-fit parish figures are published; a label-point parish's figure (if any) is not the residents of its point.
      population: spec.population === 'parish-bestfit' ? b.bestfitPopulation : (population.get(b.code) ?? 0),
      ...(coverage.get(b.code) ?? EMPTY),
      context: spec.id === 'lsoas' ? (lsoaContext.get(b.code) ?? null) : null,
    }));
  }

  const parishPopulation = new Map(areas.parishes.map((a) => [a.code, a.population]));
  const report = reconcile(curated, boundaries.parishes, coverageByLayer.parishes, parishPopulation, coverageChanges(curated.baseline, areas));
  const lsoaPlaces = tallyLsoaPlaces(
    oas.map((oa) => ({ population: oa.population, lsoa: oa.lsoa, parishes: assignments.parishes.get(oa.code), wards: assignments.wards.get(oa.code) })),
  );
  const decileOf = (lsoa: string) => lsoaContext.get(lsoa)?.imdDecile;
  const imdMix = LAYERS.flatMap((spec) =>
    [...tallyImdMix(oas.map((oa) => ({ population: oa.population, lsoa: oa.lsoa, area: assignments[spec.id].get(oa.code) })), decileOf)].map(([code, mix]) => ({ layer: spec.id, code, mix })),
  );
  // The first oas.length units are the Output Areas, in order (label-point parishes come after them).
  const outputAreas = oas.map((oa, i) => ({ ...oa, areas: LAYERS.map((l) => assignments[l.id].get(oa.code)!), reach: reachByUnit.get(units[i])! }));
  return { areas, report, stats: { countyPopulation, nearestAssignments }, lsoaPlaces, imdMix, outputAreas };
}

const EMPTY: AreaCoverage = {
  designations: [],
  provisions: [],
  category: null,
  categoryExtent: null,
  categoryShare: null,
  categoryShareAtLeast: false,
  services: Object.fromEntries(SERVICE_IDS.map((s) => [s, { extent: null, share: null, withheldUnparished: false, shareAtLeast: false }])) as AreaCoverage['services'],
};

const inferred = (p: ProvisionRow): InferredProvision => ({ id: p.id, label: p.label, services: p.services, evidence: p.evidence });

/** The precedence and provision rules of geodata/ in the form the overlay applies them. */
export function overlayRules(curated: Curated, entries: readonly ResolvedEntry[]): OverlayRules {
  const isParished = (code: string | undefined) => Boolean(code?.startsWith('E04'));
  return {
    parishLayer: 'parishes',
    namedParishes: new Set(entries.filter((e) => e.sourceLayer === 'parishes').flatMap((e) => e.sourceCodes).filter(isParished)),
    withinParishShare: curated.precedence.withinParishShare,
    successors: new Map(
      curated.provision.successors.map((s) => [s.parish, { predecessor: s.predecessor, within: s.within_layer ? { layer: s.within_layer, codes: new Set(s.within_codes) } : null }]),
    ),
    isParished,
    countywide: inferred(curated.provision.countywide),
    otherCommunities: inferred(curated.provision.otherCommunities),
    parishCouncil: inferred(curated.provision.parishCouncil),
    parishOnly: new Set(curated.provision.parishOnly.services),
  };
}
