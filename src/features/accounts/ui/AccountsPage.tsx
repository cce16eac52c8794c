import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type CellValueChangedEvent, type ColDef, type ColumnState, type GridApi, type IRowNode } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { App, Button, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, ProfileOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, files, type Out } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { navigate, useHashRoute } from '../../../renderer/app/useHashRoute';
import type { Account, AccountPatch, Lookups } from '../contract';
import { accountColumns } from './columns';
import { FIRST_ROWS, takePrefetched } from './firstRows';
import { AccountDetail } from './AccountDetail';
import { ImportDialog } from './ImportDialog';
import { NewAccountDialog } from './NewAccountDialog';

ModuleRegistry.registerModules([AllCommunityModule]);

const COLUMN_STATE_KEY = 'accounts.columnState';
// Grid options passed as constants: a new object on every render (the row count updates
// on every filter) makes ag-grid rebuild its columns and recount the select-all state over
// every row, which costs ~1 s per keystroke at 100,000 accounts.
// Select-all takes the rows the filters show (a territory, a search), as a user expects.
const rowSelection = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: false } as const;
const selectionColumnDef = { pinned: 'left', width: 44 } as const;
const getRowId = (p: { data: Account }) => p.data.id;

const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, spacing: 6 });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export default function AccountsPage() {
  const { t } = useTranslation(['accounts', 'common']);
  const { message } = App.useApp();
  const { locale, money } = usePrefs();
  const route = useHashRoute();
  const [lookups, setLookups] = useState<Lookups | null>(null);
  const [rows, setRows] = useState<Account[] | null>(null);
  const [scope, setScope] = useState<{ territoryId?: string; ownerId?: string }>({});
  const [quick, setQuick] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [shown, setShown] = useState(0);
  const [importOpen, setImportOpen] = useState(false);
  const [newOpen, setNewOpen] = useState(false);
  const gridApi = useRef<GridApi<Account> | null>(null);
  const jobs = useJobRunner();
  const detailId = route.params.get('id');

  const [complete, setComplete] = useState(false);
  const loads = useRef(0);
  const painted = useRef(deferred());
  // A book of 100,000 accounts takes seconds to read and ship whole, so the first screenful
  // (in name order, as the whole list arrives) is fetched and painted first; the rest
  // replaces it when it arrives. A newer reload wins over an older one still in flight.
  const reload = useCallback(async () => {
    const load = ++loads.current;
    const e = takePrefetched();
    const [l, first] = await Promise.all([e?.lookups ?? call('accounts:lookups', {}), e?.first ?? call('accounts:list', { first: FIRST_ROWS })]);
    if (load !== loads.current) return;
    setLookups(l);
    if (first.length < FIRST_ROWS) {
      setRows(first);
      setComplete(true);
      return;
    }
    setRows((r) => r ?? first);
    setComplete(false);
    // Ask for the rest once the first rows are on screen: reading and shipping 100,000 rows
    // keeps the main process (and on two cores, the machine) busy for seconds.
    await painted.current.promise;
    const all = await call('accounts:list', {});
    if (load !== loads.current) return;
    setRows(all);
    setComplete(true);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  // Territory and rep scope filter the loaded rows in the grid (no round trip to the
  // database), refiltered in the change handler itself rather than after React's next paint.
  const scopeRef = useRef(scope);
  const changeScope = useCallback((next: { territoryId?: string; ownerId?: string }) => {
    scopeRef.current = next;
    gridApi.current?.onFilterChanged();
    setScope(next);
  }, []);
  const isExternalFilterPresent = useCallback(() => !!(scopeRef.current.territoryId || scopeRef.current.ownerId), []);
  const doesExternalFilterPass = useCallback((node: IRowNode<Account>) => {
    const s = scopeRef.current;
    const a = node.data;
    return !!a && (!s.territoryId || a.territoryId === s.territoryId) && (!s.ownerId || a.ownerId === s.ownerId);
  }, []);

  const columnDefs = useMemo<ColDef<Account>[]>(
    () =>
      lookups
        ? [
            {
              colId: 'open',
              headerName: '',
              width: 52,
              pinned: 'left',
              sortable: false,
              filter: false,
              editable: false,
              resizable: false,
              suppressMovable: true,
              cellRenderer: (p: { data?: Account }) => (
                <Button size="small" type="text" icon={<ProfileOutlined />} aria-label={t('detail')} data-testid="open-detail" onClick={() => p.data && navigate('accounts', { id: p.data.id })} />
              ),
            },
            ...accountColumns({ t, locale, lookups, money }),
          ]
        : [],
    [t, locale, lookups, money],
  );

  const onCellValueChanged = useCallback(
    async (e: CellValueChangedEvent<Account>) => {
      const key = e.colDef.field as keyof AccountPatch;
      const account = e.data;
      let value: unknown = e.newValue === '' ? null : e.newValue;
      if (typeof value === 'number' && Number.isNaN(value)) value = 'not-a-number';
      if (key === 'name' && typeof value === 'string') value = value.trim();
      try {
        const updated = await call('accounts:update', { id: account.id, version: account.version, patch: { [key]: value } as AccountPatch });
        e.node.setData(updated);
        message.success({ content: t('saved'), key: 'save', duration: 1 });
      } catch (err) {
        // A rejected edit says why and keeps the old value.
        (account as Record<string, unknown>)[key] = e.oldValue;
        e.node.setData({ ...account });
        message.error({ content: t('editRejected', { reason: (err as Error).message }), key: 'save', duration: 5 });
      }
    },
    [message, t],
  );

  const deleteSelected = useCallback(async () => {
    const ids = [...selected];
    const r = await call('accounts:delete', { ids });
    await reload();
    const key = `del-${Date.now()}`;
    message.open({
      key,
      type: 'success',
      duration: 10,
      content: (
        <Space>
          {t('deleted', { count: r.deleted })}
          <Button
            size="small"
            type="link"
            data-testid="undo-delete"
            onClick={async () => {
              const u = await call('accounts:undelete', { ids });
              message.destroy(key);
              message.success(t('restored', { count: u.restored }));
              await reload();
            }}
          >
            {t('common:undo')}
          </Button>
        </Space>
      ),
    });
  }, [selected, reload, message, t]);

  const exportView = useCallback(async () => {
    const api = gridApi.current;
    if (!api) return;
    const ref = await files.pickSave(`accounts-${new Date().toISOString().slice(0, 10)}.xlsx`);
    if (!ref) return;
    const ids: string[] = [];
    api.forEachNodeAfterFilterAndSort((n) => n.data && ids.push(n.data.id));
    const columns = api.getAllDisplayedColumns().map((c) => c.getColId());
    try {
      const r = await jobs.run('accounts:export', { file: ref.token, lang: locale, ids, columns }, t('export'));
      await files.delivered(ref);
      message.success(t('exported', { count: r.rows }));
    } catch (err) {
      message.error((err as Error).message);
    }
  }, [jobs, locale, message, t]);

  const downloadTemplate = useCallback(async () => {
    const ref = await files.pickSave(locale === 'zh-CN' ? '客户导入模板.xlsx' : 'accounts-import-template.xlsx');
    if (!ref) return;
    await call('accounts:template', { file: ref.token, lang: locale });
    await files.delivered(ref);
  }, [locale]);

  const saveColumnState = useCallback(() => {
    const state = gridApi.current?.getColumnState();
    if (state) localStorage.setItem(COLUMN_STATE_KEY, JSON.stringify(state));
  }, []);

  // The grid's callbacks keep their identity across renders (the row count re-renders this
  // page on every filter; a changed callback prop is a grid option update each time).
  const gridHandlers = useMemo(
    () => ({
      onCellValueChanged: (e: CellValueChangedEvent<Account>) => void onCellValueChanged(e),
      onSelectionChanged: (e: { api: GridApi<Account> }) => setSelected(e.api.getSelectedRows().map((r) => r.id)),
      onModelUpdated: (e: { api: GridApi<Account> }) => setShown(e.api.getDisplayedRowCount()),
      onFirstDataRendered: () => setTimeout(painted.current.resolve, 0),
      onGridReady: (e: { api: GridApi<Account> }) => {
        gridApi.current = e.api;
        const saved = localStorage.getItem(COLUMN_STATE_KEY);
        if (saved) e.api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
      },
      onColumnResized: (e: { finished: boolean }) => {
        if (e.finished) saveColumnState();
      },
    }),
    [onCellValueChanged, saveColumnState],
  );

  const reps = lookups?.reps.filter((r) => !scope.territoryId || r.territoryId === scope.territoryId) ?? [];
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 8 }}>
      <Space wrap>
        <Select
          style={{ width: 150 }}
          value={scope.territoryId ?? ''}
          onChange={(v) => changeScope(v ? { territoryId: v } : {})}
          options={[{ value: '', label: t('scope.all') }, ...(lookups?.territories.map((x) => ({ value: x.id, label: name(x) })) ?? [])]}
          data-testid="scope-territory"
        />
        <Select
          style={{ width: 150 }}
          value={scope.ownerId ?? ''}
          onChange={(v) => changeScope(v ? { ...scopeRef.current, ownerId: v } : { territoryId: scopeRef.current.territoryId })}
          options={[{ value: '', label: t('scope.allReps') }, ...reps.map((x) => ({ value: x.id, label: name(x) }))]}
          data-testid="scope-owner"
        />
        <Input.Search allowClear style={{ width: 260 }} placeholder={t('search')} value={quick} onChange={(e) => setQuick(e.target.value)} data-testid="quick-search" />
        <Button icon={<PlusOutlined />} onClick={() => setNewOpen(true)} data-testid="add-account">{t('add')}</Button>
        <Button icon={<DeleteOutlined />} danger disabled={selected.length === 0} onClick={() => void deleteSelected()} data-testid="delete-selected">
          {t('delete')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="import-open">{t('import')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportView()} data-testid="export">{t('export')}</Button>
        <Button type="link" onClick={() => void downloadTemplate()} data-testid="template">{t('template')}</Button>
        <Typography.Text type="secondary" data-testid="row-count">
          {complete ? t('count', { count: shown }) : t('loadingRows', { count: shown })}
          {selected.length > 0 ? ` · ${t('selected', { count: selected.length })}` : ''}
        </Typography.Text>
      </Space>
      <div style={{ flex: 1, minHeight: 400 }} data-testid="accounts-grid">
        <AgGridReact<Account>
          theme={gridTheme}
          rowData={rows ?? undefined}
          loading={rows === null}
          columnDefs={columnDefs}
          getRowId={getRowId}
          localeText={locale === 'zh-CN' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
          rowSelection={rowSelection}
          selectionColumnDef={selectionColumnDef}
          quickFilterText={quick}
          isExternalFilterPresent={isExternalFilterPresent}
          doesExternalFilterPass={doesExternalFilterPass}
          cacheQuickFilter
          animateRows={false}
          stopEditingWhenCellsLoseFocus
          onCellValueChanged={gridHandlers.onCellValueChanged}
          onSelectionChanged={gridHandlers.onSelectionChanged}
          onModelUpdated={gridHandlers.onModelUpdated}
          onFirstDataRendered={gridHandlers.onFirstDataRendered}
          onGridReady={gridHandlers.onGridReady}
          onSortChanged={saveColumnState}
          onColumnMoved={saveColumnState}
          onColumnResized={gridHandlers.onColumnResized}
          onColumnVisible={saveColumnState}
          onColumnPinned={saveColumnState}
        />
      </div>
      {jobs.element}
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} onImported={() => void reload()} runJob={jobs.run} />
      {lookups && <NewAccountDialog open={newOpen} lookups={lookups} onClose={() => setNewOpen(false)} onCreated={() => void reload()} />}
      {detailId && lookups && <AccountDetail id={detailId} lookups={lookups} onClose={() => navigate('accounts')} onChanged={() => void reload()} />}
    </div>
  );
}

export type AccountList = Out<'accounts:list'>;
