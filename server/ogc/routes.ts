// The OGC API – Features route table, mounted at /ogc (items pages are hot: see server/http/hot-path.ts).
// Handlers live beside it, one resource per file.
import type { AtlasContext } from '../http/context.ts';
import { represent, type Served } from '../http/representation.ts';
import type { Asked, Route } from '../http/route-table.ts';
import { htmlPage, linkHeader, wantsHtml } from './html.ts';
import { collection, collections } from './collections.ts';
import { conformance } from './conformance.ts';
import { featureStrings } from './features.ts';
import { item } from './item.ts';
import { items } from './items.ts';
import { landing } from './landing.ts';
import { link, MEDIA, type Link } from './links.ts';
import { openapi } from './openapi.ts';
import { queryables } from './queryables.ts';
import { collectionSchema } from './schema.ts';

type Doc = Record<string, unknown> & { links?: Link[] };

/**
 * A metadata document as JSON with its navigation links also in a Link header, or as an HTML page when
 * the caller asks for HTML (f=html, or a browser's Accept); both list the other as "alternate".
 */
function ogcDoc(title: string, handler: (req: Asked) => Doc, contentType: string = MEDIA.json): (req: Asked) => Served {
  return (req) => {
    const doc = handler(req);
    const self = doc.links?.find((l) => l.rel === 'self');
    const html = wantsHtml(req);
    if (self) {
      const other = new URL(self.href);
      other.searchParams.set('f', html ? 'json' : 'html');
      doc.links!.push(link(other.toString(), 'alternate', html ? contentType : 'text/html', html ? 'This document as JSON' : 'This document as HTML'));
    }
    if (html) return represent(htmlPage(title, doc), 'text/html; charset=utf-8', { effort: 'fresh', headers: { Vary: 'Accept' } });
    return represent(JSON.stringify(doc), contentType, { effort: 'fresh', headers: { Vary: 'Accept', ...(doc.links ? { Link: linkHeader(doc.links) } : {}) } });
  };
}

export function ogcRoutes(ctx: AtlasContext): Route[] {
  const features = featureStrings(ctx);
  return [
    { method: 'get', path: '/', answer: ogcDoc('OGC API', (req) => landing(ctx, req)) },
    { method: 'get', path: '/conformance', answer: ogcDoc('Conformance classes', (req) => conformance(req)) },
    { method: 'get', path: '/api', answer: ogcDoc('API definition', (req) => openapi(ctx, req), MEDIA.openapi) },
    { method: 'get', path: '/collections', answer: ogcDoc('Collections', (req) => collections(ctx, req)) },
    { method: 'get', path: '/collections/:id', answer: ogcDoc('Collection', (req) => collection(ctx, req, req.params.id)) },
    { method: 'get', path: '/collections/:id/schema', answer: ogcDoc('Schema', (req) => collectionSchema(ctx, req, req.params.id), MEDIA.schema) },
    { method: 'get', path: '/collections/:id/queryables', answer: ogcDoc('Queryables', (req) => queryables(ctx, req, req.params.id), MEDIA.schema) },
    { method: 'get', path: '/collections/:id/items', answer: (req) => items(ctx, features, req, req.params.id), hot: 'cached' },
    { method: 'get', path: '/collections/:id/items/:code', answer: (req) => item(ctx, features, req, req.params.id, req.params.code) },
  ];
}
