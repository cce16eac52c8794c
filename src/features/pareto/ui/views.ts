import { preloadable } from '../../../renderer/components/preloadable';

// The Pareto tabs with a chunk of their own: the visit plan (with its date picker, 0.1 MB) and
// the scorecard, which the analysis the screen opens on does not need. The page's entry
// starts one beside the page when a route opens on it (#/pareto?tab=plan, a Reports tile).
export const paretoViews = {
  plan: preloadable(() => import('./VisitPlanTab').then((m) => ({ default: m.VisitPlanTab }))),
  scorecard: preloadable(() => import('./ScorecardTab').then((m) => ({ default: m.ScorecardTab }))),
};

/** The views `#/pareto?…` opens on. */
export function paretoViewsOf(params: URLSearchParams): (typeof paretoViews)[keyof typeof paretoViews][] {
  const tab = params.get('tab');
  return tab === 'plan' ? [paretoViews.plan] : tab === 'scorecard' ? [paretoViews.scorecard] : [];
}
