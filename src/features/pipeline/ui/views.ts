import { preloadable } from '../../../renderer/components/preloadable';

// The pipeline's tabs with views of their own chunks (with ECharts). The page's entry starts
// the one a route opens on (#/pipeline?tab=review) beside the page, not after it has rendered.
export const pipelineViews = {
  funnel: preloadable(() => import('./FunnelView')),
  review: preloadable(() => import('./ReviewView')),
};

/** The views `#/pipeline?…` opens on. */
export function pipelineViewsOf(params: URLSearchParams): (typeof pipelineViews)[keyof typeof pipelineViews][] {
  const tab = params.get('tab');
  return tab === 'funnel' || tab === 'review' ? [pipelineViews[tab]] : [];
}
