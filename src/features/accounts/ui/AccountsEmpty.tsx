import { Suspense, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmptyAction } from '../../../renderer/components/EmptyState';
import type { TotalStore } from './RowCount';

import { antdIsland } from '../../../renderer/components/antdIsland';

// Loaded only for an empty book, after the grid's first answer (renderer/components/firstScreen.ts):
// its card is not part of the grid's first download.
const EmptyState = antdIsland(() => import('../../../renderer/components/EmptyState').then((m) => m.EmptyState), {
  afterFirstScreen: true,
});

/** Shown while the book has no accounts at all (not when a filter or search finds none). */
export function AccountsEmpty({ totals, narrowed, actions }: { totals: TotalStore; narrowed(): boolean; actions: EmptyAction[] }) {
  const { t } = useTranslation('accounts');
  const total = useSyncExternalStore(totals.subscribe, totals.get);
  if (total !== 0 || narrowed()) return null;
  return (
    <Suspense fallback={null}>
      <EmptyState testId="accounts-empty" title={t('empty.title')} body={t('empty.body')} actions={actions} />
    </Suspense>
  );
}
