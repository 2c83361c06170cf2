// What a route is: its method, Express path, and either an answer (a representation made from the
// request) or plain Express handlers. A route flagged `hot` is also served by the hot path
// (hot-path.ts) straight from node:http, ahead of Express; both run the same answer.
import { Router, type Request, type RequestHandler } from 'express';
import type { Served } from './representation.ts';
import { prebuilt } from './respond.ts';

/** The request an answer reads: as Express gives it, or as the hot path builds it (query, params, headers, url, baseUrl, protocol, get). */
export type Asked = Request<Record<string, string>>;

/**
 * `cached`: the answers are cached representations, so the hot path keeps their heads too;
 * `per-request`: made for each request (look-ups, health), so nothing more is kept.
 */
export type Hot = 'cached' | 'per-request';

export type Route =
  | { method: 'get' | 'post'; path: string; answer: (req: Asked) => Served; before?: RequestHandler[]; hot?: Hot }
  | { method: 'get' | 'post' | 'put' | 'delete'; path: string; handlers: RequestHandler[] }
  | { mount: Router };

/** The table as an Express router, in table order. */
export function routerOf(table: readonly Route[]): Router {
  const r = Router({ strict: false });
  for (const route of table) {
    if ('mount' in route) r.use(route.mount);
    else if ('answer' in route) r[route.method](route.path, ...(route.before ?? []), prebuilt(route.answer as (req: Request) => Served));
    else r[route.method](route.path, ...route.handlers);
  }
  return r;
}
