// The production install as docs/deploying.md gives it, on a copy of the checkout: `npm run build`
// where the development tools are, then the development packages removed (`npm prune --omit=dev`,
// the tree `npm ci --omit=dev` leaves), then `npm start` and `npm run import:groups` with no tsx,
// TypeScript or Vite: the server answers the page and the API, and a register imports.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../deploy/nginx-runner.ts';
import { PROJECT_ROOT } from '../../server/config/config.ts';
import { testDatabase } from '../support/atlas-app.ts';
import { GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

const copy = join(tempDir('production'), 'atlas');
let server: ChildProcess | null = null;
let url = '';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

beforeAll(async () => {
  // The checkout's own files, and its installed packages as hard links (npm prune only unlinks in the copy).
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).stdout.split('\n').filter((f) => f && !f.startsWith('node_modules/') && existsSync(join(PROJECT_ROOT, f)));
  for (const f of files) {
    mkdirSync(join(copy, f, '..'), { recursive: true });
    cpSync(join(PROJECT_ROOT, f), join(copy, f));
  }
  run('cp', ['-al', join(PROJECT_ROOT, 'node_modules'), join(copy, 'node_modules')]);
  // npm rewrites this one file; a real copy keeps the checkout's untouched.
  run('cp', ['--remove-destination', join(PROJECT_ROOT, 'node_modules', '.package-lock.json'), join(copy, 'node_modules', '.package-lock.json')]);
  run('npm', ['run', 'build', '--silent']);
  run('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund']);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['scripts/start.js'], {
    cwd: copy,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', GEODATA_DIR, ATLAS_DB: testDatabase(), ATLAS_REGISTERS_DB: join(copy, 'data', 'registers.sqlite') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not serve:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 300_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
});

describe('npm ci --omit=dev && npm start', () => {
  it('has none of the development tools', () => {
    for (const dev of ['tsx', 'typescript', 'vite', '@turf/turf', 'maplibre-gl']) expect(existsSync(join(copy, 'node_modules', dev)), dev).toBe(false);
  });

  it('serves the page, the client modules and the API from the compiled server', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="map"');
    const area = await fetch(`${url}/api/areas/E04013143`);
    expect(area.status).toBe(200);
    expect(((await area.json()) as { properties: { name: string } }).properties.name).toBe('Kibworth Beauchamp');
  });

  it('runs npm run import:groups from the compiled server', () => {
    writeFileSync(join(copy, 'groups.csv'), 'name,category,postcode\nKibworth Village Hall,heritage,LE8 0JH\n');
    const r = run('npm', ['run', '--silent', 'import:groups', '--', 'groups.csv', '--register', 'village-halls'], { GEODATA_DIR, ATLAS_DB: testDatabase(), ATLAS_REGISTERS_DB: join(copy, 'data', 'registers.sqlite') });
    expect(r.stdout).toContain('Register "village-halls" imported from groups.csv: 1 row read, 1 imported, 0 rejected.');
  });
});
