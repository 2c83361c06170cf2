// The reusable parts of the OpenAPI 3.0 document: query parameters (with the same limits the zod
// schemas in params.ts enforce), response schemas and the problem+json error.
import { INDICES_LAYER, layerById, type LayerId } from '../registry/layers.ts';
import type { FlatColumn } from '../http/presenters/flat-properties.ts';
import { LIMIT_DEFAULT, LIMIT_MAX, OFFSET_MAX } from './params.ts';
import { ITEM_FILTERS } from './queryables.ts';

const linkSchema = {
  type: 'object',
  required: ['href', 'rel'],
  properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } },
};
const links = { type: 'array', items: { $ref: '#/components/schemas/link' } };
const geometry = { type: 'object', nullable: true, description: 'GeoJSON Polygon or MultiPolygon in CRS84 at 6 decimals; null for a parish drawn only as a label point (its point is in point_lon/point_lat) and with skipGeometry=true' };

export const parameters = {
  f: { name: 'f', in: 'query', required: false, description: 'Encoding: JSON, or an HTML page (also chosen by Accept: text/html)', schema: { type: 'string', enum: ['json', 'html'] } },
  fItems: { name: 'f', in: 'query', required: false, description: 'Encoding: GeoJSON, or an HTML page (also chosen by Accept: text/html)', schema: { type: 'string', enum: ['json', 'geojson', 'html'] } },
  bbox: {
    name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
    description: 'Only features whose geometry intersects the box minLon,minLat,maxLon,maxLat (CRS84). Inverted boxes are refused.',
    schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
  },
  limit: { name: 'limit', in: 'query', required: false, description: `Features per page; a larger limit is not an error, the page holds at most ${LIMIT_MAX}`, schema: { type: 'integer', minimum: 1, default: LIMIT_DEFAULT } },
  offset: { name: 'offset', in: 'query', required: false, description: 'Features to skip; follow the next/prev links to page', schema: { type: 'integer', minimum: 0, maximum: OFFSET_MAX, default: 0 } },
  datetime: { name: 'datetime', in: 'query', required: false, description: 'RFC 3339 instant or interval. The layers have no time dimension, so every feature matches.', schema: { type: 'string' } },
  // The atlas filters (district, category, service, service_absent and the IMD, CNI and density bounds), as the queryables list them.
  ...Object.fromEntries(
    ITEM_FILTERS.map((f) => [
      f.name,
      { name: f.name, in: 'query', required: false, ...(f.schema.type === 'array' ? { style: 'form', explode: false } : {}), description: f.indicesOnly ? `${f.description} (${INDICES_LAYER} only)` : f.description, schema: f.schema },
    ]),
  ),
  filter: { name: 'filter', in: 'query', required: false, description: "CQL2 text over the collection's queryables (its flat feature properties): =, <>, <, <=, >, >=, LIKE, IS [NOT] NULL, AND, OR, NOT and parentheses, e.g. category = 'general' AND svc_nw = true", schema: { type: 'string' } },
  filterLang: { name: 'filter-lang', in: 'query', required: false, description: 'The filter language; only cql2-text', schema: { type: 'string', enum: ['cql2-text'], default: 'cql2-text' } },
  sortby: { name: 'sortby', in: 'query', required: false, style: 'form', explode: false, description: 'Queryables to sort by, comma-separated, each optionally prefixed + (ascending, the default) or - (descending); nulls last', schema: { type: 'array', items: { type: 'string' } } },
  properties: { name: 'properties', in: 'query', required: false, style: 'form', explode: false, description: 'Only these feature properties, comma-separated', schema: { type: 'array', items: { type: 'string' } } },
  skipGeometry: { name: 'skipGeometry', in: 'query', required: false, description: 'true: features without geometry (null), for attribute-only reads', schema: { type: 'boolean', default: false } },
  featureId: { name: 'featureId', in: 'path', required: true, description: 'ONS GSS code of the area', schema: { type: 'string', pattern: '^[EW][0-9]{8}$' } },
};

/** The parameters of a collection's items: Part 1's, then the atlas filters that apply to its layer. */
export const itemsParameters = (layer: LayerId) => ['fItems', 'bbox', 'limit', 'offset', 'datetime', 'filter', 'filterLang', 'sortby', 'properties', 'skipGeometry', ...ITEM_FILTERS.filter((f) => !f.indicesOnly || layerById(layer)?.hasIndices).map((f) => f.name)];

/** The flat feature properties of one collection, the same columns the /schema and /queryables give. */
export function propertiesSchema(columns: readonly FlatColumn[]) {
  return { type: 'object', properties: Object.fromEntries(columns.map((c) => [c.name, { type: c.type, nullable: true, description: c.description }])) };
}

export const schemas = {
  link: linkSchema,
  landingPage: { type: 'object', required: ['links'], properties: { title: { type: 'string' }, description: { type: 'string' }, links } },
  confClasses: { type: 'object', required: ['conformsTo'], properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
  collection: {
    type: 'object',
    required: ['id', 'links'],
    properties: { id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' }, extent: { type: 'object' }, itemType: { type: 'string' }, crs: { type: 'array', items: { type: 'string' } }, attribution: { type: 'string' }, license: { type: 'string' }, links },
  },
  collections: { type: 'object', required: ['links', 'collections'], properties: { links, collections: { type: 'array', items: { $ref: '#/components/schemas/collection' } } } },
  featureGeoJSON: { type: 'object', required: ['type', 'id', 'geometry', 'properties'], properties: { type: { type: 'string', enum: ['Feature'] }, id: { type: 'string' }, bbox: { type: 'array', items: { type: 'number' } }, geometry, properties: { type: 'object' }, links } },
  featureCollectionGeoJSON: {
    type: 'object',
    required: ['type', 'features'],
    properties: {
      type: { type: 'string', enum: ['FeatureCollection'] },
      features: { type: 'array', items: { $ref: '#/components/schemas/featureGeoJSON' } },
      links, timeStamp: { type: 'string', format: 'date-time' }, numberMatched: { type: 'integer', minimum: 0 }, numberReturned: { type: 'integer', minimum: 0 },
      attribution: { type: 'string' }, license: { type: 'string' },
    },
  },
  problem: {
    type: 'object',
    description: 'RFC 9457 problem details',
    properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' }, invalid_params: { type: 'array', items: { type: 'object' } } },
  },
};

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/problem' } } };
export const responses = {
  NotModified: { description: 'The representation has not changed since the ETag given in If-None-Match' },
  BadRequest: { description: 'A parameter is unknown or invalid; detail names it', content: problemContent },
  NotFound: { description: 'No such collection or feature', content: problemContent },
  MethodNotAllowed: { description: 'Only GET, HEAD and OPTIONS are allowed (the Allow header says so)', content: problemContent },
};
