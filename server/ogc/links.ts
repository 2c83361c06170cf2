// Media types, link objects and absolute URLs for the OGC API. Links are absolute, as OGC API –
// Features recommends and GDAL expects, and built from the request so they work behind any host name.
import type { Request } from 'express';

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
  csv: 'text/csv',
  schema: 'application/schema+json',
} as const;

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

export const link = (href: string, rel: string, type?: string, title?: string): Link => ({ href, rel, ...(type ? { type } : {}), ...(title ? { title } : {}) });

/** A Host header is echoed into links, so anything but a plain host[:port] falls back to localhost. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The absolute URL of the server root ("http://host:port"), for links to /api downloads. */
export function serverRoot(req: Request): string {
  const host = req.get('host');
  return `${req.protocol}://${host && HOST.test(host) ? host : 'localhost'}`;
}

/** The absolute URL of the OGC API landing page (".../ogc"), without a trailing slash. */
export function ogcRoot(req: Request): string {
  return serverRoot(req) + req.baseUrl;
}

/** The query string for a link: the given parameters in a stable order, empty ones left out. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  return entries.length ? '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString() : '';
}
