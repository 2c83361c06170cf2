// The reconciliation report: every Appendix One entry with the area(s) it resolved to (or why not) and
// how sure that is, the parishes that take a designation by succession, the parishes no entry names,
// and how many areas changed category, extent or services against the coverage recorded before issue 18.
import { CATEGORY_LABELS, SERVICE_IDS, type Extent, type ServiceId } from '../domain/vocabulary.ts';
import type { AreaCoverage, Confidence } from '../domain/overlay.ts';
import { LAYER_IDS, type LayerId } from '../registry/layers.ts';
import type { BoundaryArea } from './boundaries.ts';
import type { BaselineRow, Curated, ResolutionMethod } from './curated.ts';

export interface CoverageChange {
  areas: number;
  changedCategory: number;
  changedExtent: number;
  /** Areas whose category and extent held but whose services changed (any service's extent). */
  changedServices: number;
}

export interface ReconciliationReport {
  counts: {
    entries: number;
    parishTable: number;
    urbanTable: number;
    /** Entries by confidence: listed (exact or spelling), resolved (alias, merged, ward, unparished area). */
    listed: number;
    resolved: number;
    /** Of the resolved entries, those marked lower confidence (a later ward of the same name). */
    resolvedLowerConfidence: number;
    unresolved: number;
    /** Parishes that take their designation by inference (successor parishes). */
    inferred: number;
    /** Parishes and unparished areas that no entry names and that receive no category. */
    notListed: number;
    unlisted: number;
    unlistedWithOverlay: number;
    byMethod: Partial<Record<ResolutionMethod, number>>;
  };
  /** Against the recorded baseline (geodata/coverage-before-issue-18.csv), per layer. */
  changes: Partial<Record<LayerId, CoverageChange>>;
  entries: {
    id: number;
    table: string;
    category: string;
    listedAs: string;
    extent: string;
    method: ResolutionMethod;
    confidence: Confidence | null;
    lowerConfidence: boolean;
    layer: string | null;
    areas: { code: string; name: string }[];
    note: string;
  }[];
  successors: { code: string; name: string; predecessor: string; category: string | null; evidence: string }[];
  unlisted: {
    code: string;
    name: string;
    district: string;
    population: number | null;
    /** Designations the area still receives (through a ward entry, or as a successor). */
    viaOverlay: { listedAs: string; category: string; extent: string; confidence: Confidence }[];
  }[];
}

export function coverageChanges(
  baseline: readonly BaselineRow[],
  now: Record<LayerId, readonly { code: string; category: string | null; categoryExtent: string | null; services: Record<ServiceId, { extent: Extent | null }> }[]>,
) {
  const changes: Partial<Record<LayerId, CoverageChange>> = {};
  for (const layer of LAYER_IDS) {
    const before = new Map(baseline.filter((b) => b.layer === layer).map((b) => [b.code, b]));
    if (before.size === 0) continue;
    const c: CoverageChange = { areas: now[layer].length, changedCategory: 0, changedExtent: 0, changedServices: 0 };
    for (const a of now[layer]) {
      const b = before.get(a.code);
      if ((b?.category ?? null) !== a.category) c.changedCategory++;
      else if ((b?.extent ?? null) !== a.categoryExtent) c.changedExtent++;
      else if (SERVICE_IDS.some((id) => (b?.services[id] ?? null) !== a.services[id].extent)) c.changedServices++;
    }
    changes[layer] = c;
  }
  return changes;
}

