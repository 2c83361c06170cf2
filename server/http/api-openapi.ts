// The OpenAPI 3.1 document of /api (served at /api/openapi.json): every operation with the query and
// body schemas its controller checks requests against (zod, turned into JSON Schema here), so the
// document cannot say one thing while the server checks another. A test compares its paths with the
// routes Express actually has.
import { z } from 'zod';
import { SERVICE_IDS } from '../domain/vocabulary.ts';
import { LAYER_IDS } from '../registry/layers.ts';
import { UPLOAD_FIELDS } from './registers/upload.ts';
import { REGISTER_LIST_QUERY } from './registers/routes.ts';
import type { AtlasContext } from './context.ts';
import { ANALYSIS_IDS, schemas as analysisSchemas } from './controllers/analysis.ts';
import { detailQuery, nameQuery } from './controllers/areas.ts';
import { coverageQuery } from './controllers/coverage.ts';
import { summaryQuery } from './controllers/layer-summary.ts';
import { csvQuery, geojsonQuery } from './controllers/layers.ts';
import { lookupQuery } from './controllers/lookup.ts';
import { bulkBody } from './controllers/postcodes.ts';
import { profileBody } from './controllers/profile-body.ts';
import { searchQuery } from './controllers/search.ts';

/** The API's version: /api/v1 is this version; /api answers the same as the current version. */
export const API_VERSION = '1';

type Media = 'json' | 'geojson' | 'csv' | 'mvt' | 'problem';
const MEDIA: Record<Media, string> = { json: 'application/json', geojson: 'application/geo+json', csv: 'text/csv', mvt: 'application/vnd.mapbox-vector-tile', problem: 'application/problem+json' };

interface Operation {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path template under /api, e.g. /areas/{code}. */
  path: string;
  summary: string;
  tag: 'areas' | 'layers' | 'look-up' | 'analysis' | 'registers' | 'reference' | 'tiles';
  query?: z.ZodType;
  body?: { schema: z.ZodType; media: string[] };
  produces: Media[];
  /** Status codes beyond 200, 304, 400 and 406 (which every GET may answer). */
  errors?: number[];
  admin?: boolean;
}

