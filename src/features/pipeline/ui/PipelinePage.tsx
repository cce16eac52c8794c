import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { scopeOfLink, type Scope } from '../../../shared/scope';
import { App, Button, Modal, Select, Space, Spin, Table, Tabs } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { files } from '../../../renderer/api/client';
import { takeEarly } from '../../../renderer/api/early';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate, useHashRoute } from '../../../renderer/app/useHashRoute';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { EmptyState } from '../../../renderer/components/EmptyState';
import { ApiError } from '../../../shared/errors';
import { localizeReason } from '../../../renderer/i18n/serverReasons';
import type { ImportIssue, Opportunity } from '../contract';
import { usePipelineLookups } from './usePipelineLookups';
import { BoardView } from './BoardView';
import { OpportunityEditor } from './OpportunityEditor';
import { pipelineViews } from './views';

// Started by the page's entry when the app opens on their tab (./views).
const GridView = lazy(() => pipelineViews.grid.lazy());
const FunnelView = lazy(() => pipelineViews.funnel.lazy());
const ReviewView = lazy(() => pipelineViews.review.lazy());
const StageSettings = lazy(() => import('./StageSettings'));

// The pipeline area (docs/en/pipeline.md): #/pipeline?tab=board|grid|funnel|review|settings.
// The scope (territory, rep) applies to every tab; the editor opens over any of them.
export default function PipelinePage() {
  const { t } = useTranslation(['pipeline', 'common']);
  const { message } = App.useApp();
  const { locale } = usePrefs();
  const route = useHashRoute();
  const tab = route.params.get('tab') ?? 'board';
  const { lookups, names, reload: reloadLookups } = usePipelineLookups();
  // A link may open the area on a scope (#/pipeline?tab=review&territoryId=…&ownerId=…: the Reports tiles).
  const [scope, setScope] = useState<Scope>(() => scopeOfLink(route.params));
  const [list, setList] = useState<Opportunity[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // Bumped after every change so the funnel and the review reload.
  const [generation, setGeneration] = useState(0);
  const [importErrors, setImportErrors] = useState<{ errors: ImportIssue[]; count: number } | null>(null);
  const jobs = useJobRunner();

  // After a change the funnel and the review reload too (generation); not on the first load
  // or a new scope, which they ask for themselves (asked twice, the review's first answer,
  // asked early by the page's entry, would be thrown away for a second ask).
  const reload = useCallback(
    async (afterChange = true) => {
      setList(await takeEarly('pipeline:list', { ...scope, includeClosed: true }));
      if (afterChange) setGeneration((g) => g + 1);
    },
    [scope],
  );
  useEffect(() => {
    void reload(false);
  }, [reload]);

  const changed = useCallback(() => {
    void reload();
  }, [reload]);

  const importFile = useCallback(async () => {
    const ref = await files.pickOpen(['xlsx', 'csv']);
    if (!ref) return;
    try {
      const r = await jobs.run('pipeline:import', { file: ref.token }, t('importBtn'));
      message.success(t('importDone', r));
      await reload();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'import-rejected') {
        const d = err.details as { errors: ImportIssue[]; errorCount: number };
        setImportErrors({ errors: d.errors, count: d.errorCount });
      } else message.error((err as Error).message);
    }
  }, [jobs, message, reload, t]);

  const pick = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);
  const reps = lookups?.reps.filter((r) => !scope.territoryId || r.territoryId === scope.territoryId) ?? [];

  const toolbar = (
    <Space wrap className="sw-no-print">
      <Select
        style={{ width: 140 }}
        value={scope.territoryId ?? ''}
        onChange={(v) => setScope(v ? { territoryId: v } : {})}
        options={[{ value: '', label: t('scope.all') }, ...(lookups?.territories.map((x) => ({ value: x.id, label: pick(x) })) ?? [])]}
        data-testid="pipeline-scope-territory"
      />
      <Select
        style={{ width: 140 }}
        value={scope.ownerId ?? ''}
        onChange={(v) => setScope((s) => (v ? { ...s, ownerId: v } : { ...(s.territoryId ? { territoryId: s.territoryId } : {}) }))}
        options={[{ value: '', label: t('scope.allReps') }, ...reps.map((x) => ({ value: x.id, label: pick(x) }))]}
        data-testid="pipeline-scope-owner"
      />
      <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-opportunity">
        {t('add')}
      </Button>
      <Button icon={<UploadOutlined />} onClick={() => void importFile()} data-testid="pipeline-import">
        {t('importBtn')}
      </Button>
    </Space>
  );

  if (!lookups) return <Spin style={{ margin: 40 }} />;
  const fallback = <Spin style={{ margin: 40 }} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, minHeight: '100%' }}>
      {list && list.length === 0 && !scope.territoryId && !scope.ownerId && tab !== 'settings' && (
        <EmptyState
          testId="pipeline-empty"
          title={t('empty.title')}
          body={t('empty.body')}
          actions={[
            { key: 'import', label: t('importBtn'), icon: <UploadOutlined />, onClick: () => void importFile() },
            { key: 'add', label: t('add'), icon: <PlusOutlined />, onClick: () => setEditing('new'), primary: true },
          ]}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate('pipeline', { tab: k })}
        tabBarExtraContent={toolbar}
        className="sw-pipeline-tabs"
        items={[
          {
            key: 'board',
            label: <span data-testid="tab-board">{t('tabs.board')}</span>,
            children: <BoardView list={list} lookups={lookups} names={names} onOpen={setEditing} onChanged={changed} />,
          },
          {
            key: 'grid',
            label: <span data-testid="tab-grid">{t('tabs.grid')}</span>,
            children: (
              <Suspense fallback={fallback}>
                <GridView list={list} lookups={lookups} names={names} onOpen={setEditing} />
              </Suspense>
            ),
          },
          {
            key: 'funnel',
            label: <span data-testid="tab-funnel">{t('tabs.funnel')}</span>,
            children: (
              <Suspense fallback={fallback}>
                <FunnelView scope={scope} lookups={lookups} names={names} generation={generation} />
              </Suspense>
            ),
          },
          {
            key: 'review',
            label: <span data-testid="tab-review">{t('tabs.review')}</span>,
            children: (
              <Suspense fallback={fallback}>
                <ReviewView scope={scope} lookups={lookups} names={names} list={list} generation={generation} onOpen={setEditing} />
              </Suspense>
            ),
          },
          {
            key: 'settings',
            label: <span data-testid="tab-settings">{t('tabs.settings')}</span>,
            children: (
              <Suspense fallback={fallback}>
                <StageSettings onChanged={() => void reloadLookups().then(() => reload())} />
              </Suspense>
            ),
          },
        ]}
        destroyOnHidden
      />
      {jobs.element}
      {editing && (
        <OpportunityEditor
          id={editing === 'new' ? null : editing}
          lookups={lookups}
          names={names}
          scope={scope}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(id);
            changed();
          }}
        />
      )}
      <Modal open={!!importErrors} width={860} title={t('importRejected')} onCancel={() => setImportErrors(null)} footer={null}>
        <Table
          size="small"
          data-testid="pipeline-import-errors"
          rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.reason}`}
          dataSource={importErrors?.errors ?? []}
          pagination={{ pageSize: 12 }}
          columns={[
            { title: t('errorCols.sheet'), dataIndex: 'sheet', width: 110 },
            { title: t('errorCols.row'), dataIndex: 'row', width: 60 },
            { title: t('errorCols.column'), dataIndex: 'column', width: 130 },
            { title: t('errorCols.value'), dataIndex: 'value', width: 150 },
            { title: t('errorCols.reason'), dataIndex: 'reason', render: (r: string) => localizeReason(r, locale) },
          ]}
        />
      </Modal>
    </div>
  );
}
