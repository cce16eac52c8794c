import type { ComponentType } from 'react';
import { fetchTexts, type LazyNamespace } from '../i18n/areaTexts';
import { preloadable, type Preloadable } from '../components/preloadable';
import { paretoViewsOf } from '../../features/pareto/ui/views';
import { pipelineViewsOf } from '../../features/pipeline/ui/views';
import { reportsViewsOf } from '../../features/reports/ui/views';

// Each area's page code (its own chunk) with its texts. Kept free of React and Ant Design so
// the page's entry can import it: the entry starts the opening area's code at once, beside
// the shell, instead of after the shell has rendered (./areas renders the same modules).

type PageModule = { default: ComponentType };

/**
 * The area's texts (both languages) into i18next, beside its code; the accounts texts are
 * bundled. Their download starts now, not once the shell (which holds i18next) has run: a
 * page that waits on its texts past the shell's first render is shown late (see areaPage).
 */
const texts = (namespaces: LazyNamespace[]) =>
  Promise.all([import('../i18n'), Promise.all(namespaces.map(fetchTexts))]).then(([i18n, loaded]) =>
    loaded.forEach((m, i) => i18n.addTexts(namespaces[i]!, m)),
  );
/**
 * The page with its texts, inside its own Ant Design scope (withAntdScope): every area but the
 * accounts screen, whose grid shows before Ant Design loads and which scopes the parts around
 * it itself (components/firstScreen.ts).
 */
const withTexts = (page: Promise<PageModule>, texts: Promise<void>) =>
  Promise.all([page, texts, import('../components/AntdScope')]).then(([m, , scope]) => ({ default: scope.withAntdScope(m.default) }));

/**
 * The lazily loaded texts each area's code uses: its own, and another area's where it shows
 * that area's words (the reports' overdue list names the receivables' collection rungs).
 * test/unit/areaTexts.test.ts checks every namespace an area's modules use is listed.
 */
export const AREA_TEXTS: Record<string, LazyNamespace[]> = {
  accounts: [], // bundled with the shell: the screen most sessions open on
  pareto: ['pareto'],
  pipeline: ['pipeline'],
  negotiation: ['negotiation'],
  training: ['training'],
  receivables: ['receivables'],
  reports: ['reports', 'receivables'],
  settings: ['org', 'team', 'pipeline'],
};

const loaders: Record<string, () => Promise<PageModule>> = {
  accounts: () => import('../../features/accounts/ui/AccountsPage'),
  pareto: () => withTexts(import('../../features/pareto/ui/ParetoPage'), texts(AREA_TEXTS.pareto!)),
  pipeline: () => withTexts(import('../../features/pipeline/ui/PipelinePage'), texts(AREA_TEXTS.pipeline!)),
  negotiation: () => withTexts(import('../../features/negotiation/ui/NegotiationPage'), texts(AREA_TEXTS.negotiation!)),
  training: () => withTexts(import('../../features/training/ui/TrainingPage'), texts(AREA_TEXTS.training!)),
  receivables: () => withTexts(import('../../features/receivables/ui/ReceivablesPage'), texts(AREA_TEXTS.receivables!)),
  reports: () => withTexts(import('../../features/reports/ui/ReportsPage'), texts(AREA_TEXTS.reports!)),
  settings: () => withTexts(import('./SettingsPage'), texts(AREA_TEXTS.settings!)),
};

const pages = new Map<string, Preloadable<PageModule>>();
function pageOf(key: string): Preloadable<PageModule> | undefined {
  const load = loaders[key];
  if (load && !pages.has(key)) pages.set(key, preloadable(load));
  return pages.get(key);
}

/** Views inside a page that a route opens on (a tab's own chunk): started with the page. */
const viewsOfRoute: Record<string, (params: URLSearchParams) => Preloadable<unknown>[]> = {
  pareto: paretoViewsOf,
  pipeline: pipelineViewsOf,
  reports: reportsViewsOf,
};

/** Starts loading an area's page (once), and the views its route opens on; an unknown key loads nothing. */
export function startAreaPage(key: string, params: URLSearchParams = new URLSearchParams()): void {
  void areaPageSettled(key, params);
}

/**
 * Resolves when the area's page and the views its route opens on have loaded (or failed to),
 * starting them if need be. The shell's first render waits for it: rendered before, the
 * page suspends, and React holds it back for up to 300 ms after showing the fallback
 * (measured: Pareto's chart asked for its data ~300 ms late, its code having arrived just
 * after the shell's first render).
 */
export function areaPageSettled(key: string, params: URLSearchParams = new URLSearchParams()): Promise<void> {
  const parts = [pageOf(key), ...(viewsOfRoute[key]?.(params) ?? [])].filter((p) => p !== undefined);
  return Promise.all(parts.map((p) => p.settled())).then(() => {});
}

/** The area's page module for React.lazy (without a second wait when the entry started it). */
export function areaPage(key: string): Promise<PageModule> {
  return pageOf(key)!.lazy();
}
