import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type CellValueChangedEvent, type ColDef, type ColumnState, type GridApi } from 'ag-grid-community';
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
import { AccountDetail } from './AccountDetail';
import { ImportDialog } from './ImportDialog';
import { NewAccountDialog } from './NewAccountDialog';

ModuleRegistry.registerModules([AllCommunityModule]);

const COLUMN_STATE_KEY = 'accounts.columnState';
const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, spacing: 6 });

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

  const reload = useCallback(async () => {
    const [l, list] = await Promise.all([call('accounts:lookups', {}), call('accounts:list', scope)]);
    setLookups(l);
    setRows(list);
  }, [scope]);
  useEffect(() => {
    void reload();
  }, [reload]);

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

  const reps = lookups?.reps.filter((r) => !scope.territoryId || r.territoryId === scope.territoryId) ?? [];
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 8 }}>
      <Space wrap>
        <Select
          style={{ width: 150 }}
          value={scope.territoryId ?? ''}
          onChange={(v) => setScope(v ? { territoryId: v } : {})}
          options={[{ value: '', label: t('scope.all') }, ...(lookups?.territories.map((x) => ({ value: x.id, label: name(x) })) ?? [])]}
          data-testid="scope-territory"
        />
        <Select
          style={{ width: 150 }}
          value={scope.ownerId ?? ''}
          onChange={(v) => setScope((s) => (v ? { ...s, ownerId: v } : { territoryId: s.territoryId }))}
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
          {t('count', { count: shown })}
          {selected.length > 0 ? ` · ${t('selected', { count: selected.length })}` : ''}
        </Typography.Text>
      </Space>
      <div style={{ flex: 1, minHeight: 400 }} data-testid="accounts-grid">
        <AgGridReact<Account>
          theme={gridTheme}
          rowData={rows ?? undefined}
          loading={rows === null}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.id}
          localeText={locale === 'zh-CN' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
          selectionColumnDef={{ pinned: 'left', width: 44 }}
          quickFilterText={quick}
          cacheQuickFilter
          animateRows={false}
          stopEditingWhenCellsLoseFocus
          onCellValueChanged={(e) => void onCellValueChanged(e)}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows().map((r) => r.id))}
          onModelUpdated={(e) => setShown(e.api.getDisplayedRowCount())}
          onGridReady={(e) => {
            gridApi.current = e.api;
            const saved = localStorage.getItem(COLUMN_STATE_KEY);
            if (saved) e.api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
          }}
          onSortChanged={saveColumnState}
          onColumnMoved={saveColumnState}
          onColumnResized={(e) => e.finished && saveColumnState()}
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
