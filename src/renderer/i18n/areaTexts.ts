import type { Locale } from './common';

// Each lazily loaded area's texts (both languages), apart from i18next: the page's entry
// (../app/areaPages) starts the opening area's texts at once, beside the shell and the
// page's code, instead of after the shell (which holds i18next) has loaded and run.
// ./index adds them to i18next with the same download.

export type Messages = Record<Locale, object>;

const importers = {
  pipeline: () => import('../../features/pipeline/ui/messages').then((m) => m.pipelineMessages),
  training: () => import('../../features/training/ui/messages').then((m) => m.trainingMessages),
  negotiation: () => import('../../features/negotiation/ui/messages').then((m) => m.negotiationMessages),
  receivables: () => import('../../features/receivables/ui/messages').then((m) => m.receivablesMessages),
  pareto: () => import('../../features/pareto/ui/messages').then((m) => m.paretoMessages),
  reports: () => import('../../features/reports/ui/messages').then((m) => m.reportsMessages),
  org: () => import('../../features/org/ui/messages').then((m) => m.orgMessages),
  team: () => import('../../features/team/ui/messages').then((m) => m.teamMessages),
} satisfies Record<string, () => Promise<Messages>>;
export type LazyNamespace = keyof typeof importers;

const started = new Map<LazyNamespace, Promise<Messages>>();
/** The area's texts, downloaded once. */
export function fetchTexts(ns: LazyNamespace): Promise<Messages> {
  let p = started.get(ns);
  if (!p) {
    p = importers[ns]();
    started.set(ns, p);
  }
  return p;
}
