// GET /api/layers/lsoas/places: which parishes and wards each LSOA covers, so an LSOA reads as places
// ("Loughborough: Hastings") rather than a statistical code. The build tallies them (server/domain/lsoa-places.ts).
import { noParameters } from '../query.ts';
import { Router } from 'express';
import type { AtlasContext } from '../context.ts';
import { represent, type Representation } from '../representation.ts';
import { prebuilt } from '../respond.ts';

/** { places: { LSOA code: [{ layer, code, name, share }] } }, serialised once and kept (a few tens of kB). */
export function lsoaPlacesRoutes(ctx: AtlasContext): Router {
  let built: Representation | null = null;
  const r = Router();
  r.get('/layers/lsoas/places', prebuilt((req) => {
    noParameters(req); // it takes none: an unknown one is a 400 naming it, not silently ignored
    if (!built) {
      const places: Record<string, { layer: string; code: string; name: string; share: number }[]> = {};
      for (const { lsoa, ...place } of ctx.store.lsoaPlaces()) (places[lsoa] ??= []).push(place);
      built = represent(JSON.stringify({ places }), 'application/json', { cacheControl: 'no-cache' });
    }
    return built;
  }));
  return r;
}
