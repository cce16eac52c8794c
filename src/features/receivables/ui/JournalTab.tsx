import { useEffect, useState } from 'react';
import { App, Button, Card, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { call, files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { addDays } from '../../../shared/dates';
import type { Journal } from '../contract';
import type { JobRun } from '../../../renderer/components/useJobRunner';
import { IsoDatePicker, useLabels } from './shared';

/** Last day of the month before `date`: the usual previous month-end. */
function previousMonthEnd(date: string): string {
  return addDays(`${date.slice(0, 7)}-01`, -1);
}

/** The provision at one as-of date against the previous one, as journal lines finance posts. */
export function JournalTab({ run }: { run: JobRun }) {
  const { t } = useLabels();
  const { money, today: bookToday } = usePrefs();
  const { message } = App.useApp();
  const [to, setTo] = useState(bookToday());
  const [from, setFrom] = useState(previousMonthEnd(bookToday()));
  const [j, setJ] = useState<Journal | null>(null);
  useEffect(() => {
    setJ(null);
    call('receivables:journal', { from, to }).then(setJ, (err: Error) => message.error(err.message));
  }, [from, to, message]);

  const exportJournal = async () => {
    const ref = await files.pickSave(`provision-journal-${from}-${to}.xlsx`);
    if (!ref) return;
    await run('receivables:exportJournal', { file: ref.token, from, to }, t('journal.export'));
    await files.delivered(ref);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('journal.from')}</Typography.Text>
        <IsoDatePicker value={from} onChange={(v) => v && setFrom(v)} testId="journal-from" />
        <Typography.Text>{t('journal.to')}</Typography.Text>
        <IsoDatePicker value={to} onChange={(v) => v && setTo(v)} testId="journal-to" />
        <Button icon={<DownloadOutlined />} onClick={() => void exportJournal()} disabled={!j} data-testid="journal-export">{t('journal.export')}</Button>
      </Space>
      <Typography.Text type="secondary">{t('journal.explain')}</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
        <Card size="small" title={t('journal.lines')}>
          <Table
            size="small"
            rowKey={(l) => `${l.accountId}-${l.ledger}`}
            loading={!j}
            dataSource={j?.lines ?? []}
            pagination={{ pageSize: 16 }}
            data-testid="journal-lines"
            columns={[
              { dataIndex: 'customer', title: t('customer') },
              { dataIndex: 'ledger', title: t('journal.ledger'), render: (v: string) => t(`journal.${v}`) },
              { dataIndex: 'debit', title: t('journal.debit'), align: 'right', render: (v: number) => (v ? money(v) : '') },
              { dataIndex: 'credit', title: t('journal.credit'), align: 'right', render: (v: number) => (v ? money(v) : '') },
            ]}
          />
        </Card>
        <Card size="small" title={t('journal.movements')}>
          <Table
            size="small"
            rowKey="accountId"
            loading={!j}
            dataSource={j?.movements ?? []}
            pagination={{ pageSize: 16 }}
            data-testid="journal-movements"
            summary={() =>
              j ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><b>{t('total')}</b></Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{money(j.totals.previous)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{money(j.totals.current)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right"><b data-testid="journal-adjustment">{money(j.totals.adjustment)}</b></Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
            columns={[
              { dataIndex: 'customer', title: t('customer') },
              { dataIndex: 'previous', title: t('journal.previous'), align: 'right', render: (v: number) => money(v) },
              { dataIndex: 'current', title: t('journal.current'), align: 'right', render: (v: number) => money(v) },
              { dataIndex: 'adjustment', title: t('journal.adjustment'), align: 'right', render: (v: number) => <span style={{ color: v < 0 ? '#1a7f37' : undefined }}>{money(v)}</span> },
            ]}
          />
        </Card>
      </div>
    </Space>
  );
}
