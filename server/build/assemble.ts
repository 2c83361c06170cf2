// Turns validated sources into the atlas's areas: population for every layer, designations by
// resolution and overlay, the category and services each area receives, and the LSOA indicators.
import { overlayDesignations, type AreaDesignation, type OverlayUnit, type PointArea } from '../domain/overlay.ts';
import { categoryExtent, highestCategory, serviceCoverage, type ServiceCoverage } from '../domain/service-rules.ts';
import type { Category, Extent, ServiceId } from '../domain/vocabulary.ts';
import { LAYERS, type LayerId, type LayerSpec } from '../layers.ts';
import type { BoundaryArea } from './boundaries.ts';
import type { LsoaContext } from './context.ts';
import type { Curated } from './curated.ts';
import { BuildError } from './errors.ts';
import { locatePoint } from './locate.ts';
import type { OutputArea } from './output-areas.ts';
import { reconcile, type ReconciliationReport } from './report.ts';
import { resolveEntries } from './resolve.ts';

export interface AtlasArea extends BoundaryArea {
  layer: LayerId;
  population: number | null;
  designations: AreaDesignation[];
  category: Category | null;
  categoryExtent: Extent | null;
  services: Record<ServiceId, ServiceCoverage<AreaDesignation>>;
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
}

function assignOutputAreas(spec: LayerSpec, areas: BoundaryArea[], oas: OutputArea[], file: string) {
  const codes = new Set(areas.map((a) => a.code));
  const assignment = new Map<string, string>();
  let nearest = 0;
  for (const oa of oas) {
    let code: string | undefined;
    if (spec.population === 'lsoa-exact') code = oa.lsoa;
    else if (spec.population === 'parish-bestfit') code = oa.parishBestfit;
    else {
      const hit = locatePoint(oa.centroid, areas);
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
  for (const spec of LAYERS) {
    const { assignment, nearest } = assignOutputAreas(spec, boundaries[spec.id], oas, oaFile);
    assignments[spec.id] = assignment;
    nearestAssignments[spec.id] = nearest;
  }

  const units: OverlayUnit[] = oas.map((oa) => ({
    weight: oa.population,
    areaIn: Object.fromEntries(LAYERS.map((l) => [l.id, assignments[l.id].get(oa.code)])),
  }));
  // Label-point parishes own no Output Areas; place them by the polygon of each other layer holding the point.
  const points: PointArea[] = LAYERS.flatMap((spec) =>
    boundaries[spec.id]
      .filter((a) => a.geometry.type === 'Point')
      .map((a) => ({
        layer: spec.id,
        code: a.code,
        areaIn: Object.fromEntries(LAYERS.filter((l) => l.id !== spec.id).map((l) => [l.id, locatePoint(a.label, boundaries[l.id])?.code])),
      })),
  );

  const entries = resolveEntries(curated.entries, boundaries);
  const areas = {} as Record<LayerId, AtlasArea[]>;
  const designationsByLayer = {} as Record<LayerId, Map<string, AreaDesignation[]>>;
  for (const spec of LAYERS) {
    const designations = overlayDesignations({ targetLayer: spec.id, entries, units, points });
    designationsByLayer[spec.id] = designations;
    const population = new Map<string, number>();
    for (const oa of oas) {
      const code = assignments[spec.id].get(oa.code)!;
      population.set(code, (population.get(code) ?? 0) + oa.population);
    }
    areas[spec.id] = boundaries[spec.id].map((b) => {
      const ds = designations.get(b.code) ?? [];
      return {
        ...b,
        layer: spec.id,
        // Best-fit parish figures are published; point-only parishes stay null (their residents are counted next door).
        population: spec.population === 'parish-bestfit' ? b.bestfitPopulation : (population.get(b.code) ?? 0),
        designations: ds,
        category: highestCategory(ds),
        categoryExtent: categoryExtent(ds),
        services: serviceCoverage(curated.rules, ds),
        context: spec.id === 'lsoas' ? (lsoaContext.get(b.code) ?? null) : null,
      };
    });
  }

  const parishPopulation = new Map(areas.parishes.map((a) => [a.code, a.population]));
  const report = reconcile(curated.entries, boundaries.parishes, designationsByLayer.parishes, parishPopulation);
  return { areas, report, stats: { countyPopulation, nearestAssignments } };
}
