import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { App, Button, Space, Switch, Typography } from 'antd';
import { DollarOutlined } from '@ant-design/icons';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import type { PaymentRow } from '../contract';
import { PaymentDialog } from './PaymentDialog';
import { gridLocale, gridTheme, useLabels, useMoney } from './shared';

/** Payments as received, what each settled, and the credit still unapplied (visible, not netted). */
export function PaymentsTab() {
  const { t } = useLabels();
  const { locale, money } = usePrefs();
  const { modal } = App.useApp();
  const moneyCell = useMoney();
  const [rows, setRows] = useState<PaymentRow[] | null>(null);
  const [creditOnly, setCreditOnly] = useState(false);
  const [dialog, setDialog] = useState<{ paymentId?: string; accountId?: string; credit?: number } | null>(null);
  const reload = useCallback(async () => setRows(await call('receivables:payments', {})), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const cols = useMemo<ColDef<PaymentRow>[]>(
    () => [
      { field: 'paidOn', headerName: t('payment.date'), width: 120, pinned: 'left' },
      { field: 'customer', headerName: t('customer'), width: 240, filter: true },
      { field: 'amount', headerName: t('amount'), valueFormatter: moneyCell, type: 'rightAligned', width: 140 },
      { field: 'allocated', headerName: t('payment.allocated'), valueFormatter: moneyCell, type: 'rightAligned', width: 140 },
      {
        field: 'credit',
        headerName: t('credit'),
        valueFormatter: (p) => (p.value ? money(p.value as number) : ''),
        type: 'rightAligned',
        width: 140,
        cellStyle: (p) => (p.value ? { color: '#9a6700', fontWeight: 600 } : null),
      },
      {
        colId: 'invoices',
        headerName: t('invoiceNo'),
        valueGetter: (p) => p.data?.allocations.map((a) => `${a.invoiceNo} ${money(a.amount)}`).join('; '),
        width: 320,
      },
      { field: 'reference', headerName: t('payment.reference'), width: 150 },
      {
        colId: 'actions',
        headerName: '',
        width: 190,
        sortable: false,
        filter: false,
        cellRenderer: (p: { data?: PaymentRow }) =>
          p.data ? (
            <Space size={4}>
              {p.data.credit > 0 && (
                <Button
                  size="small"
                  onClick={() => setDialog({ paymentId: p.data!.id, accountId: p.data!.accountId, credit: p.data!.credit })}
                  data-testid="apply-credit"
                >
                  {t('payment.applyCredit')}
                </Button>
              )}
              <Button
                size="small"
                danger
                type="text"
                onClick={() =>
                  modal.confirm({
                    title: t('payment.voidConfirm'),
                    onOk: async () => {
                      await call('receivables:voidPayment', { paymentId: p.data!.id });
                      await reload();
                    },
                  })
                }
              >
                {t('payment.void')}
              </Button>
            </Space>
          ) : null,
      },
    ],
    [modal, money, moneyCell, reload, t],
  );
  const shown = creditOnly ? rows?.filter((r) => r.credit > 0) : rows;
  const totalCredit = (rows ?? []).reduce((s, r) => s + r.credit, 0);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, height: '100%' }}>
      <Space>
        <Button type="primary" icon={<DollarOutlined />} onClick={() => setDialog({})} data-testid="payments-new">
          {t('recordPayment')}
        </Button>
        <Switch checked={creditOnly} onChange={setCreditOnly} data-testid="payments-credit-only" />
        <Typography.Text>
          {t('credit')}：<b data-testid="payments-total-credit">{money(totalCredit)}</b>
        </Typography.Text>
      </Space>
      <div style={{ flex: 1, minHeight: 360 }} data-testid="payments-grid">
        <AgGridReact<PaymentRow>
          theme={gridTheme}
          localeText={gridLocale(locale)}
          rowData={shown ?? undefined}
          loading={rows === null}
          columnDefs={cols}
          getRowId={(p) => p.data.id}
          animateRows={false}
        />
      </div>
      <PaymentDialog open={!!dialog} {...(dialog ?? {})} onClose={() => setDialog(null)} onDone={() => void reload()} />
    </div>
  );
}
