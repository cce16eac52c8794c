import { preloadable } from '../../../renderer/components/preloadable';

// The pipeline's tabs with views of their own chunks: the funnel and the review (with ECharts)
// and the list (with ag-grid, 0.94 MB that the board and the review do not need). The page's
// entry starts the one a route opens on (#/pipeline?tab=review) beside the page, not after it
// has rendered.
export const pipelineViews = {
  grid: preloadable(() => import('./GridView').then((m) => ({ default: m.GridView }))),
  funnel: preloadable(() => import('./FunnelView')),
  review: preloadable(() => import('./ReviewView')),
};

/** The views `#/pipeline?…` opens on. */
export function pipelineViewsOf(params: URLSearchParams): (typeof pipelineViews)[keyof typeof pipelineViews][] {
  const tab = params.get('tab');
  return tab === 'grid' || tab === 'funnel' || tab === 'review' ? [pipelineViews[tab]] : [];
}
