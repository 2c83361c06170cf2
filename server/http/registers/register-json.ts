// How registers look in the API: the list (name, kind, rows, source, import time, categories) and
// one register with its stored import report.
import { LAYERS } from '../../registry/layers.ts';
import type { LoadedRegister } from '../../registers/group-registers.ts';

export function registerSummary(r: LoadedRegister) {
  return {
    name: r.name,
    kind: r.kind,
    rows: r.rows,
    counted: r.counted,
    source: r.source,
    file_name: r.fileName,
    imported_at: r.importedAt,
    categories: r.categories,
    /** Which published density figure the register fits: registered_charities, local_vcs_directory or none. */
    comparison: r.comparison,
    located: Object.fromEntries(LAYERS.map((l) => [l.id, [...r.counts.get(l.id)!.values()].reduce((a, b) => a + b, 0)])),
    links: { self: `/api/registers/${r.name}`, groups: `/api/groups.geojson?register=${r.name}` },
  };
}

export function registerDetail(r: LoadedRegister) {
  return {
    ...registerSummary(r),
    not_counted: r.notCounted,
    import_report: r.report ? JSON.parse(r.report) : null,
  };
}
