import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useSelectionVersion, type Selection } from './selection';

// The "N accounts · M selected" line. It re-renders alone when the view's size arrives or
// the ticks change: re-rendering the whole page (toolbar and grid) for it delayed the
// count by a visible moment on every filter.

export interface TotalStore {
  get(): number | null;
  set(total: number | null): void;
  subscribe(listener: () => void): () => void;
}

export function createTotalStore(): TotalStore {
  let total: number | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => total,
    set(next) {
      if (next === total) return;
      total = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function RowCount({ totals, selection }: { totals: TotalStore; selection: Selection }) {
  const { t } = useTranslation(['accounts', 'common']);
  const total = useSyncExternalStore(totals.subscribe, totals.get);
  useSelectionVersion(selection);
  return (
    // Plain text in Ant Design's secondary colour: the count shows with the first rows, before Ant Design loads.
    <span className="sw-secondary" data-testid="row-count">
      {total === null ? t('common:loading') : t('count', { count: total })}
      {selection.size() > 0 ? ` · ${t('selected', { count: selection.size() })}` : ''}
    </span>
  );
}
