// Settings from the environment, with the defaults a fresh checkout needs. Nothing else reads process.env.
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The checkout: the parent of server/, or of dist/ when running the ahead-of-time compiled dist/server. */
export const PROJECT_ROOT = resolve(here, basename(dirname(here)) === 'dist' ? '../..' : '..');

export interface AtlasConfig {
  /** Where the shared boundary, population and postcode files live. */
  geodataDir: string;
  /** Our curated tables (geodata/ in this repository). */
  curatedDir: string;
  dbPath: string;
  /** Imported community group registers; a separate file so that rebuilding the atlas keeps them. */
  registersDbPath: string;
  port: number;
  host: string;
  /** Bearer token for write endpoints; when absent, write endpoints are off. */
  adminToken: string | null;
  /** Optional MapLibre style URL drawn beneath the atlas layers; none by default (works offline). */
  basemapStyleUrl: string | null;
  clientDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AtlasConfig {
  return {
    geodataDir: resolve(PROJECT_ROOT, env.GEODATA_DIR ?? '../shared/geodata'),
    curatedDir: resolve(PROJECT_ROOT, env.ATLAS_CURATED_DIR ?? 'geodata'),
    dbPath: resolve(PROJECT_ROOT, env.ATLAS_DB ?? 'data/atlas.sqlite'),
    registersDbPath: resolve(PROJECT_ROOT, env.ATLAS_REGISTERS_DB ?? 'data/registers.sqlite'),
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    adminToken: env.ATLAS_ADMIN_TOKEN?.trim() || null,
    basemapStyleUrl: env.ATLAS_BASEMAP_STYLE_URL?.trim() || null,
    clientDir: resolve(PROJECT_ROOT, env.ATLAS_CLIENT_DIR ?? 'dist/client'),
  };
}

