// The shareable view state and its URL form: pure parse and serialise, so any view can be bookmarked.
// Unknown or malformed values fall back to defaults rather than breaking the page. Filters use the
// API's own parameter names (filters.ts); links made with the older page names still open.
import type { LayerId, ServiceId } from '../types.ts';
import { parseFilters, writeFilters } from './filter-params.ts';
import { forLayer, NO_FILTERS, type AreaFilters } from './filters.ts';
import { INDEX_VIEWS, isOneOf, SERVICE_IDS, TAB_IDS, VIEW_IDS, type TabId, type ViewId } from './ids.ts';
import { defaultLayer, hasIndices, indicesLayer, isHistorical, isLayerId } from './layer-catalog.ts';

export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

export interface AtlasState {
  layer: LayerId;
  view: ViewId;
  /** The service shown by the service coverage view. */
  service: ServiceId;
  /** A district code (E07…), or null for the whole county. */
  district: string | null;
  /** The selected area's GSS code in the current layer. */
  area: string | null;
  tab: TabId;
  /** Registers counted for group density; null means all loaded registers. */
  registers: string[] | null;
  /** Whether case-study markers are shown (off unless asked for: they hide small areas and labels). */
  cases: boolean;
  /** The parish asked about in the service checker. */
  parish: string | null;
  /** Map position; null until the map has been moved or when the URL gives none (fit the county). */
  camera: Camera | null;
  /** Filters that combine with the district (issue 11). */
  filters: AreaFilters;
  /** Two to four areas side by side on the Compare tab, each by layer and GSS code. */
  compare: CompareEntry[];
  /** Registers whose groups are drawn as points on the map (none unless asked for). */
  points: string[];
  /** Your own area as client/custom/custom-spec.ts writes it (a drawn ring or chosen areas), or null. */
  custom: string | null;
}

/**
 * One area on the Compare tab. Ward codes repeat between the 2025 and 2013 ward layers, so each
 * entry carries its layer ("wards-2013/E05005479" in the URL). An entry without one (links made
 * before the layer was kept) means the area the API finds first for the code: today's layers first.
 */
export interface CompareEntry {
  code: string;
  layer: LayerId | null;
}

/** The entry's URL form, and its identity in the list: "layer/code", or the code alone. */
export const compareKey = (e: CompareEntry) => (e.layer ? `${e.layer}/${e.code}` : e.code);

/** Whether the entry is this area; a code-only entry stands for the code in today's layers. */
export const isCompared = (e: CompareEntry, code: string, layer: LayerId) => e.code === code && (e.layer === layer || (e.layer === null && !isHistorical(layer)));

function parseCompare(raw: string | null): CompareEntry[] {
  const entries: CompareEntry[] = [];
  for (const item of raw?.split(',') ?? []) {
    const [a, b] = item.trim().split('/');
    const entry = b === undefined ? { code: a, layer: null } : isLayerId(a) ? { code: b, layer: a } : null;
    if (entry && AREA.test(entry.code) && !entries.some((e) => compareKey(e) === compareKey(entry))) entries.push(entry);
  }
  return entries.slice(0, COMPARE_MAX);
}

/** The most areas the Compare tab sets side by side. */
export const COMPARE_MAX = 4;

/** The state of a link with no parameters; its layer is the first the server lists. */
export const defaultState = (): AtlasState => ({
  layer: defaultLayer(), view: 'category', service: 'nw', district: null, area: null,
  tab: 'map', registers: null, cases: false, parish: null, camera: null, filters: NO_FILTERS, compare: [], points: [], custom: null,
});

/**
 * The service the service view shows. It is not `service`, which is the API's filter "areas with this
 * service"; links made before the page used the API's filter names gave it as `service` (see parseState).
 */
const VIEW_SERVICE = 'view_service';

