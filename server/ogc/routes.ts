// The OGC API – Features route table, mounted at /ogc. Handlers live beside it, one resource per file.
import { Router } from 'express';
import type { AtlasContext } from '../http/context.ts';
import { json, prebuilt } from '../http/respond.ts';
import { collection, collections } from './collections.ts';
import { conformance } from './conformance.ts';
import { featureStrings } from './features.ts';
import { item } from './item.ts';
import { items } from './items.ts';
import { landing } from './landing.ts';
import { MEDIA } from './links.ts';
import { openapi } from './openapi.ts';
import { queryables } from './queryables.ts';
import { collectionSchema } from './schema.ts';

export function ogcRoutes(ctx: AtlasContext): Router {
  const features = featureStrings(ctx);
  const r = Router({ strict: false });
  r.get('/', json((req) => landing(ctx, req)));
  r.get('/conformance', json((req) => conformance(req)));
  r.get('/api', json((req) => openapi(ctx, req), MEDIA.openapi));
  r.get('/collections', json((req) => collections(ctx, req)));
  r.get('/collections/:id', json((req) => collection(ctx, req, req.params.id as string)));
  r.get('/collections/:id/schema', json((req) => collectionSchema(ctx, req, req.params.id as string), MEDIA.schema));
  r.get('/collections/:id/queryables', json((req) => queryables(ctx, req, req.params.id as string), MEDIA.schema));
  r.get('/collections/:id/items', prebuilt((req) => items(ctx, features, req, req.params.id as string)));
  r.get('/collections/:id/items/:code', prebuilt((req) => item(ctx, features, req, req.params.id as string, req.params.code as string)));
  return r;
}
