import { useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type ColDef } from 'ag-grid-community';
import '../../../renderer/grid/clientSideGrid';
import { gridLocaleText } from '../../../renderer/grid/gridLocale';
import { App, Button, DatePicker, Drawer, Input, Modal, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { addDays } from '../../../shared/dates';
import { matchesDrill, type Drill } from '../drill';
import type { ReviewRowOut } from '../contract';
import type { Names } from './usePipelineLookups';

const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, spacing: 5 });

export type DrillRequest = Drill & { title: string };

/** The opportunities behind one number of the review, with a button to record a commitment for each. */
/** An opportunity's name and account, from the list the page already holds (review rows carry ids). */
export type LabelOf = (id: string) => { name: string; accountName: string };

export function ReviewDrill({
  drill,
  rows,
  names,
  labelOf,
  reviewDate,
  onClose,
  onOpen,
  onCommitted,
}: {
  drill: DrillRequest;
  rows: ReviewRowOut[];
  names: Names;
  labelOf: LabelOf;
  reviewDate: string;
  onClose(): void;
  onOpen(id: string): void;
  onCommitted(): void;
}) {
  const { t } = useTranslation(['pipeline', 'common']);
  const { locale, money } = usePrefs();
  const { message } = App.useApp();
  const [committing, setCommitting] = useState<{ row: ReviewRowOut; step: string; due: string } | null>(null);
  const shown = useMemo(() => rows.filter((r) => matchesDrill(r, drill)), [rows, drill]);

  const columns = useMemo<ColDef<ReviewRowOut>[]>(() => {
    const m = (field: 'amountFrom' | 'amountTo'): ColDef<ReviewRowOut> => ({
      field,
      headerName: t(`review.col.${field}`),
      width: 130,
      type: 'rightAligned',
      valueFormatter: (p) => (p.value === null ? '' : money(p.value as number)),
    });
    return [
      {
        colId: 'name',
        headerName: t('review.col.name'),
        width: 220,
        pinned: 'left',
        valueGetter: (p) => (p.data ? labelOf(p.data.id).name : ''),
        cellRenderer: (p: { data?: ReviewRowOut; value?: string }) => <a onClick={() => p.data && onOpen(p.data.id)}>{p.value}</a>,
      },
      {
        colId: 'account',
        headerName: t('review.col.account'),
        width: 200,
        valueGetter: (p) => (p.data ? labelOf(p.data.id).accountName : ''),
      },
      { colId: 'owner', headerName: t('review.col.owner'), width: 90, valueGetter: (p) => names.rep(p.data?.ownerId) },
      { colId: 'stageFrom', headerName: t('review.col.stageFrom'), width: 120, valueGetter: (p) => names.stage(p.data?.stageFrom) },
      {
        colId: 'stageTo',
        headerName: t('review.col.stageTo'),
        width: 120,
        valueGetter: (p) => (p.data ? (p.data.statusTo === 'open' ? names.stage(p.data.stageTo) : t(`status.${p.data.statusTo}`)) : ''),
      },
      {
        colId: 'change',
        headerName: t('review.col.change'),
        width: 90,
        valueGetter: (p) => (p.data ? t(`review.classes.${p.data.change}`) : ''),
      },
      m('amountFrom'),
      m('amountTo'),
      { field: 'closeFrom', headerName: t('review.col.closeFrom'), width: 110 },
      { field: 'closeTo', headerName: t('review.col.closeTo'), width: 110 },
      { field: 'daysInStage', headerName: t('review.col.daysInStage'), width: 90, type: 'rightAligned' },
      { field: 'slippedDays', headerName: t('review.col.slippedDays'), width: 90, type: 'rightAligned' },
      {
        colId: 'commit',
        headerName: t('review.col.commit'),
        width: 90,
        sortable: false,
        filter: false,
        pinned: 'right',
        cellRenderer: (p: { data?: ReviewRowOut }) =>
          p.data?.statusTo === 'open' ? (
            <Button
              size="small"
              onClick={() => p.data && setCommitting({ row: p.data, step: '', due: addDays(reviewDate, 7) })}
              data-testid="drill-commit"
            >
              {t('review.col.commit')}
            </Button>
          ) : null,
      },
    ];
  }, [t, money, names, labelOf, onOpen, reviewDate]);

  return (
    <Drawer
      open
      placement="bottom"
      height="55%"
      title={t('review.drillCount', { title: drill.title, count: shown.length })}
      onClose={onClose}
      data-testid="review-drill"
      className="sw-no-print"
    >
      <div style={{ height: '100%' }} data-testid="drill-grid">
        <AgGridReact<ReviewRowOut>
          theme={gridTheme}
          rowData={shown}
          columnDefs={columns}
          defaultColDef={{ sortable: true, filter: true, resizable: true }}
          getRowId={(p) => p.data.id}
          localeText={gridLocaleText(locale)}
          animateRows={false}
        />
      </div>
      <Modal
        open={!!committing}
        title={`${t('review.recordCommitment')}: ${committing ? labelOf(committing.row.id).name : ''}`}
        okText={t('common:save')}
        cancelText={t('common:cancel')}
        onCancel={() => setCommitting(null)}
        okButtonProps={{ disabled: !committing?.step.trim(), ...({ 'data-testid': 'commit-save' } as Record<string, string>) }}
        onOk={async () => {
          if (!committing) return;
          try {
            await call('pipeline:commit', { opportunityId: committing.row.id, reviewDate, step: committing.step, dueDate: committing.due });
            message.success(t('review.committed'));
            setCommitting(null);
            onCommitted();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            placeholder={t('review.step')}
            value={committing?.step ?? ''}
            onChange={(e) => setCommitting((c) => (c ? { ...c, step: e.target.value } : c))}
            data-testid="commit-step"
          />
          <Space>
            {t('review.due')}
            <DatePicker
              allowClear={false}
              value={dayjs(committing?.due ?? reviewDate)}
              onChange={(d) => d && setCommitting((c) => (c ? { ...c, due: d.format('YYYY-MM-DD') } : c))}
            />
          </Space>
        </Space>
      </Modal>
    </Drawer>
  );
}
