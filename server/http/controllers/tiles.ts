// The vector tile endpoints: /api/tiles/{tileset}.json (TileJSON 3.0), /api/tiles/{tileset}/{z}/{x}/{y}.mvt
// (stored gzip bytes sent as they are, 204 where no feature reaches the tile) and /api/districts.geojson
// (the district outlines the build made). Tile URLs in the TileJSON carry the build tag (?v=), so those
// responses are immutable; a tile asked for without it is cached briefly and revalidated by its ETag.
import { gunzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { buildTag, requestEtag } from '../build-tag.ts';
import type { AtlasContext } from '../context.ts';
import { badRequest, notFound } from '../problem.ts';
import { parseQuery, wholeNumber } from '../query.ts';
import { CACHE_SHORT, represent } from '../representation.ts';
import { fresh } from '../respond.ts';
import type { Route } from '../route-table.ts';
import { layerAttribution } from '../presenters/attribution.ts';
import { serverRoot } from '../../ogc/links.ts';
import { layerById } from '../../registry/layers.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import { TileStore, type TilesetRecord } from '../../store/tile-store.ts';
import { DISTRICT_OUTLINES_FROM, isTilesetId, sourceLayerMinZoom, TILESET_IDS, vectorLayers, type TilesetId } from '../../registry/tilesets.ts';

export const MVT = 'application/vnd.mapbox-vector-tile';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Tiles asked for without the build tag: an hour, then revalidated (a rebuild may change them). */
export const TILE_SHORT = 'public, max-age=3600, must-revalidate';

const tileQuery = z.object({ v: z.string().max(64).optional() }).strict();
const tilePath = z.object({
  z: wholeNumber(0, 24),
  x: z.string().regex(/^\d{1,8}$/, 'must be a whole number').transform(Number),
  y: z.string().regex(/^\d{1,8}$/, 'must be a whole number').transform(Number),
});

function tileset(store: TileStore, id: string): TilesetRecord {
  const t = isTilesetId(id) ? store.tilesets.get(id) : undefined;
  if (!t) throw notFound(`no tileset "${id}"; tilesets are ${TILESET_IDS.join(', ')}`);
  return t;
}

/** Attribution for a tileset: its boundary layer's, or the LSOAs' for the district outlines drawn from them. */
function attributionFor(ctx: AtlasContext, id: TilesetId) {
  return layerAttribution(ctx.store, id === 'districts' ? DISTRICT_OUTLINES_FROM : id);
}

/** A tile's path with the build tag, the form the TileJSON documents give (and the static export writes). */
export const tileUrl = (store: AtlasStore, id: TilesetId, z: number | string, x: number | string, y: number | string) =>
  `/api/tiles/${id}/${z}/${x}/${y}.mvt?v=${buildTag(store)}`;

/** Every tile URL and tile document of the atlas, for the static export. */
export function tileSurface(store: AtlasStore): string[] {
  const tiles = store.tiles();
  return ['/api/districts.geojson', ...TILESET_IDS.flatMap((id) => [`/api/tiles/${id}.json`, ...tiles.addresses(id).map((t) => tileUrl(store, id, t.z, t.x, t.y))])];
}

export function tileJson(ctx: AtlasContext, tiles: TileStore, req: Request, id: string) {
  const t = tileset(tiles, id);
  const a = attributionFor(ctx, t.id);
  const [w, s, e, n] = t.bounds;
  return {
    tilejson: '3.0.0',
    name: t.id,
    description: t.id === 'districts' ? `District outlines of ${ctx.store.covers.name}` : layerById(t.id)!.title,
    version: '1.0.0',
    attribution: a.attribution,
    licence: a.licence,
    licence_url: a.licence_url,
    scheme: 'xyz',
    tiles: [`${serverRoot(req)}${tileUrl(ctx.store, t.id, '{z}', '{x}', '{y}')}`],
    minzoom: t.minzoom,
    maxzoom: t.maxzoom,
    bounds: t.bounds,
    center: [Number(((w + e) / 2).toFixed(6)), Number(((s + n) / 2).toFixed(6)), Math.min(t.maxzoom, 9)],
    vector_layers: vectorLayers(t.id).map((l) => ({ ...l, minzoom: Math.max(t.minzoom, sourceLayerMinZoom(l.id)), maxzoom: t.maxzoom })),
    fillzoom: t.maxzoom,
  };
}

function sendTile(ctx: AtlasContext, tiles: TileStore, req: Request, res: Response) {
  const t = tileset(tiles, String(req.params.layer));
  const parsed = tilePath.safeParse(req.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`tile ${String(issue.path[0])}: ${issue.message}`, { invalid_params: [{ name: String(issue.path[0]), reason: issue.message }] });
  }
  const { z: zoom, x, y } = parsed.data;
  const { v } = parseQuery(req, tileQuery);
  const outside = x >= 2 ** zoom ? 'x' : y >= 2 ** zoom ? 'y' : null;
  if (outside) throw badRequest(`tile ${outside} must be below ${2 ** zoom} at zoom ${zoom}`, { invalid_params: [{ name: outside, reason: `must be below ${2 ** zoom}` }] });
  if (zoom < t.minzoom || zoom > t.maxzoom) throw notFound(`tileset "${t.id}" has tiles from zoom ${t.minzoom} to ${t.maxzoom}; clients draw closer views from zoom ${t.maxzoom} (see /api/tiles/${t.id}.json)`);
  const etag = requestEtag(ctx.store, `${t.id}/${zoom}/${x}/${y}`);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', v === buildTag(ctx.store) ? IMMUTABLE : TILE_SHORT);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.fresh) return void res.status(304).end();
  const data = tiles.tile(t.id, zoom, x, y);
  if (!data) return void res.status(204).end();
  res.setHeader('Content-Type', MVT);
  // Stored gzip bytes go out as they are; the rare client that refuses gzip gets them unpacked.
  const gzip = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? '')) && !/\bgzip\s*;\s*q=0(\.0+)?\b/i.test(String(req.headers['accept-encoding']));
  const body = gzip ? data : gunzipSync(data);
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function districtsGeojson(ctx: AtlasContext, tiles: TileStore) {
  const a = attributionFor(ctx, 'districts');
  const collection = {
    type: 'FeatureCollection',
    name: 'districts',
    title: `District outlines of ${ctx.store.covers.name}`,
    attribution: a.attribution,
    licence: a.licence,
    licence_url: a.licence_url,
    features: tiles.districtOutlines().map((d) => ({ type: 'Feature', id: d.code, properties: { code: d.code, name: d.name }, geometry: d.geometry })),
  };
  return represent(JSON.stringify(collection), 'application/geo+json', { etag: requestEtag(ctx.store, 'districts'), cacheControl: CACHE_SHORT });
}

export function tileRoutes(ctx: AtlasContext): Route[] {
  const tiles = ctx.store.tiles();
  let districts: ReturnType<typeof districtsGeojson> | undefined;
  const send: RequestHandler = (req, res, next) => {
    try {
      sendTile(ctx, tiles, req, res);
    } catch (err) {
      next(err);
    }
  };
  return [
    { method: 'get', path: '/tiles/:layer.json', answer: (req) => parseQuery(req, z.object({}).strict()) && fresh(tileJson(ctx, tiles, req, String(req.params.layer))) },
    { method: 'get', path: '/tiles/:layer/:z/:x/:y.mvt', handlers: [send] },
    { method: 'get', path: '/districts.geojson', answer: (req) => parseQuery(req, z.object({}).strict()) && (districts ??= districtsGeojson(ctx, tiles)) },
  ];
}
