// The OGC API – Features route table, mounted at /ogc. Handlers live beside it, one resource per file.
import { Router, type Request, type RequestHandler } from 'express';
import type { AtlasContext } from '../http/context.ts';
import { prebuilt } from '../http/respond.ts';
import { represent } from '../http/representation.ts';
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
function ogcDoc(title: string, handler: (req: Request) => Doc, contentType: string = MEDIA.json): RequestHandler {
  return prebuilt((req) => {
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
  });
}

export function ogcRoutes(ctx: AtlasContext): Router {
  const features = featureStrings(ctx);
  const r = Router({ strict: false });
  r.get('/', ogcDoc('OGC API', (req) => landing(ctx, req)));
  r.get('/conformance', ogcDoc('Conformance classes', (req) => conformance(req)));
  r.get('/api', ogcDoc('API definition', (req) => openapi(ctx, req), MEDIA.openapi));
  r.get('/collections', ogcDoc('Collections', (req) => collections(ctx, req)));
  r.get('/collections/:id', ogcDoc('Collection', (req) => collection(ctx, req, req.params.id as string)));
  r.get('/collections/:id/schema', ogcDoc('Schema', (req) => collectionSchema(ctx, req, req.params.id as string), MEDIA.schema));
  r.get('/collections/:id/queryables', ogcDoc('Queryables', (req) => queryables(ctx, req, req.params.id as string), MEDIA.schema));
  r.get('/collections/:id/items', prebuilt((req) => items(ctx, features, req, req.params.id as string)));
  r.get('/collections/:id/items/:code', prebuilt((req) => item(ctx, features, req, req.params.id as string, req.params.code as string)));
  return r;
}
