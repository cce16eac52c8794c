import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { App, Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { DollarOutlined, PlusOutlined } from '@ant-design/icons';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { addDays } from '../../../shared/dates';
import { yuanToFen } from '../../../shared/money';
import type { InvoiceRow } from '../contract';
import { PaymentDialog } from './PaymentDialog';
import type { JobRun } from '../../../renderer/components/useJobRunner';
import { gridLocale, gridTheme, ImportButton, IsoDatePicker, useLabels, useMoney } from './shared';
import { AccountPicker } from '../../../renderer/components/AccountPicker';

export function InvoicesTab({ run }: { run: JobRun }) {
  const { t } = useLabels();
  const { locale } = usePrefs();
  const moneyCell = useMoney();
  const [accountId, setAccountId] = useState<string | undefined>();
  const [rows, setRows] = useState<InvoiceRow[] | null>(null);
  const [quick, setQuick] = useState('');
  const [pay, setPay] = useState<{ accountId?: string; invoiceId?: string } | null>(null);
  const [newOpen, setNewOpen] = useState(false);

  const reload = useCallback(async () => setRows(await call('receivables:invoices', accountId ? { accountId } : {})), [accountId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const cols = useMemo<ColDef<InvoiceRow>[]>(
    () => [
      {
        colId: 'pay',
        headerName: '',
        width: 56,
        pinned: 'left',
        sortable: false,
        filter: false,
        cellRenderer: (p: { data?: InvoiceRow }) =>
          p.data && p.data.outstanding > 0 ? (
            <Button
              size="small"
              type="text"
              icon={<DollarOutlined />}
              aria-label={t('recordPayment')}
              data-testid="invoice-pay"
              onClick={() => setPay({ accountId: p.data!.accountId, invoiceId: p.data!.id })}
            />
          ) : null,
      },
      { field: 'invoiceNo', headerName: t('invoiceNo'), width: 150, pinned: 'left', filter: true },
      { field: 'customer', headerName: t('customer'), width: 230, filter: true },
      { field: 'contractNo', headerName: t('contractNo'), width: 140, filter: true },
      { field: 'milestone', headerName: t('contract.label'), width: 170 },
      { field: 'invoiceDate', headerName: t('invoiceDate'), width: 115 },
      { field: 'dueDate', headerName: t('dueDate'), width: 115 },
      { field: 'amount', headerName: t('amount'), valueFormatter: moneyCell, type: 'rightAligned', width: 140 },
      { field: 'paid', headerName: t('paid'), valueFormatter: moneyCell, type: 'rightAligned', width: 140 },
      { field: 'outstanding', headerName: t('outstanding'), valueFormatter: moneyCell, type: 'rightAligned', width: 140 },
      { field: 'note', headerName: t('note'), width: 200 },
    ],
    [moneyCell, t],
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, height: '100%' }}>
      <Space wrap>
        <AccountPicker
          allowClear
          placeholder={t('customer')}
          style={{ width: 260 }}
          value={accountId}
          onChange={(v) => setAccountId(v)}
          testId="invoices-customer"
        />
        <Input.Search allowClear style={{ width: 220 }} value={quick} onChange={(e) => setQuick(e.target.value)} />
        <Button icon={<PlusOutlined />} onClick={() => setNewOpen(true)} data-testid="invoice-new">
          {t('newInvoice')}
        </Button>
        <Button type="primary" icon={<DollarOutlined />} onClick={() => setPay({ accountId })} data-testid="payment-new">
          {t('recordPayment')}
        </Button>
        <ImportButton
          channel="receivables:importInvoices"
          label={t('importInvoices')}
          testId="import-invoices"
          onDone={() => void reload()}
          run={run}
        />
        <ImportButton
          channel="receivables:importPayments"
          label={t('importPayments')}
          testId="import-payments"
          onDone={() => void reload()}
          run={run}
        />
      </Space>
      <div style={{ flex: 1, minHeight: 360 }} data-testid="invoices-grid">
        <AgGridReact<InvoiceRow>
          theme={gridTheme}
          localeText={gridLocale(locale)}
          rowData={rows ?? undefined}
          loading={rows === null}
          columnDefs={cols}
          quickFilterText={quick}
          getRowId={(p) => p.data.id}
          animateRows={false}
        />
      </div>
      <PaymentDialog
        open={!!pay}
        accountId={pay?.accountId}
        invoiceId={pay?.invoiceId}
        onClose={() => setPay(null)}
        onDone={() => void reload()}
      />
      <NewInvoiceDialog open={newOpen} onClose={() => setNewOpen(false)} onCreated={() => void reload()} />
    </div>
  );
}

export function NewInvoiceDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accountId: string; invoiceNo: string; contractNo?: string; amount: number; note?: string }>();
  const bookToday = usePrefs().today;
  const [dates, setDates] = useState(() => ({ invoiceDate: bookToday(), dueDate: addDays(bookToday(), 30) }));
  return (
    <Modal
      open={open}
      title={t('newInvoice')}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: 'rcv-new-invoice' }}
      destroyOnHidden
    >
      <Form
        id="rcv-new-invoice"
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await call('receivables:createInvoice', {
              ...v,
              ...dates,
              amount: yuanToFen(v.amount) ?? 0,
              contractNo: v.contractNo || null,
              note: v.note || null,
            });
            onCreated();
            onClose();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Form.Item name="accountId" label={t('customer')} rules={[{ required: true }]}>
          <AccountPicker testId="new-invoice-customer" />
        </Form.Item>
        <Form.Item name="invoiceNo" label={t('invoiceNo')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="new-invoice-no" />
        </Form.Item>
        <Form.Item name="contractNo" label={t('contractNo')}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item label={t('invoiceDate')}>
            <IsoDatePicker value={dates.invoiceDate} onChange={(v) => v && setDates((d) => ({ ...d, invoiceDate: v }))} />
          </Form.Item>
          <Form.Item label={t('dueDate')}>
            <IsoDatePicker value={dates.dueDate} onChange={(v) => v && setDates((d) => ({ ...d, dueDate: v }))} />
          </Form.Item>
        </Space>
        <Form.Item name="amount" label={`${t('amount')} (¥)`} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="new-invoice-amount" />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
