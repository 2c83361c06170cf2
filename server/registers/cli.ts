// `npm run import:groups -- FILE --register NAME [--source TEXT] [--json]`: imports a community group
// register (CSV or GeoJSON) into the registers database, all or nothing, and prints the report.
// Also `--list` and `--delete NAME`. Exits 1 when the file is rejected, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { BuildError } from '../build/errors.ts';
import { loadConfig } from '../config.ts';
import { ensureDatabase } from '../prepare.ts';
import { AtlasStore } from '../store/atlas-store.ts';
import { openGroupRegisters } from './open-registers.ts';
import { RegisterError } from './register-name.ts';
import { reportText } from './report-text.ts';

const USAGE = 'usage: npm run import:groups -- FILE.csv|FILE.geojson --register NAME [--source TEXT] [--json]\n       npm run import:groups -- --list | --delete NAME';

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

const OPTIONS = { register: { type: 'string' }, source: { type: 'string' }, json: { type: 'boolean' }, list: { type: 'boolean' }, delete: { type: 'string' } } as const;

function readArgs() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (err) {
    return usage((err as Error).message);
  }
}
const args = readArgs();

const config = loadConfig();
const log = args.values.json ? () => {} : (m: string) => console.error(m);
try {
  ensureDatabase(config, log);
} catch (err) {
  if (err instanceof BuildError) usage(`the atlas database could not be built: ${err.message}`);
  throw err;
}
const store = new AtlasStore(config.dbPath);
const registers = openGroupRegisters(config, store, log);
let code = 0;
try {
  if (args.values.list) {
    for (const r of registers.all()) console.log(`${r.name}\t${r.kind}\t${r.rows} groups\t${r.importedAt}\t${r.source}`);
  } else if (args.values.delete) {
    if (!registers.delete(args.values.delete)) throw new RegisterError(404, 'Not found', `no imported register "${args.values.delete}"`);
    console.log(`Register "${args.values.delete}" deleted from ${config.registersDbPath}`);
  } else {
    const [file, ...extra] = args.positionals;
    if (!file || extra.length) usage(file ? `one file at a time, not ${args.positionals.length}` : 'give the register file');
    const format = /\.csv$/i.test(file) ? 'csv' : /\.(geo)?json$/i.test(file) ? 'geojson' : usage(`"${file}" should end in .csv, .geojson or .json`);
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch {
      usage(`cannot read "${file}"`);
    }
    const report = registers.import({ register: args.values.register ?? '', format, content, source: args.values.source, fileName: basename(file) });
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
