// The import report an officer reads after an import, by CLI or HTTP: what was read, what was
// imported, every rejected row with its line (or feature) and reason, and where the groups landed.
import { LAYERS } from '../registry/layers.ts';
import type { Rejection, RejectionKind } from './group-input.ts';
import type { CheckedRows } from './check-rows.ts';
import { EXCLUSION_REASONS, type CheckedExtract, type ExclusionReason } from './ccew/check-extract.ts';
import { countCategories, type LocatedGroup } from './locate-groups.ts';

/** Enough to fix a file in one go; beyond this the counts by kind still cover every rejection. */
export const MAX_REJECTIONS_LISTED = 1000;

export interface LayerLocated {
  /** Groups counted in some area of the layer. */
  located: number;
  /** Groups listed but outside every area of the layer (e.g. in a gap between generalised parishes, or county-wide). */
  not_located: number;
  /** How many areas of the layer hold at least one group. */
  areas_with_groups: number;
}

export interface ImportReport {
  register: string;
  status: 'imported' | 'rejected';
  format: CheckedRows['format'];
  file_name: string | null;
  source: string;
  /** Lines for CSV, features (from 1) for GeoJSON. */
  numbered_by: 'line' | 'feature';
  rows_read: number;
  imported: number;
  rejected: number;
  /** Each with its line (CSV) or feature number (GeoJSON); neither when the whole file is at fault. */
  rejections: { line?: number; feature?: number; field: string | null; kind: RejectionKind; reason: string }[];
  rejections_listed: number;
  rejections_by_kind: Partial<Record<RejectionKind, number>>;
  ignored_columns: string[];
  located_by: Record<string, number>;
  categories: Record<string, number>;
  counted: number;
  not_counted: { name: string; line: number; reason: string }[];
  layers: Record<string, LayerLocated>;
  /** Charity Commission extracts only: the records left out on purpose, by reason, with what each reason means. */
  excluded?: { total: number; by_reason: Record<ExclusionReason, number>; reasons: typeof EXCLUSION_REASONS; odd_records: Rejection[] };
  /** Charity Commission extracts only: which file form was read and the extract's date. */
  extract?: { form: 'json' | 'tsv' | null; date_of_extract: string | null };
  /** True when the import replaced an earlier register of the same name. */
  replaced_previous: boolean;
  imported_at: string | null;
}

function tally<T extends string>(values: readonly T[]): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export function importReport(
  base: { register: string; fileName: string | null; source: string; replacedPrevious: boolean; importedAt: string | null },
  checked: CheckedRows,
  located: readonly LocatedGroup[],
): ImportReport {
  const byFeature = checked.format === 'geojson';
  const position = (r: Rejection) => (r.line <= 0 ? {} : byFeature ? { feature: r.line } : { line: r.line });
  const ok = checked.rejections.length === 0;
  const layers = Object.fromEntries(
    LAYERS.map((l, i) => {
      const codes = located.filter((g) => g.notCounted === null && g.placement[i] !== null).map((g) => g.placement[i]);
      return [l.id, { located: codes.length, not_located: located.length - codes.length, areas_with_groups: new Set(codes).size }];
    }),
  );
  return {
    register: base.register,
    status: ok ? 'imported' : 'rejected',
    format: checked.format,
    file_name: base.fileName,
    source: base.source,
    numbered_by: byFeature ? 'feature' : 'line',
    rows_read: checked.rowsRead,
    imported: ok ? checked.groups.length : 0,
    rejected: checked.rejections.length,
    rejections: checked.rejections.slice(0, MAX_REJECTIONS_LISTED).map((r) => ({ ...position(r), field: r.field, kind: r.kind, reason: r.reason })),
    rejections_listed: Math.min(MAX_REJECTIONS_LISTED, checked.rejections.length),
    rejections_by_kind: tally(checked.rejections.map((r) => r.kind)),
    ignored_columns: checked.ignoredColumns,
    located_by: tally(checked.groups.map((g) => g.locatedBy)) as Record<string, number>,
    categories: countCategories(checked.groups),
    counted: located.filter((g) => g.notCounted === null).length,
    not_counted: located.filter((g) => g.notCounted !== null).map((g) => ({ name: g.name, line: g.line, reason: g.notCounted! })).slice(0, MAX_REJECTIONS_LISTED),
    layers,
    ...('excluded' in checked ? extractFacts(checked as CheckedExtract) : {}),
    replaced_previous: ok && base.replacedPrevious,
    imported_at: ok ? base.importedAt : null,
  };
}

function extractFacts(c: CheckedExtract): Pick<ImportReport, 'excluded' | 'extract'> {
  const total = Object.values(c.excluded).reduce((a, b) => a + b, 0);
  return { excluded: { total, by_reason: c.excluded, reasons: EXCLUSION_REASONS, odd_records: c.oddRecords }, extract: { form: c.form, date_of_extract: c.dateOfExtract } };
}
