import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type CellValueChangedEvent, type ColDef, type ColumnState, type GridApi } from 'ag-grid-community';
import '../../../renderer/grid/agGrid';
import { gridLocaleText } from '../../../renderer/grid/gridLocale';
import { App, Button, Input, Select, Space } from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, ProfileOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { navigate, useHashRoute } from '../../../renderer/app/useHashRoute';
import type { Account, AccountPatch, Lookups } from '../contract';
import { accountColumns, TYPING_PAUSE_MS } from './columns';
import { BLOCK, takeArrivedLookups, takePrefetchedLookups } from './firstRows';
import { accountsDatasource, type ViewState } from './accountsSource';
import type { AccountView } from '../view';
import { createSelection } from './selection';
import { createTotalStore, RowCount } from './RowCount';
import { SelectAllHeader, SelectCell, type SelectionContext } from './SelectionCells';
import { AccountsEmpty } from './AccountsEmpty';
import { downloadAccountsTemplate } from '../../../renderer/api/accountsTemplate';
import { useOpenedOnce } from '../../../renderer/components/useOpenedOnce';

// The detail drawer and the dialogs (with their tables, forms and steps) load when first
// opened: the grid is what the screen shows first, and it need not wait for them.
const AccountDetail = lazy(() => import('./AccountDetail').then((m) => ({ default: m.AccountDetail })));
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));
const NewAccountDialog = lazy(() => import('./NewAccountDialog').then((m) => ({ default: m.NewAccountDialog })));

const COLUMN_STATE_KEY = 'accounts.columnState';
const getRowId = (p: { data: Account }) => p.data.id;

/** The tick and the detail button columns: fixed at the left, not data. */
const TOOL_COLUMN = {
  headerName: '',
  pinned: 'left',
  sortable: false,
  filter: false,
  editable: false,
  resizable: false,
  suppressMovable: true,
} as const;

const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, spacing: 6 });

