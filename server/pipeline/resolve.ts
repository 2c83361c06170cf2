// Checks each curated Appendix One resolution against the boundaries actually loaded: every code must
// exist in its layer and carry the area name the curator wrote, so a typo cannot point at the wrong place.
import type { ResolvedEntry } from '../domain/overlay.ts';
import { normaliseName } from '../domain/names.ts';
import { LAYERS, type LayerId } from '../registry/layers.ts';
import type { BoundaryArea } from './boundaries.ts';
import type { Curated, DesignationLayer } from './curated.ts';
import { BuildError } from '../formats/build-error.ts';

export function layerForDesignation(layer: DesignationLayer): LayerId {
  const spec = LAYERS.find((l) => l.designationLayer === layer);
  if (!spec) throw new Error(`no layer serves designation layer ${layer}`);
  return spec.id;
}

export function resolveEntries({ entries, methods, rules }: Pick<Curated, 'entries' | 'methods' | 'rules'>, areas: Record<LayerId, BoundaryArea[]>): ResolvedEntry[] {
  const resolved: ResolvedEntry[] = [];
  // One map per layer, built once: rebuilding it for every entry made resolution quadratic.
  const byLayerCode = new Map<LayerId, Map<string, BoundaryArea>>();
  for (const e of entries) {
    if (!e.layer) continue;
    const layer = layerForDesignation(e.layer);
    let byCode = byLayerCode.get(layer);
    if (!byCode) byLayerCode.set(layer, (byCode = new Map(areas[layer].map((a) => [a.code, a]))));
    e.codes.forEach((code, i) => {
      const area = byCode.get(code);
      const where = `line ${e.line} ("${e.listedAs}")`;
      if (!area) throw new BuildError('geodata/designations.csv', where, `code ${code} is not in the ${layer} layer`);
      if (normaliseName(area.name) !== normaliseName(e.areas[i]))
        throw new BuildError('geodata/designations.csv', where, `code ${code} is "${area.name}" in the ${layer} layer, not "${e.areas[i]}"`);
    });
    resolved.push({
      id: e.id,
      table: e.table,
      category: e.category,
      extent: e.extent,
      listedAs: e.listedAs,
      sourceLayer: layer,
      sourceCodes: e.codes,
      method: e.method,
      confidence: methods[e.method].confidence ?? 'resolved',
      services: [...rules[e.table][e.category]],
    });
  }
  return resolved;
}
