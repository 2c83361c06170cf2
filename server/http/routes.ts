// The whole HTTP surface of the atlas API in one table. Handlers live in controllers/.
import express, { Router } from 'express';
import { registerRoutes } from '../registers/http/routes.ts';
import { NameIndex } from '../store/name-index.ts';
import type { AtlasContext } from './context.ts';
import * as analysis from './controllers/analysis.ts';
import * as areas from './controllers/areas.ts';
import { coverage } from './controllers/coverage.ts';
import * as layers from './controllers/layers.ts';
import { layerSummary } from './controllers/layer-summary.ts';
import { lookup } from './controllers/lookup.ts';
import { manyPostcodes, onePostcode, POSTCODES_BODY_LIMIT } from './controllers/postcodes.ts';
import * as reference from './controllers/reference.ts';
import { profile } from './controllers/profile.ts';
import { search } from './controllers/search.ts';
import { PROFILE_BODY_LIMIT } from '../limits.ts';
import { noParameters } from './query.ts';
import { NO_STORE } from './representation.ts';
import { json, prebuilt } from './respond.ts';
import { apiOpenApi } from './api-openapi.ts';
import { snakeCaseKeys } from './snake-case.ts';

export function apiRoutes(ctx: AtlasContext): Router {
  const names = new NameIndex(ctx.store);
  void analysis.precomputeAnalyses(ctx);
  const r = Router();
  r.get('/layers', json((req) => noParameters(req) && layers.listLayers(ctx)));
  r.get('/layers/:layer.geojson', prebuilt((req) => layers.layerGeojson(ctx, req, layers.layerParam(req.params.layer as string))));
  r.get('/layers/:layer.csv', prebuilt((req) => layers.layerCsv(ctx, req, layers.layerParam(req.params.layer as string))));
  r.get('/layers/:layer/summary', prebuilt((req) => layerSummary(ctx, req, layers.layerParam(req.params.layer as string))));
  r.get('/areas/:code', prebuilt((req) => areas.areaDetail(ctx, req, req.params.code as string)));
  r.get('/areas/:code/services', prebuilt((req) => areas.areaServices(ctx, req, req.params.code as string)));
  r.get('/parishes/services', json((req) => areas.parishServicesByName(ctx, names, req)));
  r.get('/analysis', json((req) => noParameters(req) && analysis.listAnalyses()));
  r.get('/analysis/:name', prebuilt((req) => analysis.analysis(ctx, req, req.params.name as string)));
  r.get('/lookup', prebuilt((req) => lookup(ctx, req)));
  r.get('/postcodes/:postcode', json((req) => noParameters(req) && onePostcode(ctx, req.params.postcode as string)));
  r.post('/postcodes', express.json({ limit: POSTCODES_BODY_LIMIT }), prebuilt((req) => manyPostcodes(ctx, req)));
  r.post('/profile', express.json({ limit: PROFILE_BODY_LIMIT }), prebuilt((req) => profile(ctx, req.body)));
  r.get('/search', json((req) => search(ctx, names, req)));
  r.get('/services', json((req) => noParameters(req) && reference.services(ctx)));
  r.get('/coverage', json((req) => coverage(ctx, req)));
  r.get('/sources', json((req) => noParameters(req) && reference.sources(ctx)));
  r.get('/reconciliation', json((req) => noParameters(req) && snakeCaseKeys(JSON.parse(ctx.store.reconciliationJson))));
  r.get('/config', json((req) => noParameters(req) && reference.clientConfig(ctx)));
  r.use(registerRoutes(ctx)); // /registers, /groups.geojson
  r.get('/health', json((req) => noParameters(req) && reference.health(ctx), 'application/json', NO_STORE));
  let openapi: ReturnType<typeof apiOpenApi> | undefined; // built once: it depends only on the context
  r.get('/openapi.json', json((req) => noParameters(req) && (openapi ??= apiOpenApi(ctx))));
  return r;
}