export function reconcile(
  curated: Pick<Curated, 'entries' | 'methods' | 'provision'>,
  parishes: readonly BoundaryArea[],
  parishCoverage: ReadonlyMap<string, AreaCoverage>,
  parishPopulation: ReadonlyMap<string, number | null>,
  changes: Partial<Record<LayerId, CoverageChange>> = {},
): ReconciliationReport {
  const { entries, methods } = curated;
  const named = new Set(entries.filter((e) => e.layer === 'parish').flatMap((e) => e.codes));
  const byMethod: Partial<Record<ResolutionMethod, number>> = {};
  for (const e of entries) byMethod[e.method] = (byMethod[e.method] ?? 0) + 1;
  const nameOf = new Map(parishes.map((p) => [p.code, p.name]));
  const unlisted = parishes
    .filter((p) => !named.has(p.code))
    .map((p) => ({
      code: p.code,
      name: p.name,
      district: p.districtName,
      population: parishPopulation.get(p.code) ?? null,
      viaOverlay: (parishCoverage.get(p.code)?.designations ?? []).map((d) => ({ listedAs: d.listedAs, category: d.category, extent: d.extent, confidence: d.confidence })),
    }));
  const successors = curated.provision.successors.map((s) => ({
    code: s.parish,
    name: nameOf.get(s.parish) ?? s.parish,
    predecessor: nameOf.get(s.predecessor) ?? s.predecessor,
    category: parishCoverage.get(s.parish)?.category ?? null,
    evidence: s.evidence,
  }));
  const confidenceOf = (m: ResolutionMethod) => methods[m].confidence;
  return {
    counts: {
      entries: entries.length,
      parishTable: entries.filter((e) => e.table === 'parish').length,
      urbanTable: entries.filter((e) => e.table === 'urban').length,
      listed: entries.filter((e) => confidenceOf(e.method) === 'listed').length,
      resolved: entries.filter((e) => confidenceOf(e.method) === 'resolved').length,
      resolvedLowerConfidence: entries.filter((e) => methods[e.method].lowerConfidence).length,
      unresolved: entries.filter((e) => e.method === 'unresolved').length,
      inferred: successors.length,
      notListed: parishes.filter((p) => !parishCoverage.get(p.code)?.category).length,
      unlisted: unlisted.length,
      unlistedWithOverlay: unlisted.filter((u) => u.viaOverlay.length > 0).length,
      byMethod,
    },
    changes,
    entries: entries.map((e) => ({
      id: e.id,
      table: e.table,
      category: e.category,
      listedAs: e.listedAs,
      extent: e.extent,
      method: e.method,
      confidence: confidenceOf(e.method),
      lowerConfidence: methods[e.method].lowerConfidence,
      layer: e.layer,
      areas: e.codes.map((code, i) => ({ code, name: e.areas[i] })),
      note: e.note,
    })),
    successors,
    unlisted,
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReport(r: ReconciliationReport): string {
  const c = r.counts;
  const lines = [
    '# Appendix One reconciliation',
    '',
    `${c.entries} entries (${c.parishTable} in the parish table, ${c.urbanTable} in the urban table): ${c.listed} listed, ${c.resolved} resolved (${c.resolvedLowerConfidence} of them at lower confidence), ${c.unresolved} unresolved.`,
    `${c.inferred} parishes take a designation inferred by succession; ${c.notListed} parishes or unparished areas are not listed (no category at all).`,
    `${c.unlisted} parishes or unparished areas are named by no entry; ${c.unlistedWithOverlay} of them still receive a designation through a ward entry or as a successor.`,
    '',
    'By method: ' + Object.entries(c.byMethod).map(([m, n]) => `${m} ${n}`).join(', '),
    '',
    '## Changes against the coverage before issue 18',
    '',
    '| layer | areas | changed category | changed extent only | changed services only |',
    '|---|---|---|---|---|',
    ...Object.entries(r.changes).map(([layer, ch]) => `| ${layer} | ${ch.areas} | ${ch.changedCategory} | ${ch.changedExtent} | ${ch.changedServices} |`),
    '',
    '## Unresolved entries',
    '',
    ...r.entries.filter((e) => e.method === 'unresolved').map((e) => `- **${e.listedAs}** (${e.table} table, ${CATEGORY_LABELS[e.category as keyof typeof CATEGORY_LABELS]}): ${e.note}`),
    '',
    '## Successor parishes (inferred)',
    '',
    ...r.successors.map((s) => `- **${s.name}** (${s.code}) takes the listing of ${s.predecessor}: ${s.category ?? 'no category'}. ${s.evidence}`),
    '',
    '## Parishes and unparished areas no entry names',
    '',
    '| code | name | district | population | designations it still receives |',
    '|---|---|---|---|---|',
    ...r.unlisted.map(
      (u) =>
        `| ${u.code} | ${cell(u.name)} | ${u.district} | ${u.population ?? '–'} | ${u.viaOverlay.map((d) => `${cell(d.listedAs)} (${d.category}, ${d.extent}, ${d.confidence})`).join('; ') || 'none: not listed'} |`,
    ),
    '',
    '## Every entry',
    '',
    '| # | table | category | listed as | extent | method | confidence | resolved to | note |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.entries.map(
      (e) =>
        `| ${e.id} | ${e.table} | ${e.category} | ${cell(e.listedAs)} | ${e.extent} | ${e.method} | ${e.confidence ?? 'unresolved'}${e.lowerConfidence ? ' (lower)' : ''} | ${e.areas.map((a) => `${cell(a.name)} (${a.code})`).join('; ') || '–'} | ${cell(e.note)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
