// `npm start` runs the server compiled ahead of time and bundled into one file by scripts/start.js.
// The bundle must answer as the TypeScript sources do, including what modules find from their own
// location (the project root, the import worker's file), and open the group registers after listening.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config/config.ts';
import { startProcess, TOKEN, type AtlasProcess } from './server-process.ts';

let atlas: AtlasProcess | undefined;
afterEach(async () => {
  await atlas?.stop();
  atlas = undefined;
});

it('serves reads and imports a register through the worker from the bundled dist/server', async () => {
  atlas = await startProcess(undefined, {}, 300_000, [join(PROJECT_ROOT, 'scripts', 'start.js')]);
  expect(existsSync(join(PROJECT_ROOT, 'dist', 'server', 'main.bundle.js'))).toBe(true);

  const lookup = await (await fetch(`${atlas.url}/api/lookup?lon=-1.2&lat=52.77`)).json();
  expect(lookup.inside_county).toBe(true);
  const code = lookup.areas[0].code;
  const page = await (await fetch(`${atlas.url}/ogc/collections/lsoas/items?limit=2`)).json();
  expect(page.features).toHaveLength(2);

  const csv = readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'registers', 'directory.csv'));
  const imported = await fetch(`${atlas.url}/api/registers?register=bundle-check`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/csv' }, body: csv });
  expect(imported.status).toBe(201);
  expect((await imported.json()).status).toBe('imported');
  const area = await (await fetch(`${atlas.url}/api/areas/${code}?layer=${lookup.areas[0].layer}`)).json();
  expect(area.registers_counted).toContain('bundle-check');
}, 420_000);