const DISTRICT = /^E0[67]\d{6}$/;
const AREA = /^[EW]\d{8}$/;
const REGISTER = /^[A-Za-z0-9_.-]{1,64}$/;
/** The characters a custom area's URL form uses, and at most 400 points' worth (client/custom/custom-spec.ts reads it). */
const CUSTOM = /^[A-Za-z0-9_.,/-]{1,8000}$/;

function parseCamera(raw: string | null): Camera | null {
  const parts = raw?.split('/').map(Number);
  if (!parts || parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [zoom, lat, lon] = parts;
  if (zoom < 0 || zoom > 22 || lat < -85 || lat > 85 || lon < -180 || lon > 180) return null;
  return { zoom, lat, lon };
}

const round = (n: number, dp: number) => Math.round(n * 10 ** dp) / 10 ** dp;

/** IMD and CNI views need the layer that has those values; the view is the more specific choice, so it wins. */
export function normaliseState(s: AtlasState): AtlasState {
  const next = INDEX_VIEWS.includes(s.view) && !hasIndices(s.layer) ? { ...s, layer: indicesLayer(), area: null } : s;
  const filters = forLayer(next.filters, next.layer);
  return filters === next.filters ? next : { ...next, filters };
}

export function parseState(search: string): AtlasState {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(k)?.trim() || null;
  const layer = get('layer');
  const view = get('view');
  // An older link gave the service view's service as `service` (it always wrote it with view=service).
  const oldLink = view === 'service' && !p.has(VIEW_SERVICE);
  const service = oldLink ? get('service') : get(VIEW_SERVICE);
  const defaults = defaultState();
  const tab = get('tab');
  const registers = get('registers')?.split(',').map((r) => r.trim()).filter((r) => REGISTER.test(r));
  const parish = get('parish');
  const compare = parseCompare(get('compare'));
  return normaliseState({
    layer: isLayerId(layer) ? layer : defaults.layer,
    view: isOneOf(VIEW_IDS, view) ? view : defaults.view,
    service: isOneOf(SERVICE_IDS, service) ? service : defaults.service,
    district: DISTRICT.test(get('district') ?? '') ? get('district') : null,
    area: AREA.test(get('area') ?? '') ? get('area') : null,
    tab: isOneOf(TAB_IDS, tab) ? tab : defaults.tab,
    registers: registers && registers.length ? [...new Set(registers)] : null,
    cases: get('cases') === '1',
    parish: parish && parish.length <= 100 ? parish : null,
    camera: parseCamera(get('at')),
    filters: parseFilters(p, { serviceIsView: oldLink }),
    compare,
    points: [...new Set(get('points')?.split(',').map((r) => r.trim()).filter((r) => REGISTER.test(r)) ?? [])],
    custom: CUSTOM.test(get('custom') ?? '') ? get('custom') : null,
  });
}

/** The query string (without "?") for a state; defaults are left out so shared links stay short. */
export function serialiseState(s: AtlasState): string {
  const p = new URLSearchParams();
  const defaults = defaultState();
  if (s.layer !== defaults.layer) p.set('layer', s.layer);
  if (s.view !== defaults.view) p.set('view', s.view);
  if (s.view === 'service') p.set(VIEW_SERVICE, s.service);
  if (s.district) p.set('district', s.district);
  if (s.area) p.set('area', s.area);
  if (s.tab !== defaults.tab) p.set('tab', s.tab);
  if (s.registers?.length) p.set('registers', s.registers.join(','));
  if (s.cases) p.set('cases', '1');
  if (s.parish) p.set('parish', s.parish);
  writeFilters(s.filters, p);
  if (s.compare.length) p.set('compare', s.compare.map(compareKey).join(','));
  if (s.points.length) p.set('points', s.points.join(','));
  if (s.custom) p.set('custom', s.custom);
  if (s.camera) p.set('at', `${round(s.camera.zoom, 2)}/${round(s.camera.lat, 5)}/${round(s.camera.lon, 5)}`);
  return p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/');
}