const layerPath = { name: 'layer', in: 'path', required: true, schema: { type: 'string', enum: [...LAYER_IDS] } };
const pathParams: Record<string, object> = {
  layer: layerPath,
  code: { name: 'code', in: 'path', required: true, description: 'An ONS GSS code (E04…, E43…, E05…, E01…)', schema: { type: 'string', pattern: '^[EW]\\d{8}$' } },
  name: { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
  postcode: { name: 'postcode', in: 'path', required: true, description: 'A full UK postcode, any case, with or without the space', schema: { type: 'string' } },
  z: { name: 'z', in: 'path', required: true, schema: { type: 'integer' } },
  x: { name: 'x', in: 'path', required: true, schema: { type: 'integer' } },
  y: { name: 'y', in: 'path', required: true, schema: { type: 'integer' } },
};

function operations(ctx: AtlasContext): Operation[] {
  const analysis = analysisSchemas(ctx);
  return [
    { method: 'get', path: '/layers', tag: 'layers', summary: 'The four layers: fields, vintage, bbox, attribution and licence', produces: ['json'] },
    { method: 'get', path: '/layers/{layer}.geojson', tag: 'layers', summary: 'Every area of a layer as an RFC 7946 FeatureCollection (nested or flat properties), filtered; paged with limit and offset (a next link in the body and a Link header)', query: geojsonQuery(ctx), produces: ['geojson'], errors: [404] },
    { method: 'get', path: '/layers/{layer}.csv', tag: 'layers', summary: 'The same areas as CSV (flat columns, UTF-8 with BOM, TRUE/FALSE); paged with limit and offset (Link and X-Total-Count headers)', query: csvQuery(ctx), produces: ['csv'], errors: [404] },
    { method: 'get', path: '/layers/{layer}/summary', tag: 'layers', summary: 'Legend counts and district boxes for a map drawn from tiles', query: summaryQuery(ctx), produces: ['json'], errors: [404] },
    { method: 'get', path: '/layers/lsoas/places', tag: 'layers', summary: 'The parishes and wards each LSOA covers, by share of its residents', produces: ['json'] },
    { method: 'get', path: '/areas/{code}', tag: 'areas', summary: 'One area as a GeoJSON Feature with every property', query: detailQuery(ctx), produces: ['geojson'], errors: [404] },
    { method: 'get', path: '/areas/{code}/services', tag: 'areas', summary: 'The plain answer: which of the seven services the area can access, how much of it, and why', query: z.object({ layer: z.enum(LAYER_IDS).optional() }).strict(), produces: ['json'], errors: [404] },
    { method: 'get', path: '/parishes/services', tag: 'areas', summary: 'The same answer found by name (404 with the closest names when the name is not found)', query: nameQuery, produces: ['json'], errors: [404] },
    { method: 'get', path: '/lookup', tag: 'look-up', summary: 'The area of every layer containing a point or postcode, with its services', query: lookupQuery, produces: ['json'], errors: [404] },
    { method: 'get', path: '/postcodes/{postcode}', tag: 'look-up', summary: 'One postcode answered at the finest area that settles each service', produces: ['json'], errors: [404] },
    { method: 'post', path: '/postcodes', tag: 'look-up', summary: 'Up to 10,000 postcodes at once, each answered at the finest area known', body: { schema: bulkBody, media: ['application/json'] }, produces: ['json'], errors: [413, 415, 503] },
    { method: 'post', path: '/profile', tag: 'areas', summary: 'Your own area: the profile of a drawn polygon or of chosen areas, built from Census 2021 Output Areas (those of the areas a drawn polygon covers whole, elsewhere by population-weighted centroid; 422 when it holds none), with the Appendix One designations reaching its residents (share, "at least" where only part is known)', body: { schema: profileBody(ctx), media: ['application/json'] }, produces: ['geojson'], errors: [413, 422] },
    { method: 'get', path: '/search', tag: 'look-up', summary: 'Ranked area names and postcodes, as the search box shows them', query: searchQuery, produces: ['json'] },
    { method: 'get', path: '/analysis', tag: 'analysis', summary: 'The analyses and their parameters', produces: ['json'] },
    ...ANALYSIS_IDS.map((id): Operation => ({ method: 'get', path: `/analysis/${id}`, tag: 'analysis', summary: `The ${id} analysis as JSON, or CSV with format=csv`, query: analysis[id], produces: ['json', 'csv'] })),
    { method: 'get', path: '/coverage', tag: 'analysis', summary: 'Per service and category, the areas and residents reached wholly, in part and not at all', query: coverageQuery, produces: ['json'] },
    { method: 'get', path: '/services', tag: 'reference', summary: 'The service key, categories, Appendix One rules, inferred provision and resolution methods', produces: ['json'] },
    { method: 'get', path: '/sources', tag: 'reference', summary: 'Every source file with checksum, vintage, licence and attribution', produces: ['json'] },
    { method: 'get', path: '/reconciliation', tag: 'reference', summary: 'How each Appendix One entry was resolved, and what changed against the last recorded coverage', produces: ['json'] },
    { method: 'get', path: '/config', tag: 'reference', summary: 'What the web client needs: districts, layers, density references, registers', produces: ['json'] },
    { method: 'get', path: '/health', tag: 'reference', summary: 'Health of this instance (503 when its database fails a check)', produces: ['json'], errors: [503] },
    { method: 'get', path: '/openapi.json', tag: 'reference', summary: 'This document', produces: ['json'] },
    { method: 'get', path: '/registers', tag: 'registers', summary: 'The group registers loaded, and how to import one; paged with limit and offset', query: REGISTER_LIST_QUERY, produces: ['json'] },
    { method: 'get', path: '/registers/{name}', tag: 'registers', summary: 'One register with its import report', produces: ['json'], errors: [404] },
    { method: 'post', path: '/registers', tag: 'registers', summary: 'Import (or replace) a register: CSV, GeoJSON or the Charity Commission extract; all or nothing', query: UPLOAD_FIELDS, body: { schema: z.unknown(), media: ['text/csv', 'application/geo+json', 'application/json', 'multipart/form-data', 'application/zip', 'application/octet-stream'] }, produces: ['json'], errors: [401, 403, 413, 415, 422, 429, 503, 507], admin: true },
    { method: 'delete', path: '/registers/{name}', tag: 'registers', summary: 'Delete an imported register', produces: ['json'], errors: [401, 403, 404, 429], admin: true },
    { method: 'get', path: '/groups.geojson', tag: 'registers', summary: 'The groups of the loaded registers as points, optionally paged with limit and offset', produces: ['geojson'] },
    { method: 'get', path: '/tiles/{layer}.json', tag: 'tiles', summary: 'TileJSON 3.0 of a layer\'s vector tiles', produces: ['json'], errors: [404] },
    { method: 'get', path: '/tiles/{layer}/{z}/{x}/{y}.mvt', tag: 'tiles', summary: 'One vector tile (gzip-encoded Mapbox Vector Tile)', produces: ['mvt'], errors: [204, 404] },
    { method: 'get', path: '/districts.geojson', tag: 'tiles', summary: 'The district outlines', produces: ['geojson'] },
  ];
}

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as { properties?: Record<string, object>; required?: string[] };

/** Query parameters from a controller's zod object: one per property, required as zod says. */
function queryParameters(s: z.ZodType | undefined): object[] {
  if (!s) return [];
  const j = jsonSchema(s);
  return Object.entries(j.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: (j.required ?? []).includes(name), schema }));
}

