import { useState } from 'react';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate, useHashRoute } from '../../../renderer/app/useHashRoute';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { AgingTab } from './AgingTab';
import { InvoicesTab } from './InvoicesTab';
import { PaymentsTab } from './PaymentsTab';
import { ContractsTab } from './ContractsTab';
import { CollectionsTab } from './CollectionsTab';
import { NoticeView } from './NoticeView';
import { JournalTab } from './JournalTab';
import { CreditTab } from './CreditTab';
import { ReceivablesEmpty } from './ReceivablesEmpty';

const TABS = ['aging', 'invoices', 'payments', 'contracts', 'collections', 'journal', 'credit'] as const;

/** Receivables: one area, a tab per job (docs/en/receivables.md). The tab is in the URL: #/receivables?tab=collections. */
export default function ReceivablesPage() {
  const { t } = useTranslation('receivables');
  const route = useHashRoute();
  const jobs = useJobRunner();
  // Bumped when the empty state imported or added something: the tab below loads afresh.
  const [generation, setGeneration] = useState(0);
  const notice = route.params.get('notice');
  if (notice) return <NoticeView accountId={notice} asOf={route.params.get('asOf') ?? ''} />;
  const tab = (TABS as readonly string[]).includes(route.params.get('tab') ?? '') ? route.params.get('tab')! : 'aging';
  const body = (key: string) => {
    switch (key) {
      case 'aging':
        return <AgingTab run={jobs.run} />;
      case 'invoices':
        return <InvoicesTab run={jobs.run} />;
      case 'payments':
        return <PaymentsTab />;
      case 'contracts':
        return <ContractsTab />;
      case 'collections':
        return <CollectionsTab />;
      case 'journal':
        return <JournalTab run={jobs.run} />;
      default:
        return <CreditTab />;
    }
  };
  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate('receivables', { tab: k })}
        items={TABS.map((k) => ({ key: k, label: <span data-testid={`rcv-tab-${k}`}>{t(`tabs.${k}`)}</span> }))}
        style={{ marginBottom: 0 }}
        destroyOnHidden
      />
      {/* Sibling keys must differ: with the same key React kept the old empty state after an import. */}
      <ReceivablesEmpty key={`empty-${generation}`} run={jobs.run} onChanged={() => setGeneration((g) => g + 1)} />
      <div style={{ flex: 1, minHeight: 0 }} key={`tab-${generation}`}>
        {body(tab)}
      </div>
      {jobs.element}
    </div>
  );
}
