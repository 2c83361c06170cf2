// Settings from the environment, with the defaults a fresh checkout needs. Nothing else reads process.env.
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREA_CACHE_BYTES, LAYER_CACHE_BYTES } from './limits.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The checkout: the parent of server/, or of dist/ when running the ahead-of-time compiled dist/server (this file is in server/config/). */
export const PROJECT_ROOT = resolve(here, basename(dirname(dirname(here))) === 'dist' ? '../../..' : '../..');

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
  /** Byte budget of the layer cache (whole layers and filtered extracts, with their compressed encodings). */
  cacheBytes: number;
  /** Byte budget of the per-area cache (one area's feature or services answer). */
  areaCacheBytes: number;
  /** How many new representations may be built (serialised and compressed) at once; more wait in a queue. */
  buildConcurrency: number;
  /** On SIGTERM, how long requests in flight (uploads included) may take to finish before the process exits. */
  shutdownGraceMs: number;
}

const MB = 1024 * 1024;

/** A positive whole number from the environment, or the default; a bad value stops start-up rather than being guessed at. */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, unit = 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return Number(raw) * unit;
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
    cacheBytes: positive(env, 'ATLAS_CACHE_MB', LAYER_CACHE_BYTES, MB),
    areaCacheBytes: positive(env, 'ATLAS_AREA_CACHE_MB', AREA_CACHE_BYTES, MB),
    buildConcurrency: positive(env, 'ATLAS_BUILD_CONCURRENCY', 2),
    // The fallback is already in milliseconds: positive() scales only a value read from the environment.
    shutdownGraceMs: positive(env, 'ATLAS_SHUTDOWN_GRACE_S', 20 * 1000, 1000),
  };
}
