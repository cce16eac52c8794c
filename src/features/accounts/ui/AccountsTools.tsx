import { lazy, Suspense, useCallback, useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import { App, Button, Input, Select, Space } from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { showUndoable } from '../../../renderer/components/undoableMessage';
import { call, files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate, useHashRoute } from '../../../renderer/app/useHashRoute';
import type { LateMessages } from '../../../renderer/components/lateMessages';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { useOpenedOnce } from '../../../renderer/components/useOpenedOnce';
import { downloadAccountsTemplate } from '../../../renderer/api/accountsTemplate';
import type { Account, Lookups } from '../contract';
import type { AccountView } from '../view';
import type { Selection } from './selection';

// The accounts screen's Ant Design parts: the toolbar, and the dialogs and the detail drawer
// it opens. Loaded once the grid's first rows are on screen (renderer/components/firstScreen.ts),
// in the place AccountsPage keeps for it.

// The detail drawer and the dialogs (with their tables, forms and steps) load when first
// opened.
const AccountDetail = lazy(() => import('./AccountDetail').then((m) => ({ default: m.AccountDetail })));
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));
const NewAccountDialog = lazy(() => import('./NewAccountDialog').then((m) => ({ default: m.NewAccountDialog })));

export type Scope = { territoryId?: string; ownerId?: string };

export interface AccountsToolsProps {
  lookups: Lookups | null;
  scope: Scope;
  changeScope(next: Scope): void;
  quick: string;
  setQuick(text: string): void;
  selection: Selection;
  gridApi: RefObject<GridApi<Account> | null>;
  /** The view the grid shows (what an export writes). */
  shownView: RefObject<AccountView>;
  /** Which dialog is open: the page's empty state opens them too. */
  dialog: 'import' | 'new' | null;
  setDialog(dialog: 'import' | 'new' | null): void;
  /** Names and rows afresh, after a change made here. */
  reload(): Promise<void>;
  /** Where the grid's own callbacks find Ant Design's messages. */
  messages: LateMessages;
}

export function AccountsTools(p: AccountsToolsProps) {
  const { t } = useTranslation(['accounts', 'common']);
  const { message } = App.useApp();
  const { locale, today: bookToday } = usePrefs();
  const route = useHashRoute();
  const jobs = useJobRunner();
  const [deleting, setDeleting] = useState(false);
  const { selection, gridApi, shownView, messages, setDialog } = p;
  // The delete button follows the ticks.
  const anyTicked = useSyncExternalStore(selection.subscribe, () => selection.size() > 0);
  const importUsed = useOpenedOnce(p.dialog === 'import');
  const newUsed = useOpenedOnce(p.dialog === 'new');
  const detailId = route.params.get('id');

  useEffect(() => messages.set(message), [messages, message]);

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
    showUndoable(message, {
      key,
      content: t('deleted', { count: r.deleted }),
      undoLabel: t('common:undo'),
      undoTestId: 'undo-delete',
      onUndo: async () => {
        const u = await call('accounts:undelete', { ids });
        message.success(t('restored', { count: u.restored }));
        gridApi.current?.refreshInfiniteCache();
      },
    });
  }, [selection, gridApi, message, t]);

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
  }, [gridApi, shownView, jobs, locale, message, t, bookToday]);

  // Another screen's empty state sends the user here to import: #/accounts?import=1.
  const importAsked = route.params.get('import') === '1';
  useEffect(() => {
    if (!importAsked) return;
    setDialog('import');
    navigate('accounts');
  }, [importAsked, setDialog]);

  const { lookups, scope, changeScope } = p;
  const reps = lookups?.reps.filter((r) => !scope.territoryId || r.territoryId === scope.territoryId) ?? [];
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);

  return (
    <>
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
          value={p.quick}
          onChange={(e) => p.setQuick(e.target.value)}
          data-testid="quick-search"
        />
        <Button icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="add-account">
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
        <Button icon={<UploadOutlined />} onClick={() => setDialog('import')} data-testid="import-open">
          {t('import')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportView()} data-testid="export">
          {t('export')}
        </Button>
        <Button type="link" onClick={() => void downloadAccountsTemplate(locale)} data-testid="template">
          {t('template')}
        </Button>
      </Space>
      {jobs.element}
      <Suspense fallback={null}>
        {importUsed && (
          <ImportDialog open={p.dialog === 'import'} onClose={() => setDialog(null)} onImported={() => void p.reload()} runJob={jobs.run} />
        )}
        {newUsed && lookups && (
          <NewAccountDialog open={p.dialog === 'new'} lookups={lookups} onClose={() => setDialog(null)} onCreated={() => void p.reload()} />
        )}
        {detailId && lookups && (
          <AccountDetail id={detailId} lookups={lookups} onClose={() => navigate('accounts')} onChanged={() => void p.reload()} />
        )}
      </Suspense>
    </>
  );
}
