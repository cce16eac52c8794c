import type { OverviewSources } from '../features/reports/server/overview';
import { buildReviewFromDb, commitmentItem } from '../features/pipeline/server/reviewService';
import { activeStages } from '../features/pipeline/server/stagesRepo';
import { visitPlanOf } from '../features/pareto/server/handlers';
import { analyze } from '../features/pareto/server/analysis';
import { getParetoSettings } from '../features/pareto/server/repo';
import { worklist } from '../features/receivables/server/collections';
import { readPolicies } from '../features/receivables/server/policy';

// Cross-feature composition lives here, in the composition root: the reports overview (the
// Monday screen and the meeting pack) combines the pipeline review, the Pareto visit plan and
// composition and the receivables worklist, and gets each as the function that feature's own
// channel runs, so the overview and the feature's screen cannot disagree.
export const overviewSources: OverviewSources = {
  review: buildReviewFromDb,
  commitment: commitmentItem,
  stages: activeStages,
  paretoSettings: getParetoSettings,
  visitPlan: visitPlanOf,
  composition: (db, scope) => {
    const settings = getParetoSettings(db);
    return analyze(db, { measure: settings.measure, territoryId: scope.territoryId, ownerId: scope.ownerId }, settings, 1).composition;
  },
  overdue: (db, asOf) => worklist(db, asOf, readPolicies(db, asOf)),
};
