import { useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type ColDef } from 'ag-grid-community';
import '../../../renderer/grid/clientSideGrid';
import { gridLocaleText } from '../../../renderer/grid/gridLocale';
import { Checkbox, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import { daysBetween } from '../../../shared/dates';
import type { Opportunity } from '../contract';
import { percent, type Lookups, type Names } from './usePipelineLookups';

const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, spacing: 6 });

/** The opportunities as a grid; a click on a row opens the editor. */
export function GridView({
  list,
  lookups,
  names,
  onOpen,
}: {
  list: Opportunity[] | null;
  lookups: Lookups;
  names: Names;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation(['pipeline', 'common']);
  const { locale, money } = usePrefs();
  const [quick, setQuick] = useState('');
  const [closed, setClosed] = useState(false);
  const [shown, setShown] = useState(0);
  const stagePos = useMemo(() => new Map(lookups.stages.map((s) => [s.id, s.position])), [lookups.stages]);

  const rows = useMemo(() => (list ?? []).filter((o) => closed || o.status === 'open'), [list, closed]);
  const columns = useMemo<ColDef<Opportunity>[]>(() => {
    const moneyCol = (field: 'amount' | 'weighted'): ColDef<Opportunity> => ({
      field,
      headerName: t(`field.${field}`),
      width: 140,
      type: 'rightAligned',
      filter: 'agNumberColumnFilter',
      valueFormatter: (p) => money(p.value as number),
      filterValueGetter: (p) => (p.data ? p.data[field] / 100 : null),
    });
    return [
      { field: 'name', headerName: t('field.name'), width: 230, pinned: 'left', filter: 'agTextColumnFilter' },
      { field: 'accountName', headerName: t('field.account'), width: 230, filter: 'agTextColumnFilter' },
      { colId: 'owner', headerName: t('field.owner'), width: 100, valueGetter: (p) => names.rep(p.data?.ownerId) },
      {
        colId: 'stage',
        headerName: t('field.stage'),
        width: 150,
        valueGetter: (p) => (p.data ? `${stagePos.get(p.data.stageId) ?? ''} ${names.stage(p.data.stageId)}` : ''),
        comparator: (_a, _b, na, nb) => (stagePos.get(na.data?.stageId ?? '') ?? 0) - (stagePos.get(nb.data?.stageId ?? '') ?? 0),
      },
      { colId: 'status', headerName: t('field.status'), width: 90, valueGetter: (p) => (p.data ? t(`status.${p.data.status}`) : '') },
      moneyCol('amount'),
      {
        field: 'probability',
        headerName: t('field.probability'),
        width: 90,
        type: 'rightAligned',
        valueFormatter: (p) => percent(p.value as number),
      },
      moneyCol('weighted'),
      { field: 'expectedClose', headerName: t('field.expectedClose'), width: 120 },
      {
        colId: 'days',
        headerName: t('field.daysInStage'),
        width: 100,
        type: 'rightAligned',
        valueGetter: (p) => (p.data && p.data.status === 'open' ? daysBetween(p.data.stageSince, lookups.today) : null),
      },
      { field: 'nextStep', headerName: t('field.nextStep'), width: 160 },
      { field: 'nextStepDate', headerName: t('field.nextStepDate'), width: 120 },
      { colId: 'territory', headerName: t('field.territory'), width: 100, valueGetter: (p) => names.territory(p.data?.territoryId) },
      { field: 'closeReason', headerName: t('field.closeReason'), width: 150 },
      { field: 'ref', headerName: t('field.ref'), width: 100 },
    ];
  }, [t, money, names, stagePos, lookups.today]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, height: 'calc(100vh - 170px)', minHeight: 420 }}>
      <Space>
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('search')}
          value={quick}
          onChange={(e) => setQuick(e.target.value)}
          data-testid="pipeline-search"
        />
        <Checkbox checked={closed} onChange={(e) => setClosed(e.target.checked)} data-testid="include-closed">
          {t('includeClosed')}
        </Checkbox>
        <Typography.Text type="secondary" data-testid="pipeline-count">
          {t('count', { count: shown })}
        </Typography.Text>
      </Space>
      <div style={{ flex: 1 }} data-testid="pipeline-grid">
        <AgGridReact<Opportunity>
          theme={gridTheme}
          rowData={rows}
          loading={list === null}
          columnDefs={columns}
          defaultColDef={{ sortable: true, filter: true, resizable: true }}
          getRowId={(p) => p.data.id}
          localeText={gridLocaleText(locale)}
          quickFilterText={quick}
          animateRows={false}
          onRowClicked={(e) => e.data && onOpen(e.data.id)}
          onModelUpdated={(e) => setShown(e.api.getDisplayedRowCount())}
        />
      </div>
    </div>
  );
}
