// Starts that cannot serve end with one clear line and a non-zero exit a supervisor understands;
// starts that can serve despite a bad file do so with a warning (issue 22 items 5 and 9).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dataFolder, runUntilExit, startProcess, type AtlasProcess } from './server-process.ts';

let holder: Server | null = null;
let atlas: AtlasProcess | null = null;
afterEach(async () => {
  if (holder) await new Promise((r) => holder!.close(r));
  holder = null;
  await atlas?.stop();
  atlas = null;
});

/** The lines the process printed that name the failure (ignoring build and clean-up progress). */
const atlasLines = (output: string) => output.split('\n').filter((l) => l.startsWith('[atlas] cannot'));

describe('listen errors', () => {
  it('a port already in use exits 1 with one line naming the port and what to do', async () => {
    holder = createServer();
    await new Promise<void>((r) => holder!.listen(0, '127.0.0.1', r));
    const { port } = holder.address() as AddressInfo;
    const { code, output } = await runUntilExit(dataFolder(), {}, port);
    expect(code).toBe(1);
    expect(output).not.toContain('still serving');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    const lines = atlasLines(output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port} is already in use`);
    expect(lines[0]).toContain('set PORT');
  }, 120_000);
});

/** One line naming the failure, no stack trace, exit 1. */
function expectOneClearLine(result: { code: number | null; output: string }, ...words: string[]) {
  expect(result.code).toBe(1);
  expect(result.output).not.toMatch(/\n\s+at /);
  const lines = atlasLines(result.output);
  expect(lines).toHaveLength(1);
  for (const w of words) expect(lines[0]).toContain(w);
}

describe('bad files at start-up', () => {
  it('a registers database path that is a folder: one line naming it, exit 1', async () => {
    const dir = dataFolder();
    mkdirSync(join(dir, 'registers.sqlite'));
    expectOneClearLine(await runUntilExit(dir), join(dir, 'registers.sqlite'), 'is a folder');
  }, 120_000);

  it('a registers database locked by another process: one line saying so, exit 1', async () => {
    const dir = dataFolder();
    const lock = new Database(join(dir, 'registers.sqlite'));
    lock.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)');
    try {
      expectOneClearLine(await runUntilExit(dir), join(dir, 'registers.sqlite'), 'locked');
    } finally {
      lock.close();
    }
  }, 120_000);

  it('a sound database serves when GEODATA_DIR is missing, with a warning', async () => {
    const dir = dataFolder();
    atlas = await startProcess(dir, { GEODATA_DIR: join(dir, 'not-mounted') });
    const areas = await (await fetch(`${atlas.url}/api/layers/parishes.geojson`)).json();
    expect(areas.features.length).toBeGreaterThan(100);
    expect(atlas.output()).toMatch(/\[atlas\] warning: .*not-mounted/);
  }, 120_000);

  it('removes rollback journals left beside the database by a killed build', async () => {
    const dir = dataFolder();
    const dead = 2 ** 22 + 4321;
    writeFileSync(join(dir, `atlas.sqlite.${dead}.tmp-journal`), 'left behind');
    atlas = await startProcess(dir);
    expect(existsSync(join(dir, `atlas.sqlite.${dead}.tmp-journal`))).toBe(false);
  }, 120_000);
});
