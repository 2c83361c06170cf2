// A bad input stops the build with a message naming the file and the feature or line, and the
// previous database stays in place, unchanged and still answering queries.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../server/pipeline/build-database.ts';
import { BuildError } from '../../server/formats/build-error.ts';
import { sha256 } from '../../server/pipeline/fingerprint.ts';
import { CURATED_DIR, GEODATA_DIR } from '../support/paths.ts';
import { copyOf, tempDir, variantOf } from '../support/variant-dirs.ts';

let dbPath: string;
let before: string;

beforeAll(() => {
  dbPath = join(tempDir('failures'), 'atlas.sqlite');
  buildDatabase({ geodataDir: GEODATA_DIR, curatedDir: CURATED_DIR, dbPath });
  before = sha256(readFileSync(dbPath));
});

function expectFailureKeepsPrevious(opts: { geodataDir?: string; curatedDir?: string }, message: RegExp) {
  let error: unknown;
  try {
    buildDatabase({ geodataDir: opts.geodataDir ?? GEODATA_DIR, curatedDir: opts.curatedDir ?? CURATED_DIR, dbPath });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(BuildError);
  expect((error as Error).message).toMatch(message);
  expect(sha256(readFileSync(dbPath))).toBe(before);
  const db = new Database(dbPath, { readonly: true });
  const { n } = db.prepare("SELECT count(*) AS n FROM areas WHERE layer = 'parishes'").get() as { n: number };
  db.close();
  expect(n).toBe(238);
}

const editJson = (edit: (fc: { features: { properties: Record<string, unknown>; geometry: { coordinates: unknown } }[] }) => void) => (text: string) => {
  const fc = JSON.parse(text);
  edit(fc);
  return JSON.stringify(fc);
};

describe('a build with bad input', () => {
  it('names a malformed GeoJSON file', () => {
    const dir = variantOf(GEODATA_DIR, 'boundaries/wards-2025.geojson', (t) => t.slice(0, t.length / 2));
    expectFailureKeepsPrevious({ geodataDir: dir }, /boundaries\/wards-2025\.geojson: not valid JSON/);
  });

  it('names the feature and field when a code is missing', () => {
    const dir = variantOf(GEODATA_DIR, 'boundaries/lsoa-2021.geojson', editJson((fc) => delete fc.features[7].properties.LSOA21CD));
    expectFailureKeepsPrevious({ geodataDir: dir }, /lsoa-2021\.geojson: feature 7: field "LSOA21CD"/);
  });

  it('rejects projected (non-WGS84) coordinates', () => {
    const dir = variantOf(GEODATA_DIR, 'boundaries/wards-2013.geojson', editJson((fc) => {
      fc.features[3].geometry.coordinates = [[[450000, 300000], [450100, 300000], [450100, 300100], [450000, 300000]]];
    }));
    expectFailureKeepsPrevious({ geodataDir: dir }, /wards-2013\.geojson: feature 3 \(E05\d+\): coordinate \[450000, 300000\] is not WGS84/);
  });

  it('rejects an Output Area that refers to an unknown parish code, naming it', () => {
    const dir = variantOf(GEODATA_DIR, 'population/oa21-leicestershire.csv', (t) => t.replace(/^(E00129967,E01025611,E05005408,)E04005342/m, '$1E04999999'));
    expectFailureKeepsPrevious({ geodataDir: dir }, /oa21-leicestershire\.csv: Output Area E00129967: refers to E04999999/);
  });

  it('names the line of a malformed population row', () => {
    const dir = variantOf(GEODATA_DIR, 'population/oa21-leicestershire.csv', (t) => t.replace(/^(E00129968,[^,]*,[^,]*,[^,]*,[^,]*,)299/m, '$1lots'));
    expectFailureKeepsPrevious({ geodataDir: dir }, /oa21-leicestershire\.csv: line 3: field "usual_residents_2021"/);
  });

  it('rejects an IMD row for an LSOA the layer does not have', () => {
    const dir = variantOf(GEODATA_DIR, 'context/imd2025-lsoa21.csv', (t) => t.replace('E01025610,', 'E01999999,'));
    expectFailureKeepsPrevious({ geodataDir: dir }, /imd2025-lsoa21\.csv: line 2: LSOA E01999999 is not in the LSOA layer/);
  });

  it('names a missing source file and where to get it', () => {
    const dir = variantOf(GEODATA_DIR, 'context/cni2023-lsoa21.csv', (t) => t);
    writeFileSync(join(dir, 'context/cni2023-lsoa21.csv'), '');
    expectFailureKeepsPrevious({ geodataDir: dir }, /cni2023-lsoa21\.csv: (has no row|line)/);
  });

  it('rejects a designation whose code names a different place, naming the line', () => {
    const curated = copyOf(CURATED_DIR);
    const file = join(curated, 'designations.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(parish,general,Anstey,whole,parish,)E\d{8}/m, '$1E04005341'));
    expectFailureKeepsPrevious({ curatedDir: curated }, /designations\.csv: line \d+ \("Anstey"\): code E04005341 is "Aston Flamville" in the parishes layer, not "Anstey"/);
  });

  it('rejects a rules file with an unknown category', () => {
    const curated = copyOf(CURATED_DIR);
    const file = join(curated, 'rules.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('urban,general', 'urban,genral'));
    expectFailureKeepsPrevious({ curatedDir: curated }, /rules\.csv: line 7: field "category"/);
  });

  it('rejects a provision file with an unknown service, naming the line and field', () => {
    const curated = copyOf(CURATED_DIR);
    const file = join(curated, 'provision.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('countywide_scat,countywide,scat,', 'countywide_scat,countywide,scta,'));
    expectFailureKeepsPrevious({ curatedDir: curated }, /provision\.csv: line 2: field "services\.0": Invalid option/);
  });

  it('rejects a ward-within-parish share that would let a ward override a parish it mostly lies outside', () => {
    const curated = copyOf(CURATED_DIR);
    const file = join(curated, 'precedence.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('ward_within_parish,0.9,', 'ward_within_parish,0.3,'));
    expectFailureKeepsPrevious({ curatedDir: curated }, /precedence\.csv: line 3: ward_within_parish needs a share above 0\.5/);
  });

  it('rejects a built-in register row it cannot place, naming the file and line (placed at build time, not at start)', () => {
    const dir = variantOf(GEODATA_DIR, 'groups/libraries-leicestershire.csv', (t) => t.replace(',Anstey,Paper Mill Close,Anstey,Leicestershire,LE7 7AU,', ',Anstey,Paper Mill Close,Anstey,Leicestershire,ZZ9 9ZZ,'));
    expectFailureKeepsPrevious({ geodataDir: dir }, /groups\/libraries-leicestershire\.csv: line 2: unknown postcode "ZZ9 9ZZ"/);
  });
});
