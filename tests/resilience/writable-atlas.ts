// The app in this process over the test atlas and a registers database of its own in `dir`, with the
// admin token set (so write endpoints are on), listening on an ephemeral port: for upload and import tests
// that need to see this process's files and descriptors.
import { join } from 'node:path';
import { loadConfig } from '../../server/config/config.ts';
import { createApp } from '../../server/http/app.ts';
import { createContext, type AtlasContext } from '../../server/http/context.ts';
import { openGroupRegisters } from '../../server/registers/open-registers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { listen, testDatabase, type Listening } from '../support/atlas-app.ts';
import { GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';
import { TOKEN } from './server-process.ts';

export interface WritableAtlas {
  url: string;
  ctx: AtlasContext;
  /** The folder holding the registers database (and upload temporary files). */
  dir: string;
  close(): Promise<void>;
}

export async function openWritableAtlas(name: string, dbPath = testDatabase()): Promise<WritableAtlas> {
  const dir = tempDir(name);
  const store = new AtlasStore(dbPath);
  const config = { ...loadConfig({}), adminToken: TOKEN, geodataDir: GEODATA_DIR, registersDbPath: join(dir, 'registers.sqlite'), clientDir: tempDir('no-client') };
  const groups = openGroupRegisters(config, store);
  const ctx = createContext(store, groups, config);
  const server: Listening = await listen(createApp(ctx));
  return {
    url: server.url,
    ctx,
    dir,
    close: async () => {
      await server.close();
      groups.close();
      store.close();
    },
  };
}
