// The hot path for the hottest reads (point look-up, one area, its services answer, a whole layer,
// an OGC items page, health): the routes flagged `hot` in the route tables, matched on the raw
// node:http request before Express builds its request and walks its middleware. It answers only the
// happy path, with the same answer, headers and representations as the Express route; anything else
// (a bad parameter, an unknown code, another method) falls through to Express, which runs the same
// answer again and renders the problem, so both paths agree.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse, type ParsedUrlQuery } from 'node:querystring';
import { sendFlat, type Served } from './representation.ts';
import type { Asked, Hot, Route } from './route-table.ts';

interface HotRoute {
  pattern: RegExp;
  names: string[];
  mount: string;
  answer: (req: Asked) => Served;
  hot: Hot;
}

/** Express's `/areas/:code` and `/layers/:layer.geojson` as a regular expression over the whole path. */
function compile(mount: string, path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/:(\w+)|[.*+?^${}()|[\]\\]/g, (m, name: string | undefined) => {
    if (!name) return `\\${m}`;
    names.push(name);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${mount}${source}$`), names };
}

function asked(req: IncomingMessage, mount: string, url: string, query: ParsedUrlQuery, params: Record<string, string>): Asked {
  return {
    query,
    params,
    headers: req.headers,
    // As Express gives them without 'trust proxy': the mount point is stripped from url (originalUrl
    // keeps it), and the protocol is https only on a TLS socket.
    url: url.slice(mount.length),
    baseUrl: mount,
    originalUrl: url,
    protocol: (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http',
    get: ((name: string) => req.headers[name.toLowerCase()]) as Asked['get'],
  } as Asked;
}

/**
 * A handler for the hot routes of the given tables (each mounted at its prefix): it answers and
 * returns true, or returns false having written nothing. `common` are the headers every answer carries.
 */
export function hotPath(tables: { mount: string; routes: readonly Route[] }[], common: string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const hot: HotRoute[] = tables.flatMap(({ mount, routes }) =>
    routes.flatMap((r) => ('answer' in r && r.hot && r.method === 'get' ? [{ ...compile(mount, r.path), mount, answer: r.answer, hot: r.hot }] : [])),
  );
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    for (const route of hot) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      let rep: Served;
      try {
        const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
        // node:querystring is the parser Express uses for these routes ('query parser': 'simple').
        rep = route.answer(asked(req, route.mount, url, parse(q < 0 ? '' : url.slice(q + 1)), params));
      } catch {
        return false;
      }
      // A cache miss is still being built: Express's route asks the cache again and joins the same
      // build (the cache builds each key once), and renders any problem it ends in.
      if (rep instanceof Promise) {
        rep.catch(() => {});
        return false;
      }
      const sent = sendFlat(req, res, rep, common, route.hot === 'cached');
      // Only a compression failing on the thread pool could reject here; the headers may be out.
      if (sent instanceof Promise) sent.catch(() => res.destroy());
      return true;
    }
    return false;
  };
}
