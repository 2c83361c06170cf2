// /ogc/conformance: the OGC API – Features Part 1 conformance classes this server implements.
import type { Request } from 'express';
import { parseQuery } from '../http/query.ts';
import { metadataQuery } from './collections.ts';

export const CONFORMS_TO = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  // Part 3: queryables, and CQL2 text filters on /items (Basic CQL2 plus LIKE; no spatial or temporal operators).
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
] as const;

export function conformance(req: Request) {
  parseQuery(req, metadataQuery);
  return { conformsTo: CONFORMS_TO };
}
