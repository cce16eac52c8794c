import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, type EmptyAction } from '../../../renderer/components/EmptyState';
import type { TotalStore } from './RowCount';

/** Shown while the book has no accounts at all (not when a filter or search finds none). */
export function AccountsEmpty({ totals, narrowed, actions }: { totals: TotalStore; narrowed(): boolean; actions: EmptyAction[] }) {
  const { t } = useTranslation('accounts');
  const total = useSyncExternalStore(totals.subscribe, totals.get);
  if (total !== 0 || narrowed()) return null;
  return <EmptyState testId="accounts-empty" title={t('empty.title')} body={t('empty.body')} actions={actions} />;
}
