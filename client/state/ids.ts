// The fixed vocabularies of the page itself (views, tabs) and the services, checked at compile time
// against the server's own union. Layers are not listed here: they come from /api/layers (layer-catalog.ts).
import type { ServiceId } from '../types.ts';

export const SERVICE_IDS = ['nw', 'rcc_cdo', 'neigh_man', 'pc', 'faith', 'local_voice', 'scat'] as const satisfies readonly ServiceId[];

type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
// A compile error here means the server gained a service the client does not list.
export const SERVICES_COMPLETE: Complete<ServiceId, (typeof SERVICE_IDS)[number]> = true;

/** What the map colours areas by. */
export const VIEW_IDS = ['category', 'service', 'density', 'imd', 'cni'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** Views whose data exists only on the layer with IMD 2025 and Community Needs Index values (layer-catalog.ts hasIndices). */
export const INDEX_VIEWS: readonly ViewId[] = ['imd', 'cni'];

export const TAB_IDS = ['map', 'table', 'charts', 'compare', 'checker'] as const;
export type TabId = (typeof TAB_IDS)[number];

export const isOneOf = <T extends string>(list: readonly T[], v: string | null | undefined): v is T => v != null && (list as readonly string[]).includes(v);

export const VIEW_LABELS: Record<ViewId, string> = {
  category: 'Appendix One category',
  service: 'Service coverage',
  density: 'Groups per 1,000 people',
  imd: 'Deprivation (IMD 2025)',
  cni: 'Community Needs Index',
};
