// The import CLI as an officer runs it (`npm run import:groups -- FILE --register NAME`), spawned
// for real against a temporary registers database: the report, the exit codes, all-or-nothing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config/config.ts';
import type { AtlasStore } from '../../server/store/atlas-store.ts';
import { GEODATA_DIR } from '../support/paths.ts';
import { atlasDbPath, freshRegistersPath, openRegisters, openStore } from './support.ts';

const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures', 'registers');
let registersDb: string;
let store: AtlasStore;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/import-groups.ts', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ATLAS_DB: atlasDbPath(), ATLAS_REGISTERS_DB: registersDb, GEODATA_DIR },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What a server opening the same registers database would count. */
function registerAsServerSeesIt(name: string) {
  const registers = openRegisters(store, registersDb);
  try {
    const r = registers.get(name);
    return r && { rows: r.groups.length, counted: r.groups.filter((g) => g.notCounted === null).length, categories: r.categories, importedAt: r.importedAt };
  } finally {
    registers.close();
  }
}

beforeAll(() => {
  registersDb = freshRegistersPath();
  store = openStore();
});
afterAll(() => store.close());

describe('npm run import:groups', () => {
  it('imports a directory and prints what it read, imported and located', () => {
    const r = cli(join(FIXTURES, 'directory.csv'), '--register', 'directory', '--source', 'VAL directory 2025');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Register "directory" imported from directory.csv: 5 rows read, 5 imported, 0 rejected.');
    expect(r.stdout).toContain('located by: postcode 2, coordinates 1, area code 1, county 1');
    expect(r.stdout).toContain('columns not used: Phone');
    expect(r.stdout).toMatch(/line 6 "Leicestershire Befrienders": county-wide/);
    expect(registerAsServerSeesIt('directory')).toMatchObject({ rows: 5, counted: 4, categories: { environment: 2, 'health and sport': 1, heritage: 1, 'older people': 1 } });
  });

  it('rejects a file with bad rows, naming each line, exits 1 and keeps the earlier register', () => {
    const before = registerAsServerSeesIt('directory');
    const r = cli(join(FIXTURES, 'directory-bad.csv'), '--register', 'directory', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.rejections.map((x: { line: number; kind: string }) => [x.line, x.kind])).toEqual([
      [3, 'unknown_postcode'],
      [4, 'empty_field'],
      [5, 'unknown_area_code'],
    ]);
    expect(registerAsServerSeesIt('directory')).toEqual(before);
  });

  it('lists and deletes registers', () => {
    expect(cli('--list').stdout).toMatch(/^directory\timported\t5 groups/m);
    expect(cli('--delete', 'directory').code).toBe(0);
    expect(registerAsServerSeesIt('directory')).toBeUndefined();
  });

  it('explains its usage when the register name is missing', () => {
    const r = cli(join(FIXTURES, 'directory.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('register name is required');
  });
});
