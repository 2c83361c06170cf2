// Opens the group registers for a server or the CLI: the registers database plus the built-in
// registers, placed when the atlas database was built and read from it.
import type { AtlasConfig } from '../config/config.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { storedBuiltinRegisters } from './builtin-placements.ts';
import { GroupRegisters } from './group-registers.ts';
import { RegisterDb } from './register-db.ts';

export function openGroupRegisters(config: Pick<AtlasConfig, 'registersDbPath'>, store: AtlasStore): GroupRegisters {
  return new GroupRegisters(store, new RegisterDb(config.registersDbPath), storedBuiltinRegisters(store));
}
