// Builds throwaway copies of the input folders with one file changed, for failure tests.
// Unchanged files are symlinked, so the shared data is never copied or modified.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `atlas-${prefix}-`));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** A new folder mirroring `source` by symlinks, except `file` (relative path), whose text is `edit(original)`. */
export function variantOf(source: string, file: string, edit: (text: string) => string): string {
  const dir = tempDir('variant');
  for (const p of walk(source)) {
    const rel = relative(source, p);
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    if (rel === file) writeFileSync(join(dir, rel), edit(readFileSync(p, 'utf8')));
    else symlinkSync(p, join(dir, rel));
  }
  return dir;
}

/** A plain copy (for our small curated folder). */
export function copyOf(source: string): string {
  const dir = tempDir('copy');
  cpSync(source, dir, { recursive: true });
  return dir;
}
