import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellClickedEvent, ColDef } from 'ag-grid-community';
import { App, Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { call, files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { EChart, type EChartsOption } from '../../../renderer/components/EChart';
import type { Aging, AgingLineRow, CustomerAgingRow } from '../contract';
import { RatesDialog } from './RatesDialog';
import { gridLocale, gridTheme, ImportButton, IsoDatePicker, pct, useLabels, useMoney } from './shared';
import type { JobRun } from '../../../renderer/components/useJobRunner';
import { axisYuan } from '../../../shared/money';

interface Drill {
  accountId?: string;
  customer?: string;
  bucket?: number;
}

type TotalsRow = Pick<CustomerAgingRow, 'customer' | 'byBucket' | 'total' | 'provision' | 'credit'>;

export function AgingTab({ run }: { run: JobRun }) {
  const { t, bucket: bucketName, rung } = useLabels();
  const { locale, money, today: bookToday } = usePrefs();
  const { message } = App.useApp();
  const moneyCell = useMoney();
  const [asOf, setAsOf] = useState(bookToday());
  const [aging, setAging] = useState<Aging | null>(null);
  const [lines, setLines] = useState<AgingLineRow[] | null>(null);
  const [view, setView] = useState<'customers' | 'invoices'>('customers');
  const [drill, setDrill] = useState<Drill>({});
  const [ratesOpen, setRatesOpen] = useState(false);

  const reload = useCallback(async () => {
    setAging(await call('receivables:aging', { asOf }));
  }, [asOf]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    if (view !== 'invoices') return;
    setLines(null);
    void call('receivables:agingDetail', {
      asOf,
      ...(drill.accountId ? { accountId: drill.accountId } : {}),
      ...(drill.bucket !== undefined ? { bucket: drill.bucket } : {}),
    }).then(setLines);
  }, [view, asOf, drill, aging]);

  const open = (d: Drill) => {
    setDrill(d);
    setView('invoices');
  };

  const buckets = useMemo(() => aging?.buckets ?? [], [aging]);
  const customerCols = useMemo<ColDef<TotalsRow>[]>(
    () => [
      { field: 'customer', headerName: t('customer'), pinned: 'left', width: 240, cellClass: 'sw-link' },
      // Total and provision first: they stay in view while the buckets scroll sideways.
      {
        field: 'total',
        headerName: t('total'),
        valueFormatter: moneyCell,
        type: 'rightAligned',
        width: 140,
        sort: 'desc',
        cellStyle: { fontWeight: 600 },
      },
      { field: 'provision', headerName: t('provision'), valueFormatter: moneyCell, type: 'rightAligned', width: 130 },
      ...buckets.map((b, i): ColDef<TotalsRow> => ({
        colId: `b${i}`,
        headerName: bucketName(b),
        valueGetter: (p) => p.data?.byBucket[i] ?? 0,
        valueFormatter: (p) => (p.value ? money(p.value as number) : ''),
        type: 'rightAligned',
        width: 118,
        cellClass: 'sw-link',
      })),
      {
        field: 'credit',
        headerName: t('credit'),
        valueFormatter: (p) => (p.value ? money(p.value as number) : ''),
        type: 'rightAligned',
        width: 120,
      },
    ],
    [buckets, bucketName, money, moneyCell, t],
  );

  const invoiceCols = useMemo<ColDef<AgingLineRow>[]>(
    () => [
      { field: 'customer', headerName: t('customer'), width: 220, pinned: 'left' },
      { field: 'invoiceNo', headerName: t('invoiceNo'), width: 140 },
      { field: 'contractNo', headerName: t('contractNo'), width: 130 },
      { field: 'invoiceDate', headerName: t('invoiceDate'), width: 110 },
      { field: 'dueDate', headerName: t('dueDate'), width: 110 },
      { field: 'amount', headerName: t('amount'), valueFormatter: moneyCell, type: 'rightAligned', width: 130 },
      { field: 'paid', headerName: t('paid'), valueFormatter: moneyCell, type: 'rightAligned', width: 120 },
      { field: 'outstanding', headerName: t('outstanding'), valueFormatter: moneyCell, type: 'rightAligned', width: 130 },
      { field: 'daysOverdue', headerName: t('daysOverdue'), type: 'rightAligned', width: 100 },
      {
        field: 'bucket',
        headerName: t('bucket'),
        valueFormatter: (p) => (buckets[p.value as number] ? bucketName(buckets[p.value as number]!) : ''),
        width: 110,
      },
      { field: 'rateBp', headerName: t('rate'), valueFormatter: (p) => pct(p.value as number), type: 'rightAligned', width: 80 },
      { field: 'provision', headerName: t('provision'), valueFormatter: moneyCell, type: 'rightAligned', width: 120 },
      { field: 'reached', headerName: t('stage'), valueFormatter: (p) => rung(p.value as string | null), width: 120 },
      { field: 'suggested', headerName: t('suggested'), valueFormatter: (p) => rung(p.value as string | null), width: 130 },
    ],
    [buckets, bucketName, moneyCell, rung, t],
  );

  const chart = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 70, right: 20, top: 36, bottom: 30 },
      legend: { data: [t('outstanding'), t('provision')], top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => money(Math.round(Number(v) * 100)) },
      // English keeps the short labels ('1-30', 'Over 730') so all eight fit under the bars.
      xAxis: { type: 'category', data: buckets.map((b) => (locale === 'zh-CN' ? bucketName(b) : b.label)), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisYuan(v, locale) } },
      series: [
        { name: t('outstanding'), type: 'bar', data: (aging?.totals.byBucket ?? []).map((v) => v / 100), itemStyle: { color: '#1f6feb' } },
        {
          name: t('provision'),
          type: 'bar',
          data: (aging?.totals.provisionByBucket ?? []).map((v) => v / 100),
          itemStyle: { color: '#cf222e' },
        },
      ],
    }),
    [aging, buckets, bucketName, locale, money, t],
  );

  const exportAging = async () => {
    const ref = await files.pickSave(`aging-${asOf}.xlsx`);
    if (!ref) return;
    try {
      const r = await run('receivables:exportAging', { file: ref.token, asOf, lang: locale }, t('exportAging'));
      await files.delivered(ref);
      message.success(t('exported', r));
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  const onCustomerCell = (e: CellClickedEvent<TotalsRow>) => {
    const id = e.column.getColId();
    const row = e.data as (TotalsRow & { accountId?: string }) | undefined;
    if (!row) return;
    const accountId = row.accountId;
    if (id === 'customer' && accountId) open({ accountId, customer: row.customer });
    else if (id.startsWith('b')) open({ ...(accountId ? { accountId, customer: row.customer } : {}), bucket: Number(id.slice(1)) });
  };

  const colon = locale === 'zh-CN' ? '：' : ': ';
  const drillText = [drill.customer, drill.bucket !== undefined && buckets[drill.bucket] ? bucketName(buckets[drill.bucket]!) : null]
    .filter(Boolean)
    .join(' · ');
  const totalsRow: TotalsRow[] = aging
    ? [
        {
          customer: t('total'),
          byBucket: aging.totals.byBucket,
          total: aging.totals.total,
          provision: aging.totals.provision,
          credit: aging.totals.credit,
        },
      ]
    : [];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, height: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('asOf')}</Typography.Text>
        <IsoDatePicker value={asOf} onChange={(v) => v && setAsOf(v)} testId="aging-asof" />
        <Button onClick={() => setAsOf(bookToday())}>{t('today')}</Button>
        <Button type="primary" icon={<DownloadOutlined />} onClick={() => void exportAging()} data-testid="aging-export">
          {t('exportAging')}
        </Button>
        <ImportButton
          channel="receivables:importCollections"
          label={t('importCollections')}
          testId="import-collections"
          onDone={() => void reload()}
          run={run}
        />
        <Button icon={<SettingOutlined />} onClick={() => setRatesOpen(true)} data-testid="aging-rates">
          {t('editRates')}
        </Button>
      </Space>
      <Typography.Text type="secondary" data-testid="rates-in-force">
        {t('ratesInForce', { rates: buckets.map((b) => `${bucketName(b)} ${pct(b.rateBp)}`).join(' · ') })}
      </Typography.Text>
      {aging && (
        <Typography.Text type="secondary" data-testid="aging-basis">
          {t('settingsUi.basis')}
          {colon}
          {t(aging.basis === 'gross' ? 'settingsUi.basisGross' : 'settingsUi.basisNet')}
        </Typography.Text>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(380px, 1fr) 300px', gap: 8 }}>
        <Card size="small" title={t('profile')} styles={{ body: { padding: 4 } }}>
          <EChart option={chart} style={{ height: 230 }} testId="aging-chart" onClick={(e) => open({ bucket: e.dataIndex })} />
        </Card>
        <Card size="small" title={t('total')} data-testid="aging-totals">
          <Space direction="vertical" size={2}>
            <Typography.Text>
              {t('outstanding')}
              {colon}
              <b data-testid="aging-total">{money(aging?.totals.total ?? 0)}</b>
            </Typography.Text>
            <Typography.Text>
              {t('provision')}
              {colon}
              <b data-testid="aging-provision">{money(aging?.totals.provision ?? 0)}</b>
            </Typography.Text>
            <Typography.Text>
              {t('credit')}
              {colon}
              {money(aging?.totals.credit ?? 0)}
            </Typography.Text>
            <Typography.Text type="secondary">{t('drillHint')}</Typography.Text>
          </Space>
        </Card>
      </div>
      <Space>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'customers' | 'invoices')}
          options={[
            { value: 'customers', label: t('byCustomer') },
            { value: 'invoices', label: t('byInvoice') },
          ]}
          data-testid="aging-view"
        />
        {view === 'invoices' && drillText && (
          <Tag closable onClose={() => setDrill({})} data-testid="drill-tag">
            {t('filtered', { what: drillText })}
          </Tag>
        )}
      </Space>
      <div style={{ flex: 1, minHeight: 320 }} data-testid={view === 'customers' ? 'aging-customers' : 'aging-invoices'}>
        {view === 'customers' ? (
          <AgGridReact<TotalsRow>
            theme={gridTheme}
            localeText={gridLocale(locale)}
            rowData={aging?.customers}
            loading={!aging}
            columnDefs={customerCols}
            pinnedBottomRowData={totalsRow}
            getRowId={(p) => (p.data as CustomerAgingRow).accountId ?? 'total'}
            animateRows={false}
            onCellClicked={onCustomerCell}
          />
        ) : (
          <AgGridReact<AgingLineRow>
            theme={gridTheme}
            localeText={gridLocale(locale)}
            rowData={lines ?? undefined}
            loading={lines === null}
            columnDefs={invoiceCols}
            getRowId={(p) => p.data.invoiceId}
            animateRows={false}
          />
        )}
      </div>
      <RatesDialog open={ratesOpen} onClose={() => setRatesOpen(false)} onSaved={() => void reload()} />
    </div>
  );
}
