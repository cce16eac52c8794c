import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type CellValueChangedEvent, type ColDef, type ColumnState, type GridApi } from 'ag-grid-community';
import '../../../renderer/grid/agGrid';
import { gridLocaleText } from '../../../renderer/grid/gridLocale';
// Icons as SVG definitions (SvgIcon): the grid and the empty state's actions are made before Ant Design loads.
import DownloadOutlined from '@ant-design/icons-svg/es/asn/DownloadOutlined';
import PlusOutlined from '@ant-design/icons-svg/es/asn/PlusOutlined';
import ProfileOutlined from '@ant-design/icons-svg/es/asn/ProfileOutlined';
import UploadOutlined from '@ant-design/icons-svg/es/asn/UploadOutlined';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { SvgIcon } from '../../../renderer/components/SvgIcon';
import { antdIsland } from '../../../renderer/components/antdIsland';
import { markFirstScreenShown } from '../../../renderer/components/firstScreen';
import { lateMessages } from '../../../renderer/components/lateMessages';
import { navigate } from '../../../renderer/app/useHashRoute';
import type { Account, AccountPatch, Lookups } from '../contract';
import { accountColumns, TYPING_PAUSE_MS } from './columns';
import { BLOCK, takeArrivedLookups, takePrefetchedLookups } from './firstRows';
import { accountsDatasource, type ViewState } from './accountsSource';
import type { AccountView } from '../view';
import { createSelection } from './selection';
import { createTotalStore, RowCount } from './RowCount';
import { SelectAllHeader, SelectCell, type SelectionContext } from './SelectionCells';
import { AccountsEmpty } from './AccountsEmpty';
import { ToolbarPlace } from './ToolbarPlace';
import { downloadAccountsTemplate } from '../../../renderer/api/accountsTemplate';
import type { AccountsToolsProps, Scope } from './AccountsTools';

// The toolbar, the dialogs and the detail drawer (Ant Design) load once the first rows are
// on screen (renderer/components/firstScreen.ts): the grid is what the screen shows first.
const AccountsTools = antdIsland(() => import('./AccountsTools').then((m) => m.AccountsTools), { afterFirstScreen: true });

/** The grid's first answer is drawn (two frames on): Ant Design's parts may load now. */
function shownOnScreen(): void {
  requestAnimationFrame(() => requestAnimationFrame(markFirstScreenShown));
}

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
  const { locale, money } = usePrefs();
  // Prefetched at app start (firstRows.ts): with the names here, the grid is built once, with its columns.
  const [lookups, setLookups] = useState<Lookups | null>(takeArrivedLookups);
  const [scope, setScope] = useState<Scope>({});
  const [quick, setQuick] = useState('');
  const [dialog, setDialog] = useState<'import' | 'new' | null>(null);
  const gridApi = useRef<GridApi<Account> | null>(null);
  const selection = useMemo(createSelection, []);
  const totals = useMemo(createTotalStore, []);
  // The grid's callbacks run before Ant Design (and its messages) may have loaded.
  const messages = useMemo(lateMessages, []);

  // What narrows the view besides the grid's own sort and filters; read by the datasource
  // when the grid asks for a page, so a change only needs the grid to ask again.
  const viewState = useRef<ViewState>({ search: '', lang: locale });
  const shownView = useRef<AccountView>({});
  const datasource = useMemo(
    () =>
      accountsDatasource({
        state: () => viewState.current,
        onView: (view, key) => {
          shownView.current = view;
          selection.setView(key);
        },
        onTotal: (total) => {
          totals.set(total);
          shownOnScreen();
        },
        onError: (err) => {
          shownOnScreen();
          messages.show((m) => void m.error(err.message));
        },
      }),
    [selection, totals, messages],
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
    (next: Scope) => {
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
              // A plain button in Ant Design's small text-button look (frame.css): the grid
              // draws before Ant Design loads.
              cellRenderer: (p: { data?: Account }) => (
                <button
                  type="button"
                  className="sw-cell-button"
                  title={t('detail')}
                  aria-label={t('detail')}
                  data-testid="open-detail"
                  onClick={() => p.data && navigate('accounts', { id: p.data.id })}
                >
                  <SvgIcon icon={ProfileOutlined} />
                </button>
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
        messages.show((m) => void m.success({ content: t('saved'), key: 'save', duration: 1 }));
      } catch (err) {
        // A rejected edit says why and keeps the old value.
        (account as Record<string, unknown>)[key] = e.oldValue;
        e.node.setData({ ...account });
        const reason = (err as Error).message;
        messages.show((m) => void m.error({ content: t('editRejected', { reason }), key: 'save', duration: 5 }));
      }
    },
    [messages, t],
  );

  const downloadTemplate = useCallback(() => downloadAccountsTemplate(locale), [locale]);
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

  const tools: AccountsToolsProps = {
    lookups,
    scope,
    changeScope,
    quick,
    setQuick,
    selection,
    gridApi,
    shownView,
    dialog,
    setDialog,
    reload,
    messages,
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 8 }}>
      <Suspense fallback={<ToolbarPlace />}>
        <AccountsTools {...tools} />
      </Suspense>
      <RowCount totals={totals} selection={selection} />
      <AccountsEmpty
        totals={totals}
        narrowed={() => !!(quick || scope.territoryId || scope.ownerId || gridApi.current?.isAnyFilterPresent())}
        actions={[
          { key: 'template', label: t('template'), icon: <SvgIcon icon={DownloadOutlined} />, onClick: () => void downloadTemplate() },
          { key: 'import', label: t('import'), icon: <SvgIcon icon={UploadOutlined} />, onClick: () => setDialog('import'), primary: true },
          { key: 'add', label: t('add'), icon: <SvgIcon icon={PlusOutlined} />, onClick: () => setDialog('new') },
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
    </div>
  );
}
