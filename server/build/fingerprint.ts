// A fingerprint of everything a database is built from (source files, curated tables, build code and
// schema), so `npm start` can tell whether the database on disk is still current.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import { SCHEMA_VERSION } from '../store/schema.ts';
import { CURATED_FILES } from './curated.ts';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

// The TypeScript sources, also when running the compiled dist/server, so both fingerprint alike.
const serverDir = join(PROJECT_ROOT, 'server');
const BUILD_CODE_DIRS = ['build', 'domain', 'store', 'tiles']; // tiles: the vector tile zooms and fields are built in

function buildCode(): string[] {
  const files = BUILD_CODE_DIRS.flatMap((d) =>
    readdirSync(join(serverDir, d))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(serverDir, d, f)),
  );
  return [...files, join(serverDir, 'layers.ts')].sort();
}

/** sourceFiles: paths relative to geodataDir. Missing files hash as "missing" so the build reports them. */
export function inputsFingerprint(geodataDir: string, curatedDir: string, sourceFiles: readonly string[]): string {
  const hash = createHash('sha256').update(`schema ${SCHEMA_VERSION}\n`);
  const add = (label: string, path: string) => {
    let content: Buffer | string;
    try {
      content = readFileSync(path);
    } catch {
      content = 'missing';
    }
    hash.update(`${label} ${sha256(content)}\n`);
  };
  for (const f of [...sourceFiles].sort()) add(`source:${f}`, join(geodataDir, f));
  for (const f of CURATED_FILES) add(`curated:${f}`, join(curatedDir, f));
  for (const f of buildCode()) add(`code:${f.slice(serverDir.length)}`, f);
  return hash.digest('hex');
}
