import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { EmptyState, useBookContents } from '../../../renderer/components/EmptyState';
import { NewInvoiceDialog } from './InvoicesTab';
import type { JobRun } from '../../../renderer/components/useJobRunner';
import { ImportButton, useLabels } from './shared';

/** Above every receivables tab while the book has no invoice: import them, or add the first. */
export function ReceivablesEmpty({ run, onChanged }: { run: JobRun; onChanged(): void }) {
  const { t } = useLabels();
  const contents = useBookContents();
  const [newOpen, setNewOpen] = useState(false);
  if (!contents || contents.invoices) return null;
  return (
    <>
      <EmptyState
        testId="receivables-empty"
        title={t('empty.title')}
        body={t('empty.body')}
        actions={[{ key: 'add', label: t('newInvoice'), icon: <PlusOutlined />, onClick: () => setNewOpen(true) }]}
        extra={
          <>
            <ImportButton
              channel="receivables:importInvoices"
              label={t('importInvoices')}
              testId="empty-import-invoices"
              onDone={onChanged}
              run={run}
            />
            <ImportButton
              channel="receivables:importPayments"
              label={t('importPayments')}
              testId="empty-import-payments"
              onDone={onChanged}
              run={run}
            />
          </>
        }
      />
      <NewInvoiceDialog open={newOpen} onClose={() => setNewOpen(false)} onCreated={onChanged} />
    </>
  );
}
