// /ogc/collections/{id}/queryables: the filters the items endpoint takes, as a JSON Schema (OGC API –
// Features Part 3 layout), each with its type and limits, the feature property it tests and how. The
// same list gives the OpenAPI parameters, so the two documents cannot disagree.
import type { Request } from 'express';
import { CATEGORIES, SERVICE_IDS } from '../domain/vocabulary.ts';
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
  lsoasOnly?: true;
}

const list = (values: readonly string[]) => ({ type: 'array', items: { type: 'string', enum: [...values] } });
const decile = { type: 'integer', minimum: 1, maximum: 10 };

/** The atlas filters of /items beyond Part 1 (bbox, limit, offset, datetime), all combined with AND. */
export const ITEM_FILTERS: readonly ItemFilter[] = [
  { name: 'district', schema: { type: 'array', items: { type: 'string' } }, description: 'District codes or names, comma-separated (e.g. E07000131 or Harborough)', property: 'district_code', test: 'any of' },
  { name: 'category', schema: list([...CATEGORIES, 'none']), description: 'Appendix One categories, comma-separated; none = not listed', property: 'category', test: 'any of' },
  { name: 'service', schema: list(SERVICE_IDS), description: 'Only areas where every listed service is available (wholly or in part)', property: 'services', test: 'all of' },
  { name: 'service_absent', schema: list(SERVICE_IDS), description: 'Only areas where none of the listed services is available', property: 'services', test: 'none of' },
  { name: 'imd_decile_min', schema: decile, description: 'IMD 2025 decile at least this (1 = most deprived 10%)', property: 'imd_decile', test: '>=', lsoasOnly: true },
  { name: 'imd_decile_max', schema: decile, description: 'IMD 2025 decile at most this', property: 'imd_decile', test: '<=', lsoasOnly: true },
  { name: 'cni_min', schema: { type: 'number' }, description: 'Community Needs Index 2023 score at least this', property: 'cni_score', test: '>=', lsoasOnly: true },
  { name: 'cni_max', schema: { type: 'number' }, description: 'Community Needs Index 2023 score at most this', property: 'cni_score', test: '<=', lsoasOnly: true },
  { name: 'density_min', schema: { type: 'number', minimum: 0 }, description: 'Groups per 1,000 residents (all registers) at least this', property: 'groups_per_1000', test: '>=' },
  { name: 'density_max', schema: { type: 'number', minimum: 0 }, description: 'Groups per 1,000 residents (all registers) at most this', property: 'groups_per_1000', test: '<=' },
];

export function queryables(ctx: AtlasContext, req: Request, id: string) {
  const spec = collectionParam(id);
  parseQuery(req, metadataQuery);
  const filters = ITEM_FILTERS.filter((f) => !f.lsoasOnly || spec.id === 'lsoas');
  const districts = ctx.store.districts.map((d) => d.code);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${ogcRoot(req)}/collections/${spec.id}/queryables`,
    type: 'object',
    title: `${spec.title}: filters`,
    description:
      'The query parameters /items takes beyond bbox, limit, offset and datetime, combined with AND, each bound inclusive. ' +
      'x-property names the feature property a parameter tests and x-test how. A parameter not listed here is a 400.',
    properties: Object.fromEntries(
      filters.map((f) => [
        f.name,
        { title: f.name, description: f.description, ...f.schema, ...(f.name === 'district' ? { items: { type: 'string', examples: districts } } : {}), 'x-property': f.property, 'x-test': f.test },
      ]),
    ),
    additionalProperties: false,
  };
}
