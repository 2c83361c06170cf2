// The reconciliation report: every Appendix One entry with the area(s) it resolved to or why not,
// and every parish or unparished area that no entry names. Written by each build and printed.
import { CATEGORY_LABELS } from '../domain/vocabulary.ts';
import type { AreaDesignation } from '../domain/overlay.ts';
import type { BoundaryArea } from './boundaries.ts';
import type { AppendixEntry, ResolutionMethod } from './curated.ts';

export interface ReconciliationReport {
  counts: {
    entries: number;
    parishTable: number;
    urbanTable: number;
    resolved: number;
    unresolved: number;
    unlisted: number;
    unlistedWithOverlay: number;
    byMethod: Partial<Record<ResolutionMethod, number>>;
  };
  entries: {
    id: number;
    table: string;
    category: string;
    listedAs: string;
    extent: string;
    method: ResolutionMethod;
    layer: string | null;
    areas: { code: string; name: string }[];
    note: string;
  }[];
  unlisted: {
    code: string;
    name: string;
    district: string;
    population: number | null;
    /** Designations the area still receives through overlay of a 2013-ward entry. */
    viaOverlay: { listedAs: string; category: string; extent: string }[];
  }[];
}

export function reconcile(
  entries: readonly AppendixEntry[],
  parishes: readonly BoundaryArea[],
  parishDesignations: ReadonlyMap<string, AreaDesignation[]>,
  parishPopulation: ReadonlyMap<string, number | null>,
): ReconciliationReport {
  const named = new Set(entries.filter((e) => e.layer === 'parish').flatMap((e) => e.codes));
  const byMethod: Partial<Record<ResolutionMethod, number>> = {};
  for (const e of entries) byMethod[e.method] = (byMethod[e.method] ?? 0) + 1;
  const unlisted = parishes
    .filter((p) => !named.has(p.code))
    .map((p) => ({
      code: p.code,
      name: p.name,
      district: p.districtName,
      population: parishPopulation.get(p.code) ?? null,
      viaOverlay: (parishDesignations.get(p.code) ?? []).map((d) => ({ listedAs: d.listedAs, category: d.category, extent: d.extent })),
    }));
  const unresolved = entries.filter((e) => e.method === 'unresolved').length;
  return {
    counts: {
      entries: entries.length,
      parishTable: entries.filter((e) => e.table === 'parish').length,
      urbanTable: entries.filter((e) => e.table === 'urban').length,
      resolved: entries.length - unresolved,
      unresolved,
      unlisted: unlisted.length,
      unlistedWithOverlay: unlisted.filter((u) => u.viaOverlay.length > 0).length,
      byMethod,
    },
    entries: entries.map((e) => ({
      id: e.id,
      table: e.table,
      category: e.category,
      listedAs: e.listedAs,
      extent: e.extent,
      method: e.method,
      layer: e.layer,
      areas: e.codes.map((code, i) => ({ code, name: e.areas[i] })),
      note: e.note,
    })),
    unlisted,
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReport(r: ReconciliationReport): string {
  const c = r.counts;
  const lines = [
    '# Appendix One reconciliation',
    '',
    `${c.entries} entries (${c.parishTable} in the parish table, ${c.urbanTable} in the urban table): ${c.resolved} resolved, ${c.unresolved} unresolved.`,
    `${c.unlisted} parishes or unparished areas are named by no entry; ${c.unlistedWithOverlay} of them still receive a designation through a 2013-ward entry.`,
    '',
    'By method: ' + Object.entries(c.byMethod).map(([m, n]) => `${m} ${n}`).join(', '),
    '',
    '## Unresolved entries',
    '',
    ...r.entries.filter((e) => e.method === 'unresolved').map((e) => `- **${e.listedAs}** (${e.table} table, ${CATEGORY_LABELS[e.category as keyof typeof CATEGORY_LABELS]}): ${e.note}`),
    '',
    '## Parishes and unparished areas no entry names',
    '',
    '| code | name | district | population | designations through 2013 wards |',
    '|---|---|---|---|---|',
    ...r.unlisted.map(
      (u) =>
        `| ${u.code} | ${cell(u.name)} | ${u.district} | ${u.population ?? '–'} | ${u.viaOverlay.map((d) => `${cell(d.listedAs)} (${d.category}, ${d.extent})`).join('; ') || 'none'} |`,
    ),
    '',
    '## Every entry',
    '',
    '| # | table | category | listed as | extent | method | resolved to | note |',
    '|---|---|---|---|---|---|---|---|',
    ...r.entries.map(
      (e) =>
        `| ${e.id} | ${e.table} | ${e.category} | ${cell(e.listedAs)} | ${e.extent} | ${e.method} | ${e.areas.map((a) => `${cell(a.name)} (${a.code})`).join('; ') || '–'} | ${cell(e.note)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
