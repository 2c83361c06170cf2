// Service coverage view: for one of the seven services, whether each area can access it in whole,
// in part (hatched) or not at all.
import { NEUTRAL, SERVICE_COLOUR } from '../palettes.ts';
import type { ClassifiedView, ViewContext } from '../view-types.ts';
import type { AreaProps, ServiceId } from '../../types.ts';
import { partText } from './category.ts';

export function serviceText(p: AreaProps, service: ServiceId): string {
  const e = p.service_extent?.[service] ?? null;
  return e === 'whole' ? 'Available' : e === 'part' ? `Available to ${partText(p.service_share?.[service])}` : 'Not available';
}

export function serviceView(ctx: Pick<ViewContext, 'service' | 'services'>): ClassifiedView {
  const info = ctx.services.find((s) => s.id === ctx.service);
  const name = info ? `${info.name} (${info.short_name})` : ctx.service;
  return {
    id: 'service',
    key: `c_service_${ctx.service}`,
    columnTitle: `${info?.short_name ?? ctx.service} coverage`,
    title: `Service coverage: ${name}`,
    description: `Green areas can access ${info?.name ?? ctx.service}; striped areas only in part; grey areas cannot.`,
    classes: [
      { id: 'whole', label: 'Available to the whole area', colour: SERVICE_COLOUR },
      { id: 'part', label: 'Available to part of the area', colour: SERVICE_COLOUR, hatched: true },
      { id: 'none', label: 'Not available', colour: NEUTRAL.unavailable },
    ],
    classify: (p) => p.service_extent?.[ctx.service] ?? 'none',
    valueText: (p) => serviceText(p, ctx.service),
    valueNumber: (p) => {
      const e = p.service_extent?.[ctx.service];
      return e === 'whole' ? 2 : e === 'part' ? 1 : 0;
    },
    notes: [
      ...(info ? [info.description] : []),
      'Stripes: available to part of the residents (the share is in the area panel and table). SCAT everywhere, and RCC CDO where no listing reaches a parish, are inferred from the strategy text, not listed.',
    ],
  };
}
