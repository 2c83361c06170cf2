// The fixed vocabularies the client needs at run time (the server's lists are imported as types
// only), each checked at compile time against the server's own union so they cannot drift apart.
import type { LayerId, ServiceId } from '../types.ts';

export const LAYER_IDS = ['parishes', 'wards', 'lsoas', 'wards-2013'] as const satisfies readonly LayerId[];
export const SERVICE_IDS = ['nw', 'rcc_cdo', 'neigh_man', 'pc', 'faith', 'local_voice', 'scat'] as const satisfies readonly ServiceId[];

type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
// A compile error here means the server gained a layer or service the client does not list.
export const LAYERS_COMPLETE: Complete<LayerId, (typeof LAYER_IDS)[number]> = true;
export const SERVICES_COMPLETE: Complete<ServiceId, (typeof SERVICE_IDS)[number]> = true;

/** What the map colours areas by. */
export const VIEW_IDS = ['category', 'service', 'density', 'imd', 'cni'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** Views whose data exists only on LSOAs (IMD 2025 and the Community Needs Index). */
export const LSOA_ONLY_VIEWS: readonly ViewId[] = ['imd', 'cni'];

export const TAB_IDS = ['map', 'table', 'charts', 'compare', 'checker'] as const;
export type TabId = (typeof TAB_IDS)[number];

export const isOneOf = <T extends string>(list: readonly T[], v: string | null | undefined): v is T => v != null && (list as readonly string[]).includes(v);

/** How the interface names the areas of each layer. */
export const LAYER_WORDS: Record<(typeof LAYER_IDS)[number], { label: string; one: string; many: string }> = {
  parishes: { label: 'Parishes', one: 'parish', many: 'parishes' },
  wards: { label: 'Wards (2025)', one: 'ward', many: 'wards' },
  lsoas: { label: 'LSOAs (2021)', one: 'LSOA', many: 'LSOAs' },
  'wards-2013': { label: 'Wards (2013, historical)', one: '2013 ward', many: '2013 wards' },
};

export const VIEW_LABELS: Record<ViewId, string> = {
  category: 'Appendix One category',
  service: 'Service coverage',
  density: 'Groups per 1,000 people',
  imd: 'Deprivation (IMD 2025)',
  cni: 'Community Needs Index',
};
