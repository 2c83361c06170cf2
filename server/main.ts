// `npm start`: prepare the databases and client (healing what can be healed), then serve the API,
// OGC API and client; on SIGTERM or SIGINT, finish the requests in flight and exit 0.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadConfig } from './config.ts';
import { BuildError } from './build/errors.ts';
import { leanReads } from './http/lean-reads.ts';
import { createContext } from './http/context.ts';
import { ensureClient, ensureDatabase, ensureRegistersDatabase } from './prepare.ts';
import { AtlasStore } from './store/atlas-store.ts';
import { GroupRegisters } from './registers/group-registers.ts';
import { openGroupRegisters } from './registers/open-registers.ts';

const config = loadConfig();
try {
  ensureDatabase(config);
} catch (err) {
  if (!(err instanceof BuildError)) throw err;
  console.error(`[atlas] the database build failed: ${err.message}`);
  process.exit(1);
}
ensureRegistersDatabase(config);
ensureClient(config);

const store = new AtlasStore(config.dbPath);
const REGISTERS_OPEN_DELAY_MS = 1000;
let opened: GroupRegisters | undefined;
/** Reads and locates the built-in registers and re-reads imported ones; a bad built-in register stops the server. */
function openGroups(): GroupRegisters {
  if (opened) return opened;
  try {
    return (opened = openGroupRegisters(config, store));
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    console.error(`[atlas] a built-in group register is invalid: ${err.message}`);
    process.exit(1);
  }
}
// Opening the registers (reading and locating the built-in groups, a few hundred ms) waits until the
// server listens: look-ups, services answers and health need no group counts and are answered
// meanwhile. The first request that needs counts opens them, or a second after listening if none has.
const groups = new Proxy(Object.create(GroupRegisters.prototype) as GroupRegisters, {
  get(_target, key) {
    const real = openGroups();
    const value = Reflect.get(real, key, real);
    return typeof value === 'function' ? value.bind(real) : value;
  },
});
const ctx = createContext(store, groups, config);
// The lean path (look-ups, areas, services answers, layers, OGC pages, health) answers from the
// start; Express and the rest of the app (about a sixth of the start-up) load just after listening,
// and a request for anything else that comes before then waits for them.
const lean = leanReads(ctx);
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let app: Handler | undefined;
let appLoading: Promise<Handler> | undefined;
const loadApp = () => (appLoading ??= import('./http/app.ts').then(({ createApp }) => (app = createApp(ctx, { leanFirst: false }))));
let draining = false;
const server = createServer((req, res) => {
  // While shutting down, every answer tells the client (or proxy) to open its next connection elsewhere.
  if (draining) res.setHeader('Connection', 'close');
  if (lean(req, res)) return;
  if (app) return app(req, res);
  loadApp().then(
    (ready) => ready(req, res),
    (err) => (console.error('[atlas] the app failed to load:', err), res.destroy()),
  );
});
server.requestTimeout = 30_000;
server.headersTimeout = 15_000;
server.listen(config.port, config.host, () => {
  console.log(`[atlas] serving http://localhost:${config.port}/ (API at /api, OGC API at /ogc)`);
  setImmediate(loadApp);
  setTimeout(openGroups, REGISTERS_OPEN_DELAY_MS);
});

// A safety net, not a fix: a bug that escapes a handler is logged and the other requests keep being served.
process.on('uncaughtException', (err) => console.error('[atlas] uncaught exception (still serving):', err));
process.on('unhandledRejection', (err) => console.error('[atlas] unhandled rejection (still serving):', err));

function shutdown(signal: string) {
  if (draining) return;
  draining = true;
  console.log(`[atlas] ${signal}: no new connections; finishing requests in flight (up to ${config.shutdownGraceMs / 1000} s)`);
  server.close(() => {
    store.close();
    opened?.close();
    console.log('[atlas] stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  // Keep-alive connections that go idle after their last answer are closed as they do.
  const idle = setInterval(() => server.closeIdleConnections(), 250);
  idle.unref();
  setTimeout(() => {
    console.log('[atlas] grace period over; closing the remaining connections');
    server.closeAllConnections();
    process.exit(0);
  }, config.shutdownGraceMs).unref();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal));
