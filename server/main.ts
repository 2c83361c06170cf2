// `npm start`: prepare the database and client if needed, then serve the API, OGC API and client.
import { loadConfig } from './config.ts';
import { BuildError } from './build/errors.ts';
import { createApp } from './http/app.ts';
import { createContext } from './http/context.ts';
import { ensureClient, ensureDatabase } from './prepare.ts';
import { AtlasStore } from './store/atlas-store.ts';
import { openGroupRegisters } from './registers/open-registers.ts';

const config = loadConfig();
try {
  ensureDatabase(config);
} catch (err) {
  if (!(err instanceof BuildError)) throw err;
  console.error(`[atlas] the database build failed: ${err.message}`);
  process.exit(1);
}
ensureClient(config);

const store = new AtlasStore(config.dbPath);
let groups;
try {
  groups = openGroupRegisters(config, store);
} catch (err) {
  if (!(err instanceof BuildError)) throw err;
  console.error(`[atlas] a built-in group register is invalid: ${err.message}`);
  process.exit(1);
}
const ctx = createContext(store, groups, config);
const server = createApp(ctx).listen(config.port, config.host, () => {
  console.log(`[atlas] serving http://localhost:${config.port}/ (API at /api, OGC API at /ogc)`);
});
server.requestTimeout = 30_000;
server.headersTimeout = 15_000;

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.close(() => {
      store.close();
      groups.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 3000).unref();
  });
