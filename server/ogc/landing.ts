// The OGC API landing page (/ogc): what this service is, and links to the API definition,
// the conformance declaration and the collections.
import type { Request } from 'express';
import type { AtlasContext } from '../http/context.ts';
import { parseQuery } from '../http/query.ts';
import { metadataQuery } from './collections.ts';
import { link, MEDIA, ogcRoot, serverRoot } from './links.ts';

export function landing(ctx: AtlasContext, req: Request) {
  parseQuery(req, metadataQuery);
  const root = ogcRoot(req);
  const boundaries = ctx.store.sources.find((s) => s.id === 'parishes');
  return {
    title: `${ctx.store.covers.name} Coverage Atlas`,
    description:
      `Parishes, wards and LSOAs of ${ctx.store.covers.name} with their Appendix One (Stronger Communities strategy 2008–11) designations, the seven services each can access, population and community groups per 1,000 people.`,
    attribution: boundaries?.attribution,
    links: [
      link(root, 'self', MEDIA.json, 'This document'),
      link(`${root}/api`, 'service-desc', MEDIA.openapi, 'The API definition (OpenAPI 3.0)'),
      link(`${root}/conformance`, 'conformance', MEDIA.json, 'Conformance classes implemented by this server'),
      link(`${root}/collections`, 'data', MEDIA.json, 'The feature collections: parishes, wards, LSOAs and 2013 wards'),
      link(`${serverRoot(req)}/`, 'alternate', 'text/html', 'The atlas web map'),
    ],
  };
}
