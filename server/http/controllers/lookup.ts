// Point and postcode look-up: the area of every layer that contains the point, each with its services.
import type { Request } from 'express';
import { z } from 'zod';
import { displayPostcode, postcodeKey } from '../../domain/names.ts';
import { SERVICE_IDS } from '../../domain/vocabulary.ts';
import type { AtlasContext } from '../context.ts';
import { badRequest, notFound } from '../problem.ts';
import { latitude, longitude, parseQuery } from '../query.ts';

/** A full unit postcode (outward + inward code), compared as a key without spaces. */
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

const lookupQuery = z
  .object({
    lon: longitude.optional(),
    lat: latitude.optional(),
    postcode: z
      .string()
      .max(16, 'is too long to be a postcode')
      .transform(postcodeKey)
      .pipe(z.string().regex(UK_POSTCODE, 'is not a full UK postcode such as LE17 4QB'))
      .optional(),
  })
  .strict();

export function lookup(ctx: AtlasContext, req: Request) {
  const q = parseQuery(req, lookupQuery);
  let point: { lon: number; lat: number; postcode?: string };
  if (q.postcode !== undefined) {
    if (q.lon !== undefined || q.lat !== undefined) throw badRequest('give either "postcode" or "lon" and "lat", not both');
    const hit = ctx.store.postcode(q.postcode);
    if (!hit) throw notFound(`postcode "${displayPostcode(q.postcode)}" is not in the Leicestershire postcode file`);
    point = { lon: hit.lon, lat: hit.lat, postcode: hit.postcode };
  } else {
    if (q.lon === undefined) throw badRequest('parameter "lon": is required (or give "postcode")');
    if (q.lat === undefined) throw badRequest('parameter "lat": is required (or give "postcode")');
    point = { lon: q.lon, lat: q.lat };
  }
  const areas = ctx.store.placeInLayers(point.lon, point.lat);
  return {
    query: point,
    inside_county: areas.length > 0,
    areas: areas.map(({ area: a, boundaryWith }) => ({
      layer: a.layer,
      layer_title: ctx.store.layers.find((l) => l.id === a.layer)!.title,
      code: a.code,
      name: a.name,
      district_code: a.districtCode,
      district_name: a.districtName,
      population: a.population,
      category: a.category,
      category_extent: a.categoryExtent,
      services: Object.fromEntries(SERVICE_IDS.map((s) => [s, a.services[s] !== null])),
      service_extent: a.services,
      ...(boundaryWith.length ? { on_boundary_with: boundaryWith.map((b) => ({ code: b.code, name: b.name })) } : {}),
      links: { area: `/api/areas/${a.code}?layer=${a.layer}`, services: `/api/areas/${a.code}/services?layer=${a.layer}` },
    })),
  };
}
