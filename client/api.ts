// Typed reads of the atlas API. Every URL the client fetches or offers for download is built here,
// and problem+json answers (RFC 9457) become ApiError with the server's own detail text.
import type {
  AreaDetail, CaseStudyCollection, ClientConfig, CustomProfileAnswer, LayerCollection, LayerId, LayersResponse,
  LayerSummary, LookupResponse, ParishServicesAnswer, PostcodeAnswer, PostcodeResult, SearchResponse, ServicesAnswer, ServicesResponse,
} from './types.ts';
import { apiFilterParams, type AreaFilters } from './state/filters.ts';
import { drawsFromTiles, MAP_PROPERTIES } from './map/tile-choice.ts';
import { fileUrl, NEEDS_LIVE_ATLAS, STANDALONE, standaloneProfilePath } from './state/standalone.ts';
import { standaloneSearch } from './state/standalone-search.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }
}

async function getJson<T>(url: string, signal?: AbortSignal, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(fileUrl(url), { ...init, headers: { Accept: 'application/json, application/geo+json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) }, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'Network error', 'The atlas server could not be reached.');
  }
  // In a standalone copy a missing file is a view the export did not write: say what needs the live atlas.
  if (STANDALONE && res.status === 404) throw new ApiError(404, 'Not in this copy', NEEDS_LIVE_ATLAS);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    throw new ApiError(res.status, String(body.title ?? res.statusText), String(body.detail ?? ''), body);
  }
  return (await res.json()) as T;
}

const qs = (params: Record<string, string | null | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** Filters a layer listing or download honours: the district, the registers counted and the combined filters. */
export interface LayerFilters {
  district?: string | null;
  registers?: readonly string[] | null;
  filters?: AreaFilters;
}

/** The registers parameter as the map and the area panel both send it: none means every register. */
const registersParam = (registers: readonly string[] | null | undefined) => (registers?.length ? registers.join(',') : null);

/** A layer's URL; downloads ask for the flat GeoJSON (scalar columns that GIS software saves, docs/gis.md). */
export function layerUrl(layer: LayerId, format: 'geojson' | 'csv', f: LayerFilters = {}, { flat = false } = {}): string {
  return fileUrl(`/api/layers/${layer}.${format}${qs({ district: f.district, ...(f.filters ? apiFilterParams(f.filters) : {}), registers: registersParam(f.registers), format: flat ? 'flat' : null })}`);
}

export type AnalysisId = 'density-by-imd' | 'reach-by-imd' | 'ranked';

/** The numbers behind a chart (GET /api/analysis/{id}, or its CSV), for the charts and their links: the same filters as the layer's downloads. */
export function analysisUrl(id: AnalysisId, format: 'json' | 'csv', params: LayerFilters & { layer?: LayerId; by?: string } = {}): string {
  return fileUrl(`/api/analysis/${id}${format === 'csv' ? '.csv' : ''}${qs({ layer: params.layer, by: params.by, district: params.district, ...(params.filters ? apiFilterParams(params.filters) : {}), registers: registersParam(params.registers) })}`);
}

/** One area, with its groups counted from the same registers as the map (not every register); without a layer, the server finds it. */
export function areaUrl(code: string, layer: LayerId | null, registers?: readonly string[] | null): string {
  // A standalone copy counts every register, the only choice it holds (choosing registers needs the live atlas).
  return `/api/areas/${encodeURIComponent(code)}${qs({ layer, registers: STANDALONE ? null : registersParam(registers) })}`;
}

/** The printable profile of one area, counting the same registers as the map and panel. */
/**
 * @param atlasView - the atlas's own query for the view the profile was opened from (its layer,
 *   registers, colour view, service, district, filters and map position), so "Back to the atlas" returns to it.
 */
export function profileUrl(code: string, layer: LayerId, registers?: readonly string[] | null, atlasView?: string): string {
  const query = atlasView ?? qs({ layer, registers: registersParam(registers) }).replace(/%2C/g, ',');
  // No static server maps /area/{code} to the profile page: a standalone copy opens it by name.
  if (STANDALONE) return standaloneProfilePath(code, query);
  return `/area/${encodeURIComponent(code)}${query && !query.startsWith('?') ? `?${query}` : query}`;
}

/** The layer list is asked for once: the map's first layer and the app both wait on the same answer. */
let layerList: Promise<LayersResponse> | null = null;
const layers = () => {
  layerList ??= getJson<LayersResponse>('/api/layers');
  layerList.catch(() => (layerList = null));
  return layerList;
};

/** A layer as the map needs it: whole GeoJSON, or (drawn from tiles) its attributes with no geometry. */
async function mapLayer(layer: LayerId, registers?: readonly string[] | null): Promise<LayerCollection> {
  const info = (await layers()).layers.find((l) => l.id === layer);
  if (!info || !drawsFromTiles(info)) return getJson<LayerCollection>(layerUrl(layer, 'geojson', { registers }));
  // A standalone copy has every property without geometry (one file per layer), not each trimmed set.
  const trimmed = STANDALONE ? {} : { properties: MAP_PROPERTIES.join(',') };
  const url = `/api/layers/${layer}.geojson${qs({ registers: registersParam(registers), geometry: 'none', ...trimmed })}`;
  return { ...(await getJson<LayerCollection>(url)), tiled: true };
}

/** A tiled layer's summary (GET /api/layers/{id}/summary): what its first map needs instead of every area's attributes. */
const layerSummary = (layer: LayerId, registers?: readonly string[] | null) =>
  getJson<LayerSummary>(`/api/layers/${layer}/summary${qs({ registers: registersParam(registers) })}`);

/** Answers computed per request: a standalone copy has none, and says what needs the live atlas. */
const live = <T>(ask: () => Promise<T>): Promise<T> => (STANDALONE ? Promise.reject(new ApiError(0, 'Needs the live atlas', NEEDS_LIVE_ATLAS)) : ask());

export const api = {
  config: () => getJson<ClientConfig>('/api/config'),
  layers,
  mapLayer,
  layerSummary,
  services: () => getJson<ServicesResponse>('/api/services'),
  layer: (layer: LayerId, registers?: readonly string[] | null) => getJson<LayerCollection>(layerUrl(layer, 'geojson', { registers })),
  area: (code: string, layer: LayerId | null, registers: readonly string[] | null, signal?: AbortSignal) => getJson<AreaDetail>(areaUrl(code, layer, registers), signal),
  areaServices: (code: string, layer: LayerId | null, signal?: AbortSignal) =>
    getJson<ServicesAnswer>(`/api/areas/${encodeURIComponent(code)}/services${qs({ layer })}`, signal),
  parishServices: (name: string) => live(() => getJson<ParishServicesAnswer>(`/api/parishes/services${qs({ name })}`)),
  search: (q: string, signal?: AbortSignal) => (STANDALONE ? standaloneSearch(q) : getJson<SearchResponse>(`/api/search${qs({ q })}`, signal)),
  postcode: (postcode: string) => live(() => getJson<LookupResponse>(`/api/lookup${qs({ postcode })}`)),
  /** One postcode answered at the finest area known (search, the checker). */
  postcodeAnswer: (postcode: string) => live(() => getJson<PostcodeAnswer>(`/api/postcodes/${encodeURIComponent(postcode.trim())}`)),
  /** Up to 10,000 postcodes at once, answered in the order given. */
  postcodes: (postcodes: readonly string[], signal?: AbortSignal) =>
    live(() => getJson<{ count: number; results: PostcodeResult[] }>('/api/postcodes', signal, { method: 'POST', body: JSON.stringify({ postcodes }) })),
  analysis: <T>(url: string, signal?: AbortSignal) => getJson<T>(url, signal),
  /** Your own area's profile: a drawn polygon or chosen areas (client/custom/custom-spec.ts writes the body). */
  customProfile: (body: Record<string, unknown>, signal?: AbortSignal) => getJson<CustomProfileAnswer>('/api/profile', signal, { method: 'POST', body: JSON.stringify(body) }),
  /** The case-study register (issue 5); absent until the registers module is loaded. */
  caseStudies: () => getJson<CaseStudyCollection>('/api/groups.geojson?register=case-studies'),
};
