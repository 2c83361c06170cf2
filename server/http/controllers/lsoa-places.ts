// GET /api/layers/lsoas/places: which parishes and wards each LSOA covers, so an LSOA reads as places
// ("Loughborough: Hastings") rather than a statistical code. The build tallies them (server/domain/lsoa-places.ts).
import type { Request } from 'express';
import type { AtlasContext } from '../context.ts';
import { noParameters } from '../query.ts';
import { represent, type Representation } from '../representation.ts';

const built = new WeakMap<AtlasContext, Representation>();

/** { places: { LSOA code: [{ layer, code, name, share }] } }, serialised once per atlas and kept (a few tens of kB). */
export function lsoaPlaces(ctx: AtlasContext, req: Request): Representation {
  noParameters(req); // it takes none: an unknown one is a 400 naming it, not silently ignored
  let rep = built.get(ctx);
  if (!rep) {
    const places: Record<string, { layer: string; code: string; name: string; share: number }[]> = {};
    for (const { lsoa, ...place } of ctx.store.lsoaPlaces()) (places[lsoa] ??= []).push(place);
    rep = represent(JSON.stringify({ places }), 'application/json', { cacheControl: 'no-cache' });
    built.set(ctx, rep);
  }
  return rep;
}
