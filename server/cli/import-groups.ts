// `npm run import:groups -- FILE --register NAME [--source TEXT] [--json]`: imports a community group
// register (CSV, GeoJSON, or the Charity Commission's register extract with --format ccew) into the
// registers database, all or nothing, and prints the report.
// Also `--list` and `--delete NAME`. Exits 1 when the file is rejected, 2 on a usage error.
import { COMPARISONS, type Comparison } from '../domain/density.ts';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { BuildError } from '../formats/build-error.ts';
import { isZip, unzipExtract } from '../registers/ccew/unzip-extract.ts';
import { parseCli, usageError } from '../config/cli-args.ts';
import { REGISTER_FORMATS as FORMATS, type RegisterFormat } from '../registers/check-rows.ts';
import { loadConfig } from '../config/config.ts';
import { ensureDatabase } from '../prepare.ts';
import { AtlasStore } from '../store/atlas-store.ts';
import { openGroupRegisters } from '../registers/open-registers.ts';
import { RegisterError } from '../registers/register-name.ts';
import { reportText } from '../registers/report-text.ts';

const USAGE =
  'usage: npm run import:groups -- FILE.csv|FILE.geojson --register NAME [--source TEXT] [--comparison registered_charities|local_vcs_directory|none] [--json]\n' +
  '       npm run import:groups -- publicextract.charity.zip|.json|.txt --format ccew --register NAME [--source TEXT] [--json]\n' +
  '       npm run import:groups -- --list | --delete NAME';

function usage(problem: string): never {
  return usageError(problem, USAGE);
}

const OPTIONS = { format: { type: 'string' }, register: { type: 'string' }, source: { type: 'string' }, comparison: { type: 'string' }, json: { type: 'boolean' }, list: { type: 'boolean' }, delete: { type: 'string' } } as const;

const args = parseCli({ usage: USAGE, options: OPTIONS, operands: { min: 0, max: 1 } });

/** --format wins; otherwise the Commission's file names (publicextract.charity.zip / .json / .txt) and any zip mean ccew, and the extension tells the rest. */
function formatOf(file: string, given: string | undefined): RegisterFormat {
  if (given !== undefined) return (FORMATS as readonly string[]).includes(given) ? (given as RegisterFormat) : usage(`--format must be one of ${FORMATS.join(', ')}`);
  if (/publicextract\.charity\.(json|txt|zip)$/i.test(file) || /\.zip$/i.test(file)) return 'ccew';
  return /\.csv$/i.test(file) ? 'csv' : /\.(geo)?json$/i.test(file) ? 'geojson' : usage(`"${file}" should end in .csv, .geojson or .json, or give --format ccew for the Charity Commission's extract`);
}

const config = loadConfig();
const log = args.values.json ? () => {} : (m: string) => console.error(m);
try {
  ensureDatabase(config, log);
} catch (err) {
  if (err instanceof BuildError) usage(`the atlas database could not be built: ${err.message}`);
  throw err;
}
const store = new AtlasStore(config.dbPath);
const registers = openGroupRegisters(config, store);
let code = 0;
try {
  if (args.values.list) {
    for (const r of registers.all()) console.log(`${r.name}\t${r.kind}\t${r.rows} groups\t${r.importedAt}\t${r.source}`);
  } else if (args.values.delete) {
    if (!registers.delete(args.values.delete)) throw new RegisterError(404, 'Not found', `no imported register "${args.values.delete}"`);
    console.log(`Register "${args.values.delete}" deleted from ${config.registersDbPath}`);
  } else {
    const [file] = args.positionals;
    if (!file) usage('give the register file');
    const format = formatOf(file, args.values.format);
    // The Commission's extract is streamed from disk (hundreds of MB); the atlas's own formats are read whole.
    let input: { content: string } | { path: string };
    try {
      input = format === 'ccew' ? (statSync(file).isFile() ? { path: file } : usage(`"${file}" is not a file`)) : { content: readFileSync(file, 'utf8') };
    } catch {
      usage(`cannot read "${file}"`);
    }
    const comparison = args.values.comparison;
    if (comparison !== undefined && !(COMPARISONS as readonly string[]).includes(comparison)) usage(`--comparison must be one of ${COMPARISONS.join(', ')}`);
    // The Commission's download as it is: its charity table is unpacked to a temporary file and read from there.
    const unpacked = 'path' in input && isZip(input.path) ? await unzipExtract(input.path) : null;
    let report;
    try {
      const req = { register: args.values.register ?? '', format, source: args.values.source, fileName: basename(file), comparison: comparison as Comparison | undefined };
      report = 'path' in input ? await registers.importExtract({ ...req, path: unpacked?.path ?? input.path }) : registers.import({ ...req, ...input });
    } finally {
      unpacked?.remove();
    }
    console.log(args.values.json ? JSON.stringify(report, null, 2) : `${reportText(report)}\n  registers database: ${config.registersDbPath}`);
  }
} catch (err) {
  if (!(err instanceof RegisterError)) throw err;
  if (err.report) console.log(args.values.json ? JSON.stringify(err.report, null, 2) : reportText(err.report));
  else console.error(err.detail);
  code = err.status === 400 ? 2 : 1;
} finally {
  registers.close();
  store.close();
}
process.exit(code);