export default function AccountsPage() {
  const { t } = useTranslation(['accounts', 'common']);
  const { message } = App.useApp();
  const { locale, money, today: bookToday } = usePrefs();
  const route = useHashRoute();
  // Prefetched at app start (firstRows.ts): with the names here, the grid is built once, with its columns.
  const [lookups, setLookups] = useState<Lookups | null>(takeArrivedLookups);
  const [scope, setScope] = useState<{ territoryId?: string; ownerId?: string }>({});
  const [quick, setQuick] = useState('');
  const [importOpen, setImportOpen] = useState(false);
  const [newOpen, setNewOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const gridApi = useRef<GridApi<Account> | null>(null);
  const jobs = useJobRunner();
  const detailId = route.params.get('id');
  const selection = useMemo(createSelection, []);
  const totals = useMemo(createTotalStore, []);
  // The delete button follows the ticks.
  const anyTicked = useSyncExternalStore(selection.subscribe, () => selection.size() > 0);
  const importUsed = useOpenedOnce(importOpen);
  const newUsed = useOpenedOnce(newOpen);

  // What narrows the view besides the grid's own sort and filters; read by the datasource
  // when the grid asks for a page, so a change only needs the grid to ask again.
  const viewState = useRef<ViewState>({ search: '', lang: locale });
  const shownView = useRef<AccountView>({});
  // The datasource is made once (a new one makes the grid start over), so it reports
  // errors through a ref to the current message API.
  const messageRef = useRef(message);
  messageRef.current = message;
  const datasource = useMemo(
    () =>
      accountsDatasource({
        state: () => viewState.current,
        onView: (view, key) => {
          shownView.current = view;
          selection.setView(key);
        },
        onTotal: totals.set,
        onError: (err) => messageRef.current.error(err.message),
      }),
    [selection, totals],
  );
  /**
   * Asks the grid for the view's rows again from the top (the view changed). The rows on
   * screen stay until the new ones replace them in place: cheaper than emptying the grid
   * (blank loading rows, then every row drawn anew) and calmer to look at.
   */
  const requery = useCallback(() => {
    const api = gridApi.current;
    if (!api) return;
    api.ensureIndexVisible(0, 'top');
    api.refreshInfiniteCache();
  }, []);

  const loadLookups = useCallback(async () => setLookups(await (takePrefetchedLookups() ?? call('accounts:lookups', {}))), []);
  const lookupsAtMount = useRef(lookups !== null);
  useEffect(() => {
    if (!lookupsAtMount.current) void loadLookups();
  }, [loadLookups]);
  /** After a change made elsewhere (import, detail, new account): names and rows afresh, in place. */
  const reload = useCallback(async () => {
    await loadLookups();
    gridApi.current?.refreshInfiniteCache();
  }, [loadLookups]);

  const changeScope = useCallback(
    (next: { territoryId?: string; ownerId?: string }) => {
      viewState.current = { ...viewState.current, territoryId: next.territoryId, ownerId: next.ownerId };
      requery();
      setScope(next);
    },
    [requery],
  );
  useEffect(() => {
    if (viewState.current.search === quick) return;
    const timer = setTimeout(() => {
      viewState.current = { ...viewState.current, search: quick };
      requery();
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [quick, requery]);
  // Labels are matched in the UI's language: a new language may change what a filter holds.
  useEffect(() => {
    if (viewState.current.lang === locale) return;
    viewState.current = { ...viewState.current, lang: locale };
    requery();
  }, [locale, requery]);

  const gridContext = useMemo<SelectionContext>(
    () => ({
      selection,
      selectAll: async () => {
        const view = shownView.current;
        selection.setAll(await call('accounts:ids', { view }), JSON.stringify(view));
      },
    }),
    [selection],
  );

  const columnDefs = useMemo<ColDef<Account>[]>(
    () =>
      lookups
        ? [
            { ...TOOL_COLUMN, colId: 'select', width: 48, headerComponent: SelectAllHeader, cellRenderer: SelectCell },
            {
              ...TOOL_COLUMN,
              colId: 'open',
              width: 52,
              cellRenderer: (p: { data?: Account }) => (
                <Button
                  size="small"
                  type="text"
                  icon={<ProfileOutlined />}
                  aria-label={t('detail')}
                  data-testid="open-detail"
                  onClick={() => p.data && navigate('accounts', { id: p.data.id })}
                />
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
        const updated = await call('accounts:update', {
          id: account.id,
          version: account.version,
          patch: { [key]: value } as AccountPatch,
        });
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
    const ids = selection.ids();
    // A whole view (tens of thousands of accounts) takes a moment: the button says so.
    setDeleting(true);
    let r: { deleted: number };
    try {
      r = await call('accounts:delete', { ids });
    } catch (err) {
      message.error((err as Error).message);
      return;
    } finally {
      setDeleting(false);
    }
    selection.clear();
    gridApi.current?.refreshInfiniteCache();
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
              gridApi.current?.refreshInfiniteCache();
            }}
          >
            {t('common:undo')}
          </Button>
        </Space>
      ),
    });
  }, [selection, message, t]);

  const exportView = useCallback(async () => {
    const api = gridApi.current;
    if (!api) return;
    const ref = await files.pickSave(`accounts-${bookToday()}.xlsx`);
    if (!ref) return;
    // The file holds the view the grid shows: its rows in its order, its visible columns.
    const columns = api
      .getAllDisplayedColumns()
      .map((c) => c.getColId())
      .filter((c) => c !== 'select' && c !== 'open');
    try {
      const r = await jobs.run('accounts:export', { file: ref.token, lang: locale, view: shownView.current, columns }, t('export'));
      await files.delivered(ref);
      message.success(t('exported', { count: r.rows }));
    } catch (err) {
      message.error((err as Error).message);
    }
  }, [jobs, locale, message, t, bookToday]);

  const downloadTemplate = useCallback(() => downloadAccountsTemplate(locale), [locale]);
  // Another screen's empty state sends the user here to import: #/accounts?import=1.
  const importAsked = route.params.get('import') === '1';
  useEffect(() => {
    if (!importAsked) return;
    setImportOpen(true);
    navigate('accounts');
  }, [importAsked]);

  const saveColumnState = useCallback(() => {
    const state = gridApi.current?.getColumnState();
    if (state) localStorage.setItem(COLUMN_STATE_KEY, JSON.stringify(state));
  }, []);

  // The grid's callbacks keep their identity across renders (typing in the search box
  // re-renders this page; a changed callback prop is a grid option update each time).
  const restoredColumns = useRef(false);
  const gridHandlers = useMemo(
    () => ({
      onCellValueChanged: (e: CellValueChangedEvent<Account>) => void onCellValueChanged(e),
      onGridReady: (e: { api: GridApi<Account> }) => {
        gridApi.current = e.api;
      },
      // The columns arrive with the names they show (territories, reps); the user's widths,
      // order and sort are put back once they are there.
      onNewColumnsLoaded: (e: { api: GridApi<Account> }) => {
        const saved = localStorage.getItem(COLUMN_STATE_KEY);
        if (!restoredColumns.current && saved && e.api.getColumns()?.length) {
          restoredColumns.current = true;
          e.api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
        }
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
          virtual={false}
          data-testid="scope-territory"
        />
        <Select
          style={{ width: 150 }}
          value={scope.ownerId ?? ''}
          onChange={(v) => changeScope(v ? { ...scope, ownerId: v } : { territoryId: scope.territoryId })}
          options={[{ value: '', label: t('scope.allReps') }, ...reps.map((x) => ({ value: x.id, label: name(x) }))]}
          virtual={false}
          data-testid="scope-owner"
        />
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('search')}
          value={quick}
          onChange={(e) => setQuick(e.target.value)}
          data-testid="quick-search"
        />
        <Button icon={<PlusOutlined />} onClick={() => setNewOpen(true)} data-testid="add-account">
          {t('add')}
        </Button>
        <Button
          icon={<DeleteOutlined />}
          danger
          disabled={!anyTicked}
          loading={deleting}
          onClick={() => void deleteSelected()}
          data-testid="delete-selected"
        >
          {t('delete')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="import-open">
          {t('import')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportView()} data-testid="export">
          {t('export')}
        </Button>
        <Button type="link" onClick={() => void downloadTemplate()} data-testid="template">
          {t('template')}
        </Button>
        <RowCount totals={totals} selection={selection} />
      </Space>
      <AccountsEmpty
        totals={totals}
        narrowed={() => !!(quick || scope.territoryId || scope.ownerId || gridApi.current?.isAnyFilterPresent())}
        actions={[
          { key: 'template', label: t('template'), icon: <DownloadOutlined />, onClick: () => void downloadTemplate() },
          { key: 'import', label: t('import'), icon: <UploadOutlined />, onClick: () => setImportOpen(true), primary: true },
          { key: 'add', label: t('add'), icon: <PlusOutlined />, onClick: () => setNewOpen(true) },
        ]}
      />
      <div style={{ flex: 1, minHeight: 400 }} data-testid="accounts-grid">
        <AgGridReact<Account>
          theme={gridTheme}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK}
          maxBlocksInCache={50}
          context={gridContext}
          columnDefs={columnDefs}
          getRowId={getRowId}
          localeText={gridLocaleText(locale)}
          animateRows={false}
          stopEditingWhenCellsLoseFocus
          onCellValueChanged={gridHandlers.onCellValueChanged}
          onGridReady={gridHandlers.onGridReady}
          onNewColumnsLoaded={gridHandlers.onNewColumnsLoaded}
          onSortChanged={saveColumnState}
          onColumnMoved={saveColumnState}
          onColumnResized={gridHandlers.onColumnResized}
          onColumnVisible={saveColumnState}
          onColumnPinned={saveColumnState}
        />
      </div>
      {jobs.element}
      <Suspense fallback={null}>
        {importUsed && (
          <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} onImported={() => void reload()} runJob={jobs.run} />
        )}
        {newUsed && lookups && (
          <NewAccountDialog open={newOpen} lookups={lookups} onClose={() => setNewOpen(false)} onCreated={() => void reload()} />
        )}
        {detailId && lookups && (
          <AccountDetail id={detailId} lookups={lookups} onClose={() => navigate('accounts')} onChanged={() => void reload()} />
        )}
      </Suspense>
    </div>
  );
}
