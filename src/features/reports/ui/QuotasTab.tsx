import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type ColDef } from 'ag-grid-community';
import '../../../renderer/grid/clientSideGrid';
import { gridLocaleText } from '../../../renderer/grid/gridLocale';
import { App, Button, InputNumber, List, Modal, Space, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, files, type In, type Out } from '../../../renderer/api/client';
import { ApiError } from '../../../shared/errors';
import { usePrefs } from '../../../renderer/app/prefs';
import { yuanToFen } from '../../../shared/money';
import type { ChannelName } from '../../../app/contract';
import type { QuotasOut, ReportsLookups } from '../contract';

const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, spacing: 5 });

interface QuotaGridRow {
  key: string;
  kind: 'rep' | 'territory' | 'team';
  ownerId: string | null;
  label: string;
  territory: string;
  /** Months, quarters and the year in fen. */
  months: number[];
  quarters: number[];
  year: number;
}

type RunJob = <K extends ChannelName>(channel: K, input: In<K>, title: string) => Promise<Out<K>>;

// Quotas per rep per month, edited in the grid (yuan; stored as fen). Quarter and year
// columns and the territory and team rows are sums the server returns after each edit.
export function QuotasTab({ lookups, year: initialYear, runJob }: { lookups: ReportsLookups; year: number; runJob: RunJob }) {
  const { t } = useTranslation('reports');
  const { locale, money } = usePrefs();
  const { message } = App.useApp();
  const [year, setYear] = useState(initialYear);
  const [data, setData] = useState<QuotasOut | null>(null);
  const [errors, setErrors] = useState<{ row: number; column: string; value: string; reason: string }[] | null>(null);
  const reload = useCallback(() => call('reports:quotas', { year }).then(setData, (e: Error) => message.error(e.message)), [year, message]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const name = useCallback(
    (x: { nameZh: string; nameEn: string } | undefined) => (x ? (locale === 'zh-CN' ? x.nameZh : x.nameEn) : ''),
    [locale],
  );
  const { rows, pinned } = useMemo(() => {
    if (!data) return { rows: [] as QuotaGridRow[], pinned: [] as QuotaGridRow[] };
    const reps = new Map(lookups.reps.map((r) => [r.id, r]));
    const ters = new Map(lookups.territories.map((x) => [x.id, x]));
    const rows: QuotaGridRow[] = data.reps.map((r) => ({
      key: r.key,
      kind: 'rep',
      ownerId: r.key,
      label: name(reps.get(r.key)),
      territory: name(ters.get(reps.get(r.key)?.territoryId ?? '')),
      months: r.months,
      quarters: r.quarters,
      year: r.year,
    }));
    rows.sort((a, b) => a.territory.localeCompare(b.territory) || a.label.localeCompare(b.label));
    const pinned: QuotaGridRow[] = [
      ...data.territories.map((x): QuotaGridRow => ({
        key: `t-${x.key}`,
        kind: 'territory',
        ownerId: null,
        label: t('col.total'),
        territory: name(ters.get(x.key)),
        months: x.months,
        quarters: x.quarters,
        year: x.year,
      })),
      {
        key: 'team',
        kind: 'team',
        ownerId: null,
        label: t('col.team'),
        territory: '',
        months: data.team.months,
        quarters: data.team.quarters,
        year: data.team.year,
      },
    ];
    return { rows, pinned };
  }, [data, lookups, name, t]);

  const onEdit = useCallback(
    async (ownerId: string, monthIndex: number, raw: unknown) => {
      const fen = yuanToFen(typeof raw === 'string' ? raw.trim() : raw);
      if (fen === null || fen < 0) {
        message.error(t('quotas.bad'));
        await reload();
        return;
      }
      try {
        await call('reports:setQuota', { ownerId, month: `${year}-${String(monthIndex + 1).padStart(2, '0')}`, amount: fen });
        message.success(t('quotas.saved'));
      } catch (e) {
        message.error((e as Error).message);
      }
      await reload();
    },
    [year, message, t, reload],
  );

  const onEditRef = useRef(onEdit);
  onEditRef.current = onEdit;

  const columns = useMemo<ColDef<QuotaGridRow>[]>(() => {
    const monthNames = Array.from({ length: 12 }, (_, i) =>
      locale === 'zh-CN' ? `${i + 1}月` : new Date(Date.UTC(2000, i, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' }),
    );
    const cols: ColDef<QuotaGridRow>[] = [
      { field: 'territory', headerName: t('col.territory'), width: 110, pinned: 'left' },
      { field: 'label', headerName: t('col.rep'), width: 110, pinned: 'left' },
    ];
    for (let q = 0; q < 4; q++) {
      for (let m = q * 3; m < q * 3 + 3; m++) {
        cols.push({
          colId: `m${m + 1}`,
          headerName: monthNames[m]!,
          width: 112,
          type: 'rightAligned',
          editable: (p) => p.data?.kind === 'rep',
          valueGetter: (p) => (p.data ? p.data.months[m]! / 100 : null),
          valueFormatter: (p) => money(Math.round((p.value as number) * 100)),
          // The edit is saved through the channel; the grid shows the server's rows after.
          valueSetter: (p) => {
            if (p.data.ownerId) void onEditRef.current(p.data.ownerId, m, p.newValue);
            return false;
          },
          cellClass: (p) => (p.data?.kind === 'rep' ? 'sw-editable' : ''),
        });
      }
      cols.push({
        colId: `q${q + 1}`,
        headerName: t('col.q', { n: q + 1 }),
        width: 120,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.quarters[q] ?? null,
        valueFormatter: (p) => money(p.value as number),
        cellStyle: { fontWeight: 600, background: '#f6f8fb' },
      });
    }
    cols.push({
      colId: 'year',
      headerName: t('col.year'),
      width: 130,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.year ?? null,
      valueFormatter: (p) => money(p.value as number),
      cellStyle: { fontWeight: 700 },
    });
    return cols;
  }, [t, locale, money]);

  const importFile = useCallback(async () => {
    const ref = await files.pickOpen(['xlsx']);
    if (!ref) return;
    try {
      const r = await runJob('reports:importQuotas', { file: ref.token }, t('quotas.import'));
      message.success(t('quotas.imported', r));
      await reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'import-rejected')
        setErrors((e.details as { errors: { row: number; column: string; value: string; reason: string }[] }).errors);
      else message.error((e as Error).message);
    }
  }, [runJob, t, message, reload]);

  const exportFile = useCallback(async () => {
    const ref = await files.pickSave(`quotas.xlsx`);
    if (!ref) return;
    try {
      await runJob('reports:exportQuotas', { file: ref.token }, t('quotas.export'));
      await files.delivered(ref);
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [runJob, t, message]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="quotas-tab">
      <Space wrap className="sw-no-print">
        <Typography.Text>{t('quotas.year')}</Typography.Text>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="quotas-year" />
        <Button icon={<UploadOutlined />} onClick={() => void importFile()} data-testid="quotas-import">
          {t('quotas.import')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportFile()} data-testid="quotas-export">
          {t('quotas.export')}
        </Button>
        <Typography.Text type="secondary">{t('quotas.hint')}</Typography.Text>
      </Space>
      <div style={{ height: 'calc(100vh - 230px)', minHeight: 360 }} data-testid="quotas-grid">
        <AgGridReact<QuotaGridRow>
          theme={gridTheme}
          rowData={rows}
          pinnedBottomRowData={pinned}
          loading={data === null}
          columnDefs={columns}
          defaultColDef={{ sortable: false, resizable: true }}
          getRowId={(p) => p.data.key}
          localeText={gridLocaleText(locale)}
          singleClickEdit
          stopEditingWhenCellsLoseFocus
          animateRows={false}
        />
      </div>
      <Modal open={errors !== null} onCancel={() => setErrors(null)} footer={null} title={t('quotas.rejected')} width={720}>
        <List
          size="small"
          dataSource={errors ?? []}
          data-testid="quotas-errors"
          renderItem={(e) => <List.Item>{`row ${e.row} · ${e.column} · "${e.value}" · ${e.reason}`}</List.Item>}
        />
      </Modal>
    </div>
  );
}
