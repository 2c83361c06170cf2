// Picks the view for the current state, and builds every view's classes once per loaded layer.
import type { AtlasState } from '../../state/url.ts';
import { SERVICE_IDS } from '../../state/ids.ts';
import { hasIndices } from '../../state/layer-catalog.ts';
import type { ClassifiedView, ViewContext } from '../view-types.ts';
import { categoryView } from './category.ts';
import { densityView } from './density.ts';
import { cniView, imdView } from './deprivation.ts';
import { serviceView } from './service.ts';

export function viewFor(state: Pick<AtlasState, 'view' | 'service'>, ctx: ViewContext): ClassifiedView {
  switch (state.view) {
    case 'category':
      return categoryView();
    case 'service':
      return serviceView({ ...ctx, service: state.service });
    case 'density':
      return densityView(ctx);
    case 'imd':
      return imdView();
    case 'cni':
      return cniView(ctx);
  }
}

/** Every view that applies to the layer: the map features carry each one's class id. */
export function allViews(ctx: ViewContext): ClassifiedView[] {
  const views = [categoryView(), ...SERVICE_IDS.map((service) => serviceView({ ...ctx, service })), densityView(ctx)];
  return hasIndices(ctx.layer) ? [...views, imdView(), cniView(ctx)] : views;
}
