// /ogc/collections/{id}/schema: a JSON Schema of the collection's flat features (OGC API – Features
// Part 5 style), linked as "describedby", so GDAL and QGIS take field types from it rather than
// guessing them from the first page (where groups_per_1000 could look like an integer).
import type { Request } from 'express';
import type { AtlasContext } from '../http/context.ts';
import { flatColumns } from '../http/presenters/flat-properties.ts';
import { parseQuery } from '../http/query.ts';
import { collectionParam, metadataQuery } from './collections.ts';
import { ogcRoot } from './links.ts';

export function collectionSchema(ctx: AtlasContext, req: Request, id: string) {
  const spec = collectionParam(id);
  parseQuery(req, metadataQuery);
  // Types are single names, not ["integer", "null"]: GDAL reads only a plain "type". Nullable fields say so.
  const properties = Object.fromEntries(
    flatColumns(ctx.store, spec.id).map((f) => [f.name, { type: f.type, title: f.name, description: f.description, ...(f.name === 'code' ? { 'x-ogc-role': 'id' } : {}) }]),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${ogcRoot(req)}/collections/${spec.id}/schema`,
    title: spec.title,
    description: `A feature of ${spec.title}: id is the ONS GSS code; geometry is CRS84 at 6 decimals.`,
    type: 'object',
    required: ['type', 'id', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: 'string' },
      // Polygons only: an area drawn as a label point has a null geometry and point_lon/point_lat.
      geometry: { 'x-ogc-role': 'primary-geometry', format: 'geometry-polygon-or-multipolygon' },
      properties: { type: 'object', properties },
    },
  };
}
