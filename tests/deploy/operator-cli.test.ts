// Every operator command as an operator types it: --help prints the usage and exits 0 without doing
// the work; an unknown flag is refused by name with the usage and exit status 2, before anything is
// built, imported or written (an export into a folder named "--help" was the old behaviour).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config/config.ts';
import { tempDir } from '../support/variant-dirs.ts';

const COMMANDS: Record<string, string[]> = {
  'npm run build:data': ['--import', 'tsx', 'server/cli/build-data.ts'],
  'npm run import:groups': ['--import', 'tsx', 'server/cli/import-groups.ts'],
  'npm run export:static': ['--import', 'tsx', 'server/cli/export-static.ts'],
  'npm run synth:geodata': ['--import', 'tsx', 'tools/synth-geodata.ts'],
  'npm start': ['scripts/start.js'],
};

/** Runs in an empty folder for the databases, so any work done by mistake would leave files there. */
function run(command: string, ...args: string[]) {
  const data = tempDir('cli');
  const r = spawnSync(process.execPath, [...COMMANDS[command], ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ATLAS_DB: join(data, 'atlas.sqlite'), ATLAS_REGISTERS_DB: join(data, 'registers.sqlite') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, left: readdirSync(data) };
}

describe('operator commands', () => {
  it.each(Object.keys(COMMANDS))('%s --help prints the usage and does nothing else', (command) => {
    const r = run(command, '--help');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^usage: /);
    expect(r.stdout).toContain(command);
    expect(r.left).toEqual([]);
  }, 60_000);

  it.each(Object.keys(COMMANDS))('%s refuses an unknown flag by name, with the usage, exit 2', (command) => {
    const r = run(command, '--colour', 'blue');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--colour'");
    expect(r.stderr).toContain('usage: ');
    expect(r.left).toEqual([]);
  }, 60_000);

  it('export:static --help writes no folder named --help', () => {
    run('npm run export:static', '--help');
    expect(existsSync(join(PROJECT_ROOT, '--help'))).toBe(false);
  }, 60_000);

  it('export:static refuses a second folder and an origin that is not an address', () => {
    expect(run('npm run export:static', 'a', 'b').stderr).toContain('unexpected operand: b');
    const r = run('npm run export:static', 'out', '--origin', 'atlas.example.org');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--origin must be a scheme and host');
  }, 60_000);
});
