import { preloadable } from '../../../renderer/components/preloadable';

// The Reports tab with a chunk of its own: the quotas grid (with ag-grid, 0.94 MB that the
// Monday overview and the forecast do not need). The page's entry starts it beside the page
// when a route opens on it (#/reports?tab=quotas), not after the page has rendered.
export const reportsViews = {
  quotas: preloadable(() => import('./QuotasTab').then((m) => ({ default: m.QuotasTab }))),
};

/** The views `#/reports?…` opens on. */
export function reportsViewsOf(params: URLSearchParams): (typeof reportsViews)[keyof typeof reportsViews][] {
  return params.get('tab') === 'quotas' ? [reportsViews.quotas] : [];
}
