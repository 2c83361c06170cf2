// Where tests find the shared inputs and our curated tables; GEODATA_DIR and SEEDS_DIR override.
import { loadArea } from '../../server/pipeline/curated.ts';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../server/config/config.ts';

export const GEODATA_DIR = resolve(PROJECT_ROOT, process.env.GEODATA_DIR ?? '../shared/geodata');
export const SEEDS_DIR = resolve(PROJECT_ROOT, process.env.SEEDS_DIR ?? '../shared/seeds');
export const CURATED_DIR = resolve(PROJECT_ROOT, 'geodata');
export const APPENDIX_SEED = resolve(SEEDS_DIR, '000_e0c465ef10260b11.txt');

/** The feature counts geodata/area.json expects of each layer (the build refuses others). */
export const EXPECTED_FEATURES = loadArea(CURATED_DIR).expectedFeatures;
