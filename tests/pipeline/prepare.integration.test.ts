// `npm start` builds the database only when it is missing or an input changed, and keeps a
// working database when a rebuild fails.
import { closeSync, existsSync, openSync, readFileSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../server/formats/build-error.ts';
import { sha256 } from '../../server/pipeline/fingerprint.ts';
import { loadConfig } from '../../server/config/config.ts';
import { checkInBackground, recordSound } from '../../server/store/integrity.ts';
import { checkDeferred, ensureDatabase } from '../../server/prepare.ts';
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
    writeFileSync(notes, readFileSync(notes, 'utf8').replace('Appendix One misspells Scraptoft.', 'Appendix One misspells Scraptoft (checked).'));
    expect(ensureDatabase(config, quiet)).toBe('inputs changed since the last build');
    expect(ensureDatabase(config, quiet)).toBeNull();
  });

  it('leaves the previous database in place when the rebuild fails, and serves it with a warning (issue 22)', () => {
    const curated = copyOf(CURATED_DIR);
    const config = { ...loadConfig({}), geodataDir: GEODATA_DIR, curatedDir: curated, dbPath: join(tempDir('prepare'), 'atlas.sqlite') };
    ensureDatabase(config, quiet);
    const before = sha256(readFileSync(config.dbPath));
    writeFileSync(join(curated, 'districts.csv'), 'code,name\nE07000129,Blaby\n');
    const said: string[] = [];
    expect(ensureDatabase(config, (line) => said.push(line))).toBeNull();
    expect(said.join('\n')).toMatch(/warning: could not rebuild the database .* serving .* as last built/);
    expect(sha256(readFileSync(config.dbPath))).toBe(before);
    // Without a sound database to fall back on, the failed build still stops the start.
    const fresh = { ...config, dbPath: join(tempDir('prepare'), 'atlas.sqlite') };
    expect(() => ensureDatabase(fresh, quiet)).toThrow(BuildError);
    expect(existsSync(fresh.dbPath)).toBe(false);
  });

  it('checks a file once, and again whenever it changes, even with its modification time put back', () => {
    const config = { ...loadConfig({}), geodataDir: GEODATA_DIR, curatedDir: CURATED_DIR, dbPath: join(tempDir('prepare'), 'atlas.sqlite') };
    ensureDatabase(config, quiet);
    expect(existsSync(`${config.dbPath}.checked`)).toBe(true);
    expect(ensureDatabase(config, quiet)).toBeNull();
    expect(checkDeferred(config.dbPath)).toBe(true); // the file as built and checked: quick_check left off the start path
    const { atime, mtime } = statSync(config.dbPath);
    corruptPages(config.dbPath);
    utimesSync(config.dbPath, atime, mtime);
    expect(ensureDatabase(config, quiet)).toMatch(/^the database is damaged \(quick_check: /);
    expect(ensureDatabase(config, quiet)).toBeNull();
  });

  it('finds damage the file system cannot see after start-up, and makes the next start rebuild', async () => {
    const config = { ...loadConfig({}), geodataDir: GEODATA_DIR, curatedDir: CURATED_DIR, dbPath: join(tempDir('prepare'), 'atlas.sqlite') };
    ensureDatabase(config, quiet);
    corruptPages(config.dbPath, 0.6); // a page start-up does not read (the meta table is near the start)
    recordSound(config.dbPath); // as a failing disk would: the file looks untouched
    expect(ensureDatabase(config, quiet)).toBeNull();
    expect(checkDeferred(config.dbPath)).toBe(true);
    const said: string[] = [];
    expect(await checkInBackground(config.dbPath, (m) => said.push(m))).toMatch(/^quick_check: /);
    expect(said.join('\n')).toMatch(/is damaged \(quick_check: [\s\S]*Restart the server to rebuild it/);
    expect(existsSync(`${config.dbPath}.checked`)).toBe(false);
    expect(ensureDatabase(config, quiet)).toMatch(/^the database is damaged \(quick_check: /);
    expect(await checkInBackground(config.dbPath, (m) => said.push(m))).toBeNull();
  });
});

/** Overwrites bytes in the middle of the file (every seventh of it, or only at the fraction given), leaving the 100-byte SQLite header intact. */
function corruptPages(path: string, only?: number) {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  if (only !== undefined) writeSync(fd, Buffer.alloc(2048, 0xa5), 0, 2048, Math.floor((size * only) / 4096) * 4096 + 512);
  else for (let at = 8192; at < size - 4096; at += Math.floor(size / 7)) writeSync(fd, Buffer.alloc(2048, 0xa5), 0, 2048, at);
  closeSync(fd);
}
