// /ogc/collections/{id}/queryables: the flat feature properties filters may name (OGC API – Features
// Part 3), and ITEM_FILTERS, the atlas's own query parameters on /items, which the OpenAPI document lists.
import type { Request } from 'express';
import { CATEGORIES, SERVICE_IDS } from '../domain/vocabulary.ts';
import { flatColumns, type FlatType } from '../http/presenters/flat-properties.ts';
import type { LayerId } from '../registry/layers.ts';
import type { AtlasContext } from '../http/context.ts';
import { parseQuery } from '../http/query.ts';
import { collectionParam, metadataQuery } from './collections.ts';
import { ogcRoot } from './links.ts';

export interface ItemFilter {
  name: string;
  /** The value's JSON Schema; a comma-separated list is an array. */
  schema: Record<string, unknown>;
  description: string;
  /** The feature property the filter tests, and how. */
  property: string;
  test: 'any of' | 'all of' | 'none of' | '>=' | '<=';
  /** Only the LSOA layer carries IMD and CNI; elsewhere the parameter is a 400. */
  indicesOnly?: true;
}

const list = (values: readonly string[]) => ({ type: 'array', items: { type: 'string', enum: [...values] } });
const decile = { type: 'integer', minimum: 1, maximum: 10 };

/** The atlas filters of /items beyond Part 1 (bbox, limit, offset, datetime), all combined with AND. */
export const ITEM_FILTERS: readonly ItemFilter[] = [
  { name: 'district', schema: { type: 'array', items: { type: 'string' } }, description: 'District codes or names, comma-separated (e.g. E07000131 or Harborough)', property: 'district_code', test: 'any of' },
  { name: 'category', schema: list([...CATEGORIES, 'none']), description: 'Appendix One categories, comma-separated; none = not listed', property: 'category', test: 'any of' },
  { name: 'service', schema: list(SERVICE_IDS), description: 'Only areas where every listed service is available (wholly or in part)', property: 'services', test: 'all of' },
  { name: 'service_absent', schema: list(SERVICE_IDS), description: 'Only areas where none of the listed services is available', property: 'services', test: 'none of' },
  { name: 'imd_decile_min', schema: decile, description: 'IMD 2025 decile at least this (1 = most deprived 10%)', property: 'imd_decile', test: '>=', indicesOnly: true },
  { name: 'imd_decile_max', schema: decile, description: 'IMD 2025 decile at most this', property: 'imd_decile', test: '<=', indicesOnly: true },
  { name: 'cni_min', schema: { type: 'number' }, description: 'Community Needs Index 2023 score at least this', property: 'cni_score', test: '>=', indicesOnly: true },
  { name: 'cni_max', schema: { type: 'number' }, description: 'Community Needs Index 2023 score at most this', property: 'cni_score', test: '<=', indicesOnly: true },
  { name: 'density_min', schema: { type: 'number', minimum: 0 }, description: 'Groups per 1,000 residents (all registers) at least this', property: 'groups_per_1000', test: '>=' },
  { name: 'density_max', schema: { type: 'number', minimum: 0 }, description: 'Groups per 1,000 residents (all registers) at most this', property: 'groups_per_1000', test: '<=' },
];

/** The queryables of a layer: its flat feature properties (name → JSON type), what filter and sortby may name. */
export function queryableTypes(ctx: AtlasContext, layer: LayerId): ReadonlyMap<string, FlatType> {
  return new Map(flatColumns(ctx.store, layer).map((c) => [c.name, c.type]));
}

/**
 * Part 3 queryables: the feature properties a CQL2 filter and sortby may name, as they appear in each
 * feature. The atlas's own query parameters (district, service, imd_decile_max …) stay accepted and are
 * described in the OpenAPI document, not here (clients read queryables as properties).
 */
export function queryables(ctx: AtlasContext, req: Request, id: string) {
  const spec = collectionParam(id);
  parseQuery(req, metadataQuery);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${ogcRoot(req)}/collections/${spec.id}/queryables`,
    type: 'object',
    title: `${spec.title}: queryables`,
    description: 'Feature properties a CQL2 text filter (filter=…, comparisons, LIKE, IS NULL and AND) and sortby may name.',
    properties: Object.fromEntries(flatColumns(ctx.store, spec.id).map((c) => [c.name, { title: c.name, description: c.description, type: c.type }])),
    additionalProperties: false,
  };
}
