// Start-up that heals or explains, and a graceful stop, on the real server process over real files:
// a database with corrupt pages is rebuilt, a damaged registers database is moved aside (never
// deleted), temporary files of killed builds are removed, and SIGTERM lets an upload finish.
import { existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dataFolder, multipart, startProcess, TOKEN, type AtlasProcess } from './server-process.ts';

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

describe('SIGTERM', () => {
  it('stops accepting, lets an upload in flight finish, and exits 0', async () => {
    atlas = await startProcess(dataFolder(), { ATLAS_SHUTDOWN_GRACE_S: '30' });
    const { body, type } = multipart([{ name: 'register', value: 'in-flight' }, { name: 'file', value: 'name,category,lon,lat\nHall,arts,-1.2,52.7\n', filename: 'a.csv' }]);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${atlas!.url}/api/registers`, { method: 'POST', headers: { 'Content-Type': type, 'Content-Length': body.length, Authorization: `Bearer ${TOKEN}` } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 40));
      // The rest arrives well after the signal (and after the old fixed 3-second exit).
      setTimeout(() => atlas!.child.kill('SIGTERM'), 500);
      setTimeout(() => req.end(body.subarray(40)), 4500);
    });
    await new Promise((r) => setTimeout(r, 1500));
    // Once the signal is in, new connections are refused.
    await expect(fetch(`${atlas.url}/api/health`)).rejects.toThrow();
    const done = await answer;
    expect(done.status).toBe(201);
    expect(JSON.parse(done.text)).toMatchObject({ register: 'in-flight', imported: 1 });
    expect(await atlas.exited).toBe(0);
    expect(atlas.output()).toContain('[atlas] stopped');
  }, 120_000);
});
