// `npm start` builds the database only when it is missing or an input changed, and keeps a
// working database when a rebuild fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../server/build/errors.ts';
import { sha256 } from '../../server/build/fingerprint.ts';
import { loadConfig } from '../../server/config.ts';
import { ensureDatabase } from '../../server/prepare.ts';
import { CURATED_DIR, GEODATA_DIR } from '../support/paths.ts';
import { copyOf, tempDir } from '../support/variant-dirs.ts';

const quiet = () => {};

describe('ensureDatabase', () => {
  it('builds when missing, skips when current, rebuilds when a curated table changes', () => {
    const curated = copyOf(CURATED_DIR);
    const config = { ...loadConfig({}), geodataDir: GEODATA_DIR, curatedDir: curated, dbPath: join(tempDir('prepare'), 'atlas.sqlite') };
    expect(ensureDatabase(config, quiet)).toBe('no database yet');
    expect(ensureDatabase(config, quiet)).toBeNull();
    const notes = join(curated, 'designations.csv');
    writeFileSync(notes, readFileSync(notes, 'utf8').replace('Seed misspelling of Scraptoft.', 'Seed misspelling of Scraptoft (checked).'));
    expect(ensureDatabase(config, quiet)).toBe('inputs changed since the last build');
    expect(ensureDatabase(config, quiet)).toBeNull();
  });

  it('leaves the previous database in place when the rebuild fails', () => {
    const curated = copyOf(CURATED_DIR);
    const config = { ...loadConfig({}), geodataDir: GEODATA_DIR, curatedDir: curated, dbPath: join(tempDir('prepare'), 'atlas.sqlite') };
    ensureDatabase(config, quiet);
    const before = sha256(readFileSync(config.dbPath));
    writeFileSync(join(curated, 'districts.csv'), 'code,name\nE07000129,Blaby\n');
    expect(() => ensureDatabase(config, quiet)).toThrow(BuildError);
    expect(sha256(readFileSync(config.dbPath))).toBe(before);
  });
});