const PROBLEM = { description: 'A problem (RFC 9457) naming the parameter, field or line at fault', content: { [MEDIA.problem]: { schema: { $ref: '#/components/schemas/Problem' } } } };
const STATUS_TEXT: Record<number, string> = {
  204: 'No tile here', 304: 'Not modified (the ETag matched If-None-Match)', 400: 'Bad request', 401: 'No admin token given', 403: 'Wrong admin token, or writes are off',
  404: 'Not found', 405: 'Method not allowed', 406: 'Not acceptable', 413: 'Too large', 415: 'Unsupported media type', 422: 'Unprocessable: rows or features that cannot be used',
  429: 'Too many failed tokens from this address', 503: 'Busy or unhealthy; see Retry-After', 507: 'No space left for the import',
};

export function apiOpenApi(ctx: AtlasContext, serverUrl = '/api/v1') {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of operations(ctx)) {
    const params = [...(op.path.match(/\{(\w+)\}/g) ?? []).map((p) => pathParams[p.slice(1, -1)]), ...queryParameters(op.query)];
    const responses: Record<string, object> = {
      200: { description: 'OK', content: Object.fromEntries(op.produces.map((m) => [MEDIA[m], {}])) },
      400: PROBLEM,
      ...(op.method === 'get' ? { 304: { description: STATUS_TEXT[304] }, 406: PROBLEM } : {}),
      405: PROBLEM,
      ...Object.fromEntries((op.errors ?? []).map((code) => [code, code === 204 ? { description: STATUS_TEXT[204] } : { ...PROBLEM, description: STATUS_TEXT[code] }])),
    };
    (paths[op.path] ??= {})[op.method] = {
      operationId: `${op.method}${op.path.replace(/[{}./-]+(\w)?/g, (_, c?: string) => (c ? c.toUpperCase() : ''))}`,
      summary: op.summary,
      tags: [op.tag],
      parameters: params,
      ...(op.body ? { requestBody: { required: true, content: Object.fromEntries(op.body.media.map((m) => [m, { schema: jsonSchema(op.body!.schema) }])) } } : {}),
      ...(op.admin ? { security: [{ adminToken: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Leicestershire Coverage Atlas API',
      version: API_VERSION,
      description:
        'Which Leicestershire parishes, wards and LSOAs can reach which Stronger Communities services (Appendix One of the Leicestershire LAA Stronger Communities delivery plan, 2008–11), and how many community groups each has. Read-only but for the registers, which need the admin token. Every name is snake_case. /api/v1 is this version; /api answers as the current version.',
      license: { name: 'Code: MIT. Data: Open Government Licence v3.0, Community Needs Index © OCSI and Local Trust', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
    },
    servers: [{ url: serverUrl }],
    tags: ['areas', 'layers', 'look-up', 'analysis', 'registers', 'reference', 'tiles'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'ATLAS_ADMIN_TOKEN; writes are off when it is not set' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
            invalid_params: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } } },
          },
        },
        ServiceId: { type: 'string', enum: [...SERVICE_IDS] },
      },
    },
  };
}
