// createApp builds the atlas's request handler (not listening), so tests can drive it in-process:
// the hot path for the routes the tables flag, then Express for everything else.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import type { AtlasContext } from './context.ts';
import { badRequest, HttpProblem, notFound, problemJson, problemRenderer } from './problem.ts';
import { ogcRoutes } from '../ogc/routes.ts';
import { clientFiles } from './client-files.ts';
import { apiRoutes } from './routes.ts';
import { hotPath } from './hot-path.ts';
import { routerOf } from './route-table.ts';
import { READ_CORS_HEADERS, readOnlyCors, securityHeaderPairs, securityHeaders } from './security.ts';

export const JSON_BODY_LIMIT = '64kb';

const API_V1 = /^\/api\/v1(?=[/?]|$)/;

const hostHeaders = (req: IncomingMessage) => {
  let n = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].length === 4 && req.rawHeaders[i].toLowerCase() === 'host') n++;
  return n;
};

/** The atlas as a node:http request listener; `express` is the application behind the hot path. */
export interface AtlasApp {
  (req: IncomingMessage, res: ServerResponse): void;
  readonly express: express.Express;
  listen(port: number, host: string, listening?: () => void): Server;
}

export function createApp(ctx: AtlasContext): AtlasApp {
  const api = apiRoutes(ctx);
  const ogc = ogcRoutes(ctx);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // we send our own strong ETags
  app.set('query parser', 'simple');
  app.use(securityHeaders(ctx.config.basemapStyleUrl));
  // Register uploads stream their JSON (up to 5 MB) to the import worker themselves.
  // Lists of postcodes (up to 10,000) and drawn areas are parsed by their own routes, with their own limits.
  const ownBody = (req: express.Request) => req.method === 'POST' && /^\/api\/(registers|postcodes|profile)\/?(\?|$)/.test(req.url);
  app.use(express.json({ limit: JSON_BODY_LIMIT, type: (req) => !ownBody(req as express.Request) && /^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? '')) }));

  app.use('/api', readOnlyCors, routerOf(api));
  app.use('/ogc', readOnlyCors, routerOf(ogc));
  app.use(['/api', '/ogc'], (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next(notFound(`no such resource: ${req.baseUrl}${req.path}`));
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    next(new HttpProblem(405, 'Method not allowed', `${req.method} is not allowed here; this resource is read-only`));
  });

  if (existsSync(join(ctx.config.clientDir, 'index.html'))) {
    app.use(clientFiles(ctx.config.clientDir));
    app.use(express.static(ctx.config.clientDir, { index: false, maxAge: '1h' }));
  }
  app.use((req, _res, next) => next(notFound(`no such page: ${req.path}`)));
  // Every error passes the health watch first, so database read failures make /api/health answer 503.
  app.use(((err, _req, _res, next) => {
    ctx.health.sawError(err);
    next(err);
  }) as express.ErrorRequestHandler);
  app.use(problemRenderer);

  // The hottest reads skip Express's per-request set-up and middleware walk: the hot path answers them
  // with the headers the middleware above would add (security and read-only CORS), or passes them on.
  const hot = hotPath([{ mount: '/api', routes: api }, { mount: '/ogc', routes: ogc }], [...securityHeaderPairs(ctx.config.basemapStyleUrl), ...READ_CORS_HEADERS].flat());
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // /api/v1 is the current version of /api: one set of routes answers both (server/http/api-openapi.ts).
    if (req.url && API_V1.test(req.url)) req.url = `/api${req.url.slice(7)}`;
    // Two Host headers make the request's target ambiguous (RFC 9112 §3.2): refused before any route.
    if (hostHeaders(req) > 1) return void res.writeHead(400, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' }).end(problemJson(badRequest('the request has more than one Host header')));
    if (!hot(req, res)) app(req, res);
  };
  return Object.assign(handle, {
    express: app,
    listen: (port: number, host: string, listening?: () => void) => createServer(handle).listen(port, host, listening),
  });
}
