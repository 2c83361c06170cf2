// Opens the group registers for a server or the CLI: the registers database plus the built-in
// registers from GEODATA_DIR, located against the atlas the store has open.
import type { AtlasConfig } from '../config.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { loadBuiltinRegisters } from './builtin.ts';
import { atlasGazetteer, GroupRegisters } from './group-registers.ts';
import { RegisterDb } from './register-db.ts';

export function openGroupRegisters(config: Pick<AtlasConfig, 'geodataDir' | 'registersDbPath'>, store: AtlasStore, log?: (m: string) => void): GroupRegisters {
  const locator = store.locator;
  const builtin = loadBuiltinRegisters(config.geodataDir, atlasGazetteer(store, locator), log);
  return new GroupRegisters(store, new RegisterDb(config.registersDbPath), builtin, locator);
}
