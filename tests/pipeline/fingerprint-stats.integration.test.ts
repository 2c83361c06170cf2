// Start-up re-uses the source checksums a build recorded while each file's size and modification time
// are unchanged (hashing hundreds of MB took seconds at England size), and gives the same fingerprint
// as hashing everything; a changed file is hashed again.
import { copyFileSync, cpSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDatabase, currentFingerprint } from '../../server/pipeline/build-database.ts';
import { CURATED_DIR, GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

describe('fingerprint with recorded source stats', () => {
  it('matches a full hash, and notices a changed file of the same size', () => {
    const geodata = join(tempDir('fingerprint'), 'geodata');
    cpSync(GEODATA_DIR, geodata, { recursive: true });
    const dbPath = join(tempDir('fingerprint-db'), 'atlas.sqlite');
    buildDatabase({ geodataDir: geodata, curatedDir: CURATED_DIR, dbPath });
    expect(currentFingerprint(geodata, CURATED_DIR, dbPath)).toBe(currentFingerprint(geodata, CURATED_DIR));

    const file = join(geodata, 'postcodes/postcodes-leicestershire.csv');
    const before = currentFingerprint(geodata, CURATED_DIR, dbPath);
    writeFileSync(file, readFileSync(file, 'utf8').replace('LE1 1ZB', 'LE1 1ZD'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const after = currentFingerprint(geodata, CURATED_DIR, dbPath);
    expect(after).not.toBe(before);
    expect(after).toBe(currentFingerprint(geodata, CURATED_DIR));
    copyFileSync(join(GEODATA_DIR, 'postcodes/postcodes-leicestershire.csv'), file);
  });
});
