// Start-up that heals, on the real server process over real files: a database with corrupt pages is
// rebuilt, a damaged registers database is moved aside (never deleted), temporary files of killed
// builds are removed. (The graceful stop on SIGTERM is held by drain.integration.test.ts.)
import { existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dataFolder, startProcess, type AtlasProcess } from './server-process.ts';

let atlas: AtlasProcess | null = null;
afterEach(async () => {
  await atlas?.stop();
  atlas = null;
});

/** Overwrites bytes in the middle of the file, leaving the 100-byte SQLite header intact. */
function corruptPages(path: string) {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  for (let at = 8192; at < size - 4096; at += Math.floor(size / 7)) writeSync(fd, Buffer.alloc(2048, 0xa5), 0, 2048, at);
  closeSync(fd);
}

describe('start-up', () => {
  it('rebuilds an atlas database whose pages are corrupt but whose header is intact', async () => {
    const dir = dataFolder();
    corruptPages(join(dir, 'atlas.sqlite'));
    expect(readFileSync(join(dir, 'atlas.sqlite')).subarray(0, 15).toString()).toBe('SQLite format 3');
    atlas = await startProcess(dir);
    expect(atlas.output()).toMatch(/building the database \(the database is damaged \(/);
    const areas = await (await fetch(`${atlas.url}/api/layers/parishes.geojson`)).json();
    expect(areas.features.length).toBeGreaterThan(100);
    const db = new Database(join(dir, 'atlas.sqlite'), { readonly: true });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  }, 300_000);

  it('moves a damaged registers database aside with a one-line message and starts with an empty one', async () => {
    const dir = dataFolder();
    const db = new Database(join(dir, 'registers.sqlite'));
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('kept for recovery')");
    db.close();
    const original = readFileSync(join(dir, 'registers.sqlite'));
    const damaged = Buffer.from(original);
    damaged.fill(0x5a, 100, damaged.length); // header intact, every page garbage
    writeFileSync(join(dir, 'registers.sqlite'), damaged);
    atlas = await startProcess(dir);
    const aside = readdirSync(dir).find((f) => f.startsWith('registers.sqlite.damaged-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!)).equals(damaged)).toBe(true); // moved, not rewritten or deleted
    const line = atlas.output().split('\n').find((l) => l.includes('registers database was damaged'));
    expect(line).toContain(join(dir, aside!));
    const list = await (await fetch(`${atlas.url}/api/registers`)).json();
    expect(list.registers.every((r: { kind: string }) => r.kind === 'built-in')).toBe(true);
  }, 120_000);

  it('removes temporary files left by killed builds and uploads', async () => {
    const dir = dataFolder();
    const dead = 2 ** 22 + 12345; // above the default pid_max of busy systems' live processes
    for (const f of [`atlas.sqlite.${dead}.tmp`, `upload.${dead}.1.tmp`]) writeFileSync(join(dir, f), 'left behind');
    writeFileSync(join(dir, `atlas.sqlite.${process.pid}.tmp`), 'a live process is building'); // ours: alive, kept
    atlas = await startProcess(dir);
    expect(existsSync(join(dir, `atlas.sqlite.${dead}.tmp`))).toBe(false);
    expect(existsSync(join(dir, `upload.${dead}.1.tmp`))).toBe(false);
    expect(existsSync(join(dir, `atlas.sqlite.${process.pid}.tmp`))).toBe(true);
    expect(atlas.output()).toContain('removed 2 temporary files');
  }, 120_000);
});
