// The whole HTTP surface of the atlas API (/api) in one table, in matching order. Answers live in
// controllers/; routes flagged `hot` are also served ahead of Express by hot-path.ts.
import express from 'express';
import { registerRoutes } from './registers/routes.ts';
import { NameIndex } from '../store/name-index.ts';
import type { AtlasContext } from './context.ts';
import * as analysis from './controllers/analysis.ts';
import * as areas from './controllers/areas.ts';
import { coverage } from './controllers/coverage.ts';
import * as layers from './controllers/layers.ts';
import { layerSummary } from './controllers/layer-summary.ts';
import { lookup } from './controllers/lookup.ts';
import { lsoaPlaces } from './controllers/lsoa-places.ts';
import { manyPostcodes, onePostcode, POSTCODES_BODY_LIMIT } from './controllers/postcodes.ts';
import * as reference from './controllers/reference.ts';
import { profile } from './controllers/profile.ts';
import { search } from './controllers/search.ts';
import { tileRoutes } from './controllers/tiles.ts';
import { PROFILE_BODY_LIMIT } from '../config/limits.ts';
import { noParameters } from './query.ts';
import { NO_STORE } from './representation.ts';
import { fresh } from './respond.ts';
import { apiOpenApi } from './api-openapi.ts';
import type { Route } from './route-table.ts';
import { snakeCaseKeys } from './snake-case.ts';

export function apiRoutes(ctx: AtlasContext): Route[] {
  const names = new NameIndex(ctx.store);
  void analysis.precomputeAnalyses(ctx);
  let openapi: ReturnType<typeof apiOpenApi> | undefined; // built once: it depends only on the context
  const layer = (req: { params: Record<string, string> }) => layers.layerParam(req.params.layer);
  return [
    ...tileRoutes(ctx), // /tiles/…, /districts.geojson
    { method: 'get', path: '/layers/lsoas/places', answer: (req) => lsoaPlaces(ctx, req) },
    { method: 'get', path: '/layers', answer: (req) => noParameters(req) && fresh(layers.listLayers(ctx)) },
    { method: 'get', path: '/layers/:layer.geojson', answer: (req) => layers.layerGeojson(ctx, req, layer(req)), hot: 'cached' },
    { method: 'get', path: '/layers/:layer.csv', answer: (req) => layers.layerCsv(ctx, req, layer(req)) },
    { method: 'get', path: '/layers/:layer/summary', answer: (req) => layerSummary(ctx, req, layer(req)) },
    { method: 'get', path: '/areas/:code', answer: (req) => areas.areaDetail(ctx, req, req.params.code), hot: 'cached' },
    { method: 'get', path: '/areas/:code/services', answer: (req) => areas.areaServices(ctx, req, req.params.code), hot: 'cached' },
    { method: 'get', path: '/parishes/services', answer: (req) => fresh(areas.parishServicesByName(ctx, names, req)) },
    { method: 'get', path: '/analysis', answer: (req) => noParameters(req) && fresh(analysis.listAnalyses()) },
    { method: 'get', path: '/analysis/:name', answer: (req) => analysis.analysis(ctx, req, req.params.name) },
    { method: 'get', path: '/lookup', answer: (req) => lookup(ctx, req), hot: 'per-request' },
    { method: 'get', path: '/postcodes/:postcode', answer: (req) => noParameters(req) && fresh(onePostcode(ctx, req.params.postcode)) },
    { method: 'post', path: '/postcodes', before: [express.json({ limit: POSTCODES_BODY_LIMIT })], answer: (req) => manyPostcodes(ctx, req) },
    { method: 'post', path: '/profile', before: [express.json({ limit: PROFILE_BODY_LIMIT })], answer: (req) => profile(ctx, req.body) },
    { method: 'get', path: '/search', answer: (req) => fresh(search(ctx, names, req)) },
    { method: 'get', path: '/services', answer: (req) => noParameters(req) && fresh(reference.services(ctx)) },
    { method: 'get', path: '/coverage', answer: (req) => fresh(coverage(ctx, req)) },
    { method: 'get', path: '/sources', answer: (req) => noParameters(req) && fresh(reference.sources(ctx)) },
    { method: 'get', path: '/reconciliation', answer: (req) => noParameters(req) && fresh(snakeCaseKeys(JSON.parse(ctx.store.reconciliationJson))) },
    { method: 'get', path: '/config', answer: (req) => noParameters(req) && fresh(reference.clientConfig(ctx)) },
    { mount: registerRoutes(ctx) }, // /registers, /groups.geojson
    { method: 'get', path: '/health', answer: (req) => noParameters(req) && fresh(reference.health(ctx), 'application/json', NO_STORE), hot: 'per-request' },
    { method: 'get', path: '/openapi.json', answer: (req) => noParameters(req) && fresh((openapi ??= apiOpenApi(ctx))) },
  ];
}
