// The lean path for the hottest reads (point look-up, one area, its services answer, a whole layer,
// an OGC items page) and health:
// matched on the raw node:http request before Express builds its request and walks its middleware.
// It answers only the happy path, with the same controllers, headers and representations as the
// Express routes; anything else (a bad parameter, an unknown code, another method) falls through to
// Express, which runs the same controller again and renders the problem, so both paths agree.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse, type ParsedUrlQuery } from 'node:querystring';
import type { Request } from 'express';
import type { AtlasContext } from './context.ts';
import { areaDetail, areaServices } from './controllers/areas.ts';
import { layerGeojson, layerParam } from './controllers/layers.ts';
import { lookup } from './controllers/lookup.ts';
import { featureStrings } from '../ogc/features.ts';
import { items } from '../ogc/items.ts';
import { health } from './controllers/reference.ts';
import { noParameters } from './query.ts';
import { NO_STORE, represent, sendFlat, type Served } from './representation.ts';
import { READ_CORS_HEADERS, securityHeaderPairs } from './security.ts';

/** What the controllers read of a request; OGC pages also build links from the host and mount point, as Express gives them. */
type Asked = Pick<Request, 'query' | 'headers' | 'url' | 'protocol' | 'baseUrl' | 'get'>;

function asked(req: IncomingMessage, url: string, query: ParsedUrlQuery): Asked {
  const ogc = url.startsWith('/ogc/');
  return {
    query,
    headers: req.headers,
    // As Express gives them without 'trust proxy': the mount point is stripped from url, and the
    // protocol is https only on a TLS socket.
    url: ogc ? url.slice(4) : url,
    baseUrl: ogc ? '/ogc' : '',
    protocol: (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http',
    get: ((name: string) => req.headers[name.toLowerCase()]) as Request['get'],
  } as Asked;
}
/** A path pattern, its answer, and whether answers are cached representations (their heads are kept too). */
type LeanRoute = [RegExp, (asked: Asked, match: RegExpExecArray) => Served, boolean];

/** Returns a handler that answers and returns true, or returns false having written nothing. */
export function leanReads(ctx: AtlasContext): (req: IncomingMessage, res: ServerResponse) => boolean {
  const features = featureStrings(ctx);
  const common = [...securityHeaderPairs(ctx.config.basemapStyleUrl), ...READ_CORS_HEADERS].flat();
  const routes: LeanRoute[] = [
    [/^\/api\/lookup$/, (asked) => lookup(ctx, asked), false],
    [/^\/api\/health$/, (asked) => noParameters(asked as Request) && represent(JSON.stringify(health(ctx)), 'application/json', { cacheControl: NO_STORE, effort: 'fresh' }), false],
    [/^\/api\/areas\/([EW]\d{8})$/, (asked, m) => areaDetail(ctx, asked, m[1]), true],
    [/^\/api\/areas\/([EW]\d{8})\/services$/, (asked, m) => areaServices(ctx, asked, m[1]), true],
    [/^\/api\/layers\/([a-z0-9-]+)\.geojson$/, (asked, m) => layerGeojson(ctx, asked, layerParam(m[1])), true],
    [/^\/ogc\/collections\/([a-z0-9-]+)\/items$/, (asked, m) => items(ctx, features, asked as Request, m[1]), true],
  ];
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    for (const [pattern, answer, cached] of routes) {
      const match = pattern.exec(path);
      if (!match) continue;
      let rep: Served;
      try {
        // node:querystring is the parser Express uses for these routes ('query parser': 'simple').
        const query: ParsedUrlQuery = parse(q < 0 ? '' : url.slice(q + 1));
        rep = answer(asked(req, url, query), match);
      } catch {
        return false;
      }
      // A cache miss is still being built: Express's route asks the cache again and joins the same
      // build (the cache builds each key once), and renders any problem it ends in.
      if (rep instanceof Promise) {
        rep.catch(() => {});
        return false;
      }
      const sent = sendFlat(req, res, rep, common, cached);
      // Only a compression failing on the thread pool could reject here; the headers may be out.
      if (sent instanceof Promise) sent.catch(() => res.destroy());
      return true;
    }
    return false;
  };
}
