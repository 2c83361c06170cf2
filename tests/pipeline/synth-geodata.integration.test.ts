// The atlas runs any area from data alone: a 2-fold synthetic replica of the county, written by
// `npm run synth:geodata`, builds and serves with no code change, and each copy's answers equal the original's.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../server/pipeline/build-database.ts';
import { loadConfig, PROJECT_ROOT } from '../../server/config/config.ts';
import { createApp } from '../../server/http/app.ts';
import { createContext } from '../../server/http/context.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { openGroupRegisters } from '../../server/registers/open-registers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { listen, testDatabase, type Listening } from '../support/atlas-app.ts';
import { EXPECTED_FEATURES } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

describe('synthetic k=2 replica', () => {
  let server: Listening;
  let close: () => void;
  let env: Record<string, string>;

  beforeAll(() => {
    const out = tempDir('synth-k2');
    const printed = execFileSync(process.execPath, ['--import', 'tsx', 'tools/synth-geodata.ts', '--copies', '2', '--out', out], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    env = Object.fromEntries([...printed.matchAll(/^\s*(GEODATA_DIR|ATLAS_CURATED_DIR)=(.+)$/gm)].map((m) => [m[1], m[2].trim()]));
    const config = { ...loadConfig({ ...env, ATLAS_DB: join(out, 'atlas.sqlite'), ATLAS_REGISTERS_DB: join(out, 'registers.sqlite') }), clientDir: tempDir('no-client') };
    buildDatabase(config);
    const store = new AtlasStore(config.dbPath);
    const groups = openGroupRegisters(config, store);
    close = () => {
      groups.close();
      store.close();
    };
    return listen(createApp(createContext(store, groups, config))).then((s) => {
      server = s;
    });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    close?.();
  });

  it('prints the GEODATA_DIR and ATLAS_CURATED_DIR to use', () => {
    expect(Object.keys(env).sort()).toEqual(['ATLAS_CURATED_DIR', 'GEODATA_DIR']);
  });

  it('serves twice the areas, twice the population, under the configured name', async () => {
    const config = await (await fetch(`${server.url}/api/config`)).json();
    expect(config.area.name).toBe('Leicestershire ×2 (synthetic)');
    expect(config.districts).toHaveLength(14);
    const county = new Database(testDatabase(), { readonly: true });
    const countyPopulation = Number((county.prepare("SELECT value FROM meta WHERE key = 'county_population'").get() as { value: string }).value);
    county.close();
    expect(config.county_population).toBe(2 * countyPopulation);
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health.areas).toBe(2 * LAYERS.reduce((n, l) => n + EXPECTED_FEATURES[l.id], 0));
  });

  it('gives each area of the copy the category, services and population of its original', async () => {
    const county = new Database(testDatabase(), { readonly: true });
    const originals = county.prepare("SELECT code, name, population, category, category_extent FROM areas WHERE layer = 'parishes' ORDER BY code").all() as { code: string; name: string }[];
    county.close();
    const layer = await (await fetch(`${server.url}/api/layers/parishes.geojson`)).json();
    const copies = (layer.features as { id: string; properties: { name: string; population: number; category: string } }[]).filter((f) => !originals.some((o) => o.code === f.id));
    expect(copies).toHaveLength(originals.length);
    const original = originals.find((o) => o.name === 'Sharnford')!;
    const copy = copies.find((f) => f.properties.name === 'Sharnford')!;
    const [a, b] = await Promise.all([original.code, copy.id].map(async (code) => (await fetch(`${server.url}/api/areas/${code}/services`)).json()));
    // The same answer, with the copy's own codes where the original names its areas.
    const plain = (services: { id: string; extent: string | null; share: number | null }[]) => services.map(({ id, extent, share }) => ({ id, extent, share }));
    expect(plain(b.services)).toEqual(plain(a.services));
    expect(plain(b.services).some((s) => s.extent !== null)).toBe(true);
    expect(b.category).toEqual(a.category);
  });

  it('geocodes the copied libraries by their copied postcodes', async () => {
    const config = await (await fetch(`${server.url}/api/config`)).json();
    const libraries = config.registers.find((r: { name: string }) => r.name === 'libraries');
    expect(libraries.rows).toBeGreaterThan(0);
    expect(libraries.rows % 2).toBe(0);
  });
});
