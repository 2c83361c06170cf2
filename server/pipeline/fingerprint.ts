// A fingerprint of everything a database is built from (source files, curated tables, build code and
// schema), so `npm start` can tell whether the database on disk is still current.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../config/config.ts';
import { SCHEMA_VERSION } from '../store/schema.ts';
import { CURATED_FILES } from './curated.ts';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

// The TypeScript sources, also when running the compiled dist/server, so both fingerprint alike.
const serverDir = join(PROJECT_ROOT, 'server');
/** Where a build starts; every module it reaches (imports, dynamic imports, worker files) is build code. */
const BUILD_ENTRY = join(serverDir, 'pipeline', 'build-database.ts');
const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|new URL\(\s*)['"](\.{1,2}\/[^'"]+\.ts)['"]/g;

/**
 * The build's own code, found by following its relative imports from the entry rather than from a
 * hand-kept folder list (which had missed files the build uses): a file the build reaches is in, and
 * nothing else, so editing an HTTP route never forces a rebuild.
 */
function buildCode(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(RELATIVE_SPECIFIER)) visit(join(dirname(file), m[1]));
  };
  visit(BUILD_ENTRY);
  return [...seen].sort();
}

/** What a build recorded of each source file: a file of the same size and modification time is not read again. */
export type SourceStats = Record<string, { bytes: number; mtimeMs: number; sha256: string }>;

/** The size and modification time of a source file with its checksum, as the build records them. */
export function sourceStat(path: string, sha: string): SourceStats[string] {
  const s = statSync(path);
  return { bytes: s.size, mtimeMs: s.mtimeMs, sha256: sha };
}

function unchanged(path: string, known: SourceStats[string] | undefined): string | null {
  if (!known) return null;
  try {
    const s = statSync(path);
    return s.size === known.bytes && s.mtimeMs === known.mtimeMs ? known.sha256 : null;
  } catch {
    return null;
  }
}

/**
 * sourceFiles: paths relative to geodataDir. Missing files hash as "missing" so the build reports them.
 * `known` (from the database) saves re-reading source files whose size and modification time are as
 * built, the check make uses: at England size hashing them took seconds of every start.
 */
export function inputsFingerprint(geodataDir: string, curatedDir: string, sourceFiles: readonly string[], known: SourceStats = {}): string {
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
  for (const f of [...sourceFiles].sort()) {
    const sha = unchanged(join(geodataDir, f), known[f]);
    if (sha) hash.update(`source:${f} ${sha}\n`);
    else add(`source:${f}`, join(geodataDir, f));
  }
  for (const f of CURATED_FILES) add(`curated:${f}`, join(curatedDir, f));
  for (const f of buildCode()) add(`code:${f.slice(serverDir.length)}`, f);
  return hash.digest('hex');
}
