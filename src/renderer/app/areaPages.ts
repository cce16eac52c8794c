import type { ComponentType } from 'react';
import type { LazyNamespace } from '../i18n';

// Each area's page code (its own chunk) with its texts. Kept free of React and Ant Design so
// the page's entry can import it: the entry starts the opening area's code at once, beside
// the shell, instead of after the shell has rendered (./areas renders the same modules).

type PageModule = { default: ComponentType };

/** The area's texts (both languages) into i18next, beside its code; the accounts texts are bundled. */
const texts = (...namespaces: LazyNamespace[]) => import('../i18n').then((m) => m.loadNamespaces(...namespaces));
const withTexts = (page: Promise<PageModule>, texts: Promise<void>) => Promise.all([page, texts]).then(([m]) => m);

const loaders: Record<string, () => Promise<PageModule>> = {
  accounts: () => import('../../features/accounts/ui/AccountsPage'),
  pareto: () => withTexts(import('../../features/pareto/ui/ParetoPage'), texts('pareto')),
  pipeline: () => withTexts(import('../../features/pipeline/ui/PipelinePage'), texts('pipeline')),
  negotiation: () => withTexts(import('../../features/negotiation/ui/NegotiationPage'), texts('negotiation')),
  training: () => withTexts(import('../../features/training/ui/TrainingPage'), texts('training')),
  receivables: () => withTexts(import('../../features/receivables/ui/ReceivablesPage'), texts('receivables')),
  reports: () => withTexts(import('../../features/reports/ui/ReportsPage'), texts('reports')),
  settings: () => withTexts(import('./SettingsPage'), texts('org', 'team', 'pipeline')),
};

interface Loading {
  promise: Promise<PageModule>;
  /** Set once the module is there. */
  module?: PageModule;
}
const loading = new Map<string, Loading>();

/** Starts loading an area's page (once); an unknown key loads nothing. */
export function startAreaPage(key: string): void {
  const load = loaders[key];
  if (!load || loading.has(key)) return;
  const entry: Loading = { promise: load() };
  entry.promise.then(
    (m) => (entry.module = m),
    () => {},
  );
  loading.set(key, entry);
}

/**
 * The page module for React.lazy. When it has already arrived (the entry started it), the
 * answer is given at once, so the page renders in the shell's first pass: with a promise,
 * even a settled one, React.lazy suspends, and React then holds the revealed page back for
 * up to 300 ms after the fallback was shown (its Suspense throttle). Measured on the
 * accounts screen's cold start, that wait was about 200 ms of idle time before the grid
 * could ask for its rows.
 */
export function areaPage(key: string): Promise<PageModule> {
  startAreaPage(key);
  const entry = loading.get(key)!;
  const immediate = {
    then(ok: (m: PageModule) => unknown, fail?: (err: unknown) => unknown) {
      if (entry.module) ok(entry.module);
      else void entry.promise.then(ok, fail);
    },
  };
  // React.lazy only calls then(ok, fail) on what the loader returns.
  return immediate as unknown as Promise<PageModule>;
}
