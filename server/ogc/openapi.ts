// /ogc/api: the OpenAPI 3.0 definition, generated from the layer registry so every collection has
// its own paths (as pygeoapi does) and the parameters state the limits the server enforces.
import type { AtlasContext } from '../http/context.ts';
import type { Request } from 'express';
import { LAYERS, type LayerSpec } from '../registry/layers.ts';
import { parseQuery } from '../http/query.ts';
import { metadataQuery } from './collections.ts';
import { MEDIA, ogcRoot } from './links.ts';
import { itemsParameters, parameters, propertiesSchema, responses, schemas } from './openapi-parts.ts';
import { flatColumns } from '../http/presenters/flat-properties.ts';

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const ok = (description: string, type: string, schema: string | object) => ({
  200: { description, content: { [type]: { schema: typeof schema === 'string' ? { $ref: `#/components/schemas/${schema}` } : schema }, 'text/html': { schema: { type: 'string' } } } },
  304: { $ref: '#/components/responses/NotModified' },
  400: { $ref: '#/components/responses/BadRequest' },
  405: { $ref: '#/components/responses/MethodNotAllowed' },
});
const get = (tag: string, operationId: string, summary: string, response: object, params: object[] = [ref('f')]) => ({
  get: { tags: [tag], operationId, summary, parameters: params, responses: { ...response, 404: { $ref: '#/components/responses/NotFound' } } },
});

function collectionPaths(ctx: AtlasContext, spec: LayerSpec) {
  const path = `/collections/${spec.id}`;
  const feature = { allOf: [{ $ref: '#/components/schemas/featureGeoJSON' }, { type: 'object', properties: { properties: propertiesSchema(flatColumns(ctx.store, spec.id)) } }] };
  const jsonSchema = { type: 'object', description: 'A JSON Schema (2020-12)' };
  return {
    [path]: get(spec.id, `describe-${spec.id}`, `Describe ${spec.title}`, ok('The collection', MEDIA.json, 'collection')),
    [`${path}/schema`]: get(spec.id, `schema-${spec.id}`, `JSON Schema of a ${spec.areaNoun} feature (its flat properties and their types)`, ok('The schema', MEDIA.schema, jsonSchema)),
    [`${path}/queryables`]: get(spec.id, `queryables-${spec.id}`, `The properties a filter or sortby may name`, ok('The queryables', MEDIA.schema, jsonSchema)),
    [`${path}/items`]: get(spec.id, `items-${spec.id}`, `Features of ${spec.title}`, ok('A page of features', MEDIA.geojson, 'featureCollectionGeoJSON'), itemsParameters(spec.id).map(ref)),
    [`${path}/items/{featureId}`]: get(spec.id, `item-${spec.id}`, `One ${spec.areaNoun} by GSS code`, ok('The feature', MEDIA.geojson, feature), [ref('featureId'), ref('fItems')]),
  };
}

export function openapi(ctx: AtlasContext, req: Request) {
  parseQuery(req, metadataQuery);
  return {
    openapi: '3.0.3',
    info: {
      title: `${ctx.store.covers.name} Coverage Atlas – OGC API Features`,
      version: '1.0.0',
      description: 'OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) and Part 3 (queryables, CQL2 text filters) over the atlas layers, with flat feature properties (docs/gis.md). Errors are RFC 9457 problem+json.',
      license: { name: 'Code MIT; data Open Government Licence v3.0 and as attributed per collection', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
    },
    servers: [{ url: ogcRoot(req) }],
    tags: [{ name: 'server' }, ...LAYERS.map((l) => ({ name: l.id, description: l.title }))],
    paths: {
      '/': get('server', 'getLandingPage', 'Landing page', ok('Links to the API definition, conformance and collections', MEDIA.json, 'landingPage')),
      '/api': get('server', 'getOpenAPI', 'This API definition', ok('OpenAPI 3.0 document', MEDIA.openapi, { type: 'object' })),
      '/conformance': get('server', 'getConformance', 'Conformance classes', ok('The conformance classes', MEDIA.json, 'confClasses')),
      '/collections': get('server', 'getCollections', 'The collections', ok('All collections', MEDIA.json, 'collections')),
      ...Object.assign({}, ...LAYERS.map((spec) => collectionPaths(ctx, spec))),
    },
    components: { parameters, schemas, responses },
  };
}
