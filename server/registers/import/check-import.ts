// The work of an import apart from storing it: name check, every row read, validated, geocoded and
// placed, and the report written. Shared by the CLI (in process) and the import worker thread.
import { randomUUID } from 'node:crypto';
import type { Comparison } from '../../domain/density.ts';
import { checkExtract, type CheckedExtract } from '../ccew/check-extract.ts';
import { checkRows, type CheckedRows, type RegisterFormat } from '../check-rows.ts';
import type { TextEncoding } from '../decode-text.ts';
import type { GroupInput } from '../group-input.ts';
import { importReport, type ImportReport } from '../import-report.ts';
import type { LocatedGroup } from '../locate-groups.ts';
import type { Gazetteer } from '../place-group.ts';
import type { StoredRegister } from '../register-db.ts';
import { checkRegisterName, RegisterError } from '../register-name.ts';

export interface ImportRequest {
  register: string;
  format: RegisterFormat;
  /** The file's text (CSV, GeoJSON); a Charity Commission extract is streamed from `path` instead. */
  content?: string | object;
  path?: string;
  source?: string;
  fileName?: string;
  /** The text encoding the uploader named (encoding=); detected when absent. */
  encoding?: TextEncoding;
  /** What the register is (a charity register, a full local directory, or neither); 'none' unless said. */
  comparison?: Comparison;
}

export interface CheckedImport {
  report: ImportReport;
  meta: Omit<StoredRegister, 'rows'>;
  groups: GroupInput[];
  located: LocatedGroup[];
}

export interface ImportDeps {
  builtin: readonly string[];
  gazetteer: Gazetteer;
  locate: (g: GroupInput) => LocatedGroup;
  /** The register this import replaces, if any (its source is kept when none is given). */
  previous: (name: string) => { source: string } | undefined;
}

/** Checks the whole file; throws a RegisterError (with the report) when anything is refused, so nothing is stored.
 *  For the atlas's own formats, read whole; a Charity Commission extract is streamed by checkExtractImport. */
export function checkImport(req: ImportRequest, deps: ImportDeps): CheckedImport {
  if (req.format === 'ccew') throw new Error('a Charity Commission extract is streamed: use checkExtractImport');
  const name = checkRegisterName(req.register, deps.builtin);
  return finish(req, deps, name, req.comparison ?? 'none', checkRows(req.format, req.content ?? '', deps.gazetteer));
}

/** As checkImport, for the Commission's extract: read record by record from `path` (asynchronously, as the parsers stream). */
export async function checkExtractImport(req: ImportRequest, deps: ImportDeps): Promise<CheckedImport> {
  const name = checkRegisterName(req.register, deps.builtin);
  const comparison = charityComparison(req.comparison);
  return finish(req, deps, name, comparison, await checkExtract(req.path!, deps.gazetteer));
}

function finish(req: ImportRequest, deps: ImportDeps, name: string, comparison: Comparison, checked: CheckedRows | CheckedExtract): CheckedImport {
  const located = checked.groups.map(deps.locate);
  // A located group is the group and more: hold one object per group, not two (170,000 charities
  // held twice pressed the import worker's 256 MB heap into constant collection).
  checked.groups = located;
  const previous = deps.previous(name);
  const importedAt = new Date().toISOString();
  // A new extract says its own date, so an earlier extract's source is not carried over.
  const fromExtract = 'dateOfExtract' in checked ? charitySource(checked.dateOfExtract) : null;
  const source = req.source?.trim() || fromExtract || previous?.source || `imported from ${req.fileName ?? 'an upload'}`;
  const report = importReport({ register: name, fileName: req.fileName ?? null, source, replacedPrevious: previous !== undefined, importedAt }, checked, located);
  if (report.status === 'rejected') throw new RegisterError(422, 'Register not imported', rejectionSummary(report), report);
  const meta = { name, importId: randomUUID(), source, fileName: req.fileName ?? null, importedAt, report: JSON.stringify(report), comparison };
  return { report, meta, groups: checked.groups, located };
}

function rejectionSummary(report: ImportReport): string {
  const kinds = Object.entries(report.rejections_by_kind).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ');
  const first = report.rejections[0];
  const where = first?.line ? `line ${first.line}` : first?.feature ? `feature ${first.feature}` : 'the file itself';
  return `${report.rejected} problem${report.rejected === 1 ? '' : 's'} (${kinds}); first at ${where}: ${first?.reason}. Nothing was imported and register "${report.register}" is unchanged.`;
}

/** Said of every register imported from the Commission's extract unless the importer says more. */
export const charitySource = (date: string | null) =>
  `Register of charities, Charity Commission for England and Wales (register extract${date ? ` of ${date}` : ''}; Open Government Licence v3.0)`;

/** The Commission's register is a charity register: the England figure of 1.8 per 1,000 fits it, and nothing else does. */
export function charityComparison(given: Comparison | undefined): Comparison {
  if (given !== undefined && given !== 'registered_charities')
    throw new RegisterError(400, 'Bad request', `a Charity Commission extract (format=ccew) is a register of charities; its comparison is registered_charities, not ${given}`);
  return 'registered_charities';
}
