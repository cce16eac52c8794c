import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { App, Form, Input, InputNumber, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { yuanToFen } from '../../../shared/money';
import type { CreditRow } from '../contract';
import { gridLocale, gridTheme, IsoDatePicker, useLabels, useMoney } from './shared';

const STATES = ['pending', 'ok', 'problem'] as const;

/** Credit control per customer: limit, review of licence / contract / bank account, and the two warning flags. */
export function CreditTab() {
  const { t } = useLabels();
  const { locale, money, today: bookToday } = usePrefs();
  const moneyCell = useMoney();
  const [rows, setRows] = useState<CreditRow[] | null>(null);
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [editing, setEditing] = useState<CreditRow | null>(null);
  const reload = useCallback(async () => setRows(await call('receivables:credit', { asOf: bookToday() })), [bookToday]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const state = useCallback(
    (v: string) => <Tag color={v === 'ok' ? 'green' : v === 'problem' ? 'red' : 'default'}>{t(`creditUi.states.${v}`)}</Tag>,
    [t],
  );
  const cols = useMemo<ColDef<CreditRow>[]>(
    () => [
      { field: 'customer', headerName: t('customer'), width: 240, pinned: 'left', filter: true, cellClass: 'sw-link' },
      { field: 'outstanding', headerName: t('outstanding'), valueFormatter: moneyCell, type: 'rightAligned', width: 140 },
      {
        field: 'creditLimit',
        headerName: t('creditUi.limit'),
        valueFormatter: (p) => (p.value === null ? '—' : money(p.value as number)),
        type: 'rightAligned',
        width: 140,
      },
      { field: 'maxDaysOverdue', headerName: t('daysOverdue'), type: 'rightAligned', width: 100 },
      {
        colId: 'flags',
        headerName: t('creditUi.flags'),
        width: 260,
        valueGetter: (p) =>
          [p.data?.overLimit && 'overLimit', p.data?.over90 && 'over90', p.data?.reviewIncomplete && 'incomplete']
            .filter(Boolean)
            .join(' '),
        cellRenderer: (p: { data?: CreditRow }) => (
          <Space size={2}>
            {p.data?.overLimit && <Tag color="red">{t('creditUi.overLimit')}</Tag>}
            {p.data?.over90 && <Tag color="volcano">{t('creditUi.over90')}</Tag>}
            {p.data?.reviewIncomplete && <Tag color="gold">{t('creditUi.incomplete')}</Tag>}
          </Space>
        ),
      },
      { field: 'licence', headerName: t('creditUi.licence'), cellRenderer: (p: { value: string }) => state(p.value), width: 110 },
      { field: 'contract', headerName: t('creditUi.contractReview'), cellRenderer: (p: { value: string }) => state(p.value), width: 110 },
      { field: 'bank', headerName: t('creditUi.bank'), cellRenderer: (p: { value: string }) => state(p.value), width: 110 },
      { field: 'reviewedOn', headerName: t('creditUi.reviewedOn'), width: 115 },
      { field: 'note', headerName: t('note'), width: 200 },
    ],
    [money, moneyCell, state, t],
  );
  const shown = flaggedOnly ? rows?.filter((r) => r.overLimit || r.over90) : rows;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, height: '100%' }}>
      <Space>
        <Switch checked={flaggedOnly} onChange={setFlaggedOnly} data-testid="credit-flagged" />
        <Typography.Text>
          {t('creditUi.overLimit')} / {t('creditUi.over90')}
        </Typography.Text>
      </Space>
      <div style={{ flex: 1, minHeight: 360 }} data-testid="credit-grid">
        <AgGridReact<CreditRow>
          theme={gridTheme}
          localeText={gridLocale(locale)}
          rowData={shown ?? undefined}
          loading={rows === null}
          columnDefs={cols}
          getRowId={(p) => p.data.accountId}
          animateRows={false}
          onCellClicked={(e) => e.column.getColId() === 'customer' && e.data && setEditing(e.data)}
        />
      </div>
      {editing && <CreditDialog row={editing} onClose={() => setEditing(null)} onSaved={() => void reload()} />}
    </div>
  );
}

function CreditDialog({ row, onClose, onSaved }: { row: CreditRow; onClose(): void; onSaved(): void }) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ creditLimit: number | null; licence: string; contract: string; bank: string; note?: string }>();
  const [reviewedOn, setReviewedOn] = useState<string | null>(row.reviewedOn);
  const options = STATES.map((s) => ({ value: s, label: t(`creditUi.states.${s}`) }));
  return (
    <Modal
      open
      title={`${t('creditUi.edit')} · ${row.customer}`}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: 'rcv-credit' }}
      destroyOnHidden
    >
      <Form
        id="rcv-credit"
        form={form}
        layout="vertical"
        initialValues={{
          creditLimit: row.creditLimit === null ? null : row.creditLimit / 100,
          licence: row.licence,
          contract: row.contract,
          bank: row.bank,
          note: row.note ?? '',
        }}
        onFinish={async (v) => {
          try {
            await call('receivables:saveCredit', {
              accountId: row.accountId,
              creditLimit: v.creditLimit === null || v.creditLimit === undefined ? null : yuanToFen(v.creditLimit),
              licence: v.licence as CreditRow['licence'],
              contract: v.contract as CreditRow['contract'],
              bank: v.bank as CreditRow['bank'],
              reviewedOn,
              note: v.note || null,
            });
            onSaved();
            onClose();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Form.Item name="creditLimit" label={`${t('creditUi.limit')} (¥)`}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Space>
          <Form.Item name="licence" label={t('creditUi.licence')}>
            <Select style={{ width: 120 }} options={options} />
          </Form.Item>
          <Form.Item name="contract" label={t('creditUi.contractReview')}>
            <Select style={{ width: 120 }} options={options} />
          </Form.Item>
          <Form.Item name="bank" label={t('creditUi.bank')}>
            <Select style={{ width: 120 }} options={options} />
          </Form.Item>
        </Space>
        <Form.Item label={t('creditUi.reviewedOn')}>
          <IsoDatePicker allowClear value={reviewedOn} onChange={setReviewedOn} />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
