// /ogc/conformance: the OGC API – Features Part 1 conformance classes this server implements.
import type { Request } from 'express';
import { parseQuery } from '../http/query.ts';
import { metadataQuery } from './collections.ts';

export const CONFORMS_TO = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export function conformance(req: Request) {
  parseQuery(req, metadataQuery);
  return { conformsTo: CONFORMS_TO };
}
