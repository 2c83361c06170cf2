// Small, hand-made area records for client unit tests, shaped like /api/layers/{id}.geojson properties.
import type { AreaProps, ServiceInfo } from '../../client/types.ts';
import { DENSITY_REFERENCES } from '../../server/domain/density.ts';

const NONE = { nw: null, rcc_cdo: null, neigh_man: null, pc: null, faith: null, local_voice: null, scat: null } as const;

export function area(over: Partial<AreaProps> & { code: string }): AreaProps {
  const service_extent = { ...NONE, ...over.service_extent };
  return {
    name: over.code,
    layer: 'parishes',
    district_code: 'E07000131',
    district_name: 'Harborough',
    category: null,
    category_extent: null,
    designations: [],
    population: 1000,
    groups: 0,
    groups_per_1000: 0,
    ...over,
    service_extent,
    services: Object.fromEntries(Object.entries(service_extent).map(([k, v]) => [k, v !== null])) as AreaProps['services'],
  };
}

export const SERVICES: ServiceInfo[] = [
  { id: 'nw', short_name: 'NW', name: 'Neighbourhood Workers', key_text: null, description: 'Workers.' },
  { id: 'rcc_cdo', short_name: 'RCC CDO', name: 'Rural Community Council Community Development Officers', key_text: null, description: 'Officers.' },
  { id: 'neigh_man', short_name: 'Neigh Man.', name: 'Neighbourhood Management', key_text: null, description: 'Management.' },
  { id: 'pc', short_name: 'PC', name: 'Parish Councils', key_text: null, description: 'Councils.' },
  { id: 'faith', short_name: 'Faith', name: 'Faith organisations', key_text: null, description: 'Faith.' },
  { id: 'local_voice', short_name: 'Local Voice', name: 'Local Voice', key_text: null, description: 'Voice.' },
  { id: 'scat', short_name: 'SCAT', name: 'Social Capital Awareness Training', key_text: null, description: 'Training.' },
];

/** The seed's reference figures, as the API serves them from the domain module. */
export const REFERENCES = [...DENSITY_REFERENCES];
