// `npm start`: prepare the databases and client (healing what can be healed), then serve the API,
// OGC API and client; on SIGTERM or SIGINT, finish the requests in flight and exit 0.
import { createServer } from 'node:http';
import { loadConfig } from './config/config.ts';
import { BuildError } from './formats/build-error.ts';
import { createApp } from './http/app.ts';
import { rawProblemResponse } from './http/problem.ts';
import { createContext } from './http/context.ts';
import { checkDeferred, ensureClient, ensureDatabase, ensureRegistersDatabase } from './prepare.ts';
import { checkInBackground } from './store/integrity.ts';
import { AtlasStore } from './store/atlas-store.ts';
import { openGroupRegisters } from './registers/open-registers.ts';
import { overFile, StartFailure } from './start-failure.ts';

const config = loadConfig();
/** Each step over a file either works or ends the start with one line saying what, where and what to do. */
function prepare(): { store: AtlasStore; groups: ReturnType<typeof openGroupRegisters> } {
  overFile('the atlas database', config.dbPath, 'ATLAS_DB', () => ensureDatabase(config));
  overFile('the registers database', config.registersDbPath, 'ATLAS_REGISTERS_DB', () => ensureRegistersDatabase(config));
  ensureClient(config);
  const store = overFile('the atlas database', config.dbPath, 'ATLAS_DB', () => new AtlasStore(config.dbPath));
  // The built-in registers were checked and placed by the build: a bad one stopped it above.
  const groups = overFile('the registers database', config.registersDbPath, 'ATLAS_REGISTERS_DB', () => openGroupRegisters(config, store));
  return { store, groups };
}
let prepared: ReturnType<typeof prepare>;
try {
  prepared = prepare();
} catch (err) {
  if (err instanceof BuildError) console.error(`[atlas] the database build failed: ${err.message}`);
  else console.error(err instanceof StartFailure ? err.line : `[atlas] cannot start: ${(err as Error).message}`);
  process.exit(1);
}
const { store, groups } = prepared;
const ctx = createContext(store, groups, config);
const app = createApp(ctx);
let draining = false;
const server = createServer((req, res) => {
  // While shutting down, every answer tells the client (or proxy) to open its next connection elsewhere.
  if (draining) res.setHeader('Connection', 'close');
  app(req, res);
});
// Requests Node's parser refuses (malformed, oversized headers, too slow) get problem+json too.
server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
  if (socket.writable && !(socket as { _httpMessage?: unknown })._httpMessage) socket.end(rawProblemResponse(err));
  else socket.destroy();
});
server.requestTimeout = 30_000;
server.headersTimeout = 15_000;
// A socket that cannot be opened is a failed start, not something to serve through: one line, exit 1,
// so a supervisor that restarts on failure does restart (and its log says what to change).
server.on('error', (err: NodeJS.ErrnoException) => {
  if (server.listening) return console.error('[atlas] server error (still serving):', err);
  const where = `${config.host}:${config.port}`;
  const why =
    err.code === 'EADDRINUSE'
      ? `port ${config.port} is already in use on ${config.host} (another server is listening); stop it or set PORT to a free port`
      : err.code === 'EACCES'
        ? `not permitted to listen on ${where} (ports below 1024 need privileges); set PORT to 1024 or above`
        : err.code === 'EADDRNOTAVAIL'
          ? `HOST ${config.host} is not an address of this machine; set HOST to one of its addresses or 0.0.0.0`
          : `${err.code ?? 'error'}: ${err.message}`;
  console.error(`[atlas] cannot listen on ${where}: ${why}`);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  console.log(`[atlas] serving http://localhost:${config.port}/ (API at /api, OGC API at /ogc)`);
  // The file is the one last found sound, so start-up skipped quick_check; it still runs, off the event loop.
  if (checkDeferred(config.dbPath)) void checkInBackground(config.dbPath).then((damage) => damage && ctx.health.databaseDamaged(damage));
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
    groups.close();
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
