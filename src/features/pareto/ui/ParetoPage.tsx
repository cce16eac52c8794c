import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, InputNumber, Select, Space, Spin, Tabs, Tooltip, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, files, type Out } from '../../../renderer/api/client';
import { takeArrived, takeEarly } from '../../../renderer/api/early';
import { usePrefs } from '../../../renderer/app/prefs';
import { useHashRoute } from '../../../renderer/app/useHashRoute';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { EmptyState } from '../../../renderer/components/EmptyState';
import { useSecondPass } from '../../../renderer/components/useSecondPass';
import { navigate } from '../../../renderer/app/useHashRoute';
import { downloadAccountsTemplate } from '../../../renderer/api/accountsTemplate';
import type { Lookups } from '../../accounts/contract';
import type { ParetoAnalysis, ParetoParams } from '../contract';
import { THRESHOLD_PRESETS } from '../domain';
import { scopeOfLink } from '../../../shared/scope';
import { ParetoChart } from './ParetoChart';
import { CompositionPanel } from './CompositionPanel';
import { RanksTable } from './RanksTable';
import { ApplyGrades } from './ApplyGrades';
import { paretoViews } from './views';

// The visit plan and the scorecard load when their tab is first opened (./views).
const VisitPlanTab = lazy(() => paretoViews.plan.lazy());
const ScorecardTab = lazy(() => paretoViews.scorecard.lazy());
const tabLoading = <Spin style={{ margin: 24 }} />;

type Measure = ParetoParams['measure'];

/** Waits until a value has been stable for `ms` (typing a threshold must not rank on each key). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  // The first value (the saved settings arriving as the screen opens) is taken at once:
  // the pause is for typing, and opening the screen should not wait on it.
  if (v === null && value !== null) setV(value);
  useEffect(() => {
    const h = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(h);
  }, [value, ms]);
  return v ?? value;
}

export default function ParetoPage() {
  const { t } = useTranslation(['pareto', 'common']);
  const { message } = App.useApp();
  // Read through a ref: the effect below must run when the parameters change, not when antd
  // hands out a new message API object.
  const messageRef = useRef(message);
  messageRef.current = message;
  const { locale } = usePrefs();
  const jobs = useJobRunner();
  // A link may open the area on a scope and a tab (#/pareto?tab=plan&territoryId=…&ownerId=…: the Reports tiles).
  const route = useHashRoute();
  const [linked] = useState(() => ({ scope: scopeOfLink(route.params), tab: route.params.get('tab') }));
  const [tab, setTab] = useState(linked.tab === 'plan' || linked.tab === 'scorecard' ? linked.tab : 'analysis');
  // What the page's entry asked for and already has is the first render's state (not a spinner
  // pass, then an effect, then the render again); what has not arrived is taken by the effects.
  const [lookups, setLookups] = useState<Lookups | null>(() => takeArrived('accounts:lookups', {}) ?? null);
  /** The saved measure and thresholds, on the link's scope. */
  const opening = useCallback(
    (saved: Out<'pareto:settings'>): ParetoParams => ({ measure: saved.measure, a: saved.a, b: saved.b, ...linked.scope }),
    [linked],
  );
  const [params, setParams] = useState<ParetoParams | null>(() => {
    const saved = takeArrived('pareto:settings', {});
    return saved ? opening(saved) : null;
  });
  const [analysis, setAnalysis] = useState<ParetoAnalysis | null>(null);
  const [version, setVersion] = useState(0);

  const [missing] = useState(() => ({ lookups: lookups === null, params: params === null }));
  useEffect(() => {
    if (missing.lookups) void takeEarly('accounts:lookups', {}).then(setLookups);
    if (missing.params) void takeEarly('pareto:settings', {}).then((s) => setParams(opening(s)));
  }, [missing, opening]);

  // The composition and the ranks table mount one pass after the first analysis (useSecondPass).
  const secondShown = useSecondPass(analysis !== null);

  const settled = useDebounced(params, 250);
  // The thresholds must be a ≤ b; the inputs keep them so, but a half-typed value waits.
  const valid = settled && settled.a <= settled.b ? settled : null;

  useEffect(() => {
    if (!valid) return;
    let live = true;
    call('pareto:analyze', { params: valid, maxBars: 2000 })
      .then((a) => live && setAnalysis(a))
      .catch((e: Error) => messageRef.current.error(e.message));
    void call('pareto:saveSettings', { measure: valid.measure, a: valid.a, b: valid.b }).catch(() => {});
    return () => {
      live = false;
    };
  }, [valid, version]);

  const set = useCallback((patch: Partial<ParetoParams>) => setParams((p) => (p ? { ...p, ...patch } : p)), []);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  const exportWorkbook = useCallback(async () => {
    if (!valid) return;
    const ref = await files.pickSave(`pareto-${valid.measure}-${valid.a}-${valid.b}.xlsx`);
    if (!ref) return;
    try {
      const r = await jobs.run('pareto:export', { params: valid, file: ref.token, lang: locale }, t('exportPareto'));
      await files.delivered(ref);
      message.success(t('exported', { count: r.rows }));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [jobs, locale, message, t, valid]);

  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);
  const reps = useMemo(
    () => lookups?.reps.filter((r) => !params?.territoryId || r.territoryId === params.territoryId) ?? [],
    [lookups, params?.territoryId],
  );
  const measureLabel = (m: Measure) => t(`measure.${m}`);

  if (!params || !lookups) return <Spin style={{ margin: 40 }} />;

  const controls = (
    <Space wrap size="middle" data-testid="pareto-controls">
      <Space size="small">
        <Typography.Text type="secondary">{t('measure.label')}</Typography.Text>
        <Select<Measure | 'cash'>
          style={{ width: 140 }}
          value={params.measure}
          onChange={(v) => v !== 'cash' && set({ measure: v })}
          data-testid="measure"
          options={[
            ...(['sales', 'salesLastYear', 'profit'] as const).map((m) => ({ value: m, label: measureLabel(m) })),
            { value: 'cash', disabled: true, label: <Tooltip title={t('measure.cashNote')}>{t('measure.cash')}</Tooltip> },
          ]}
        />
      </Space>
      <Select
        style={{ width: 140 }}
        value={params.territoryId ?? ''}
        onChange={(v) => set({ territoryId: v || undefined, ownerId: undefined })}
        options={[{ value: '', label: t('scope.all') }, ...lookups.territories.map((x) => ({ value: x.id, label: name(x) }))]}
        data-testid="scope-territory"
      />
      <Select
        style={{ width: 140 }}
        value={params.ownerId ?? ''}
        onChange={(v) => set({ ownerId: v || undefined })}
        options={[{ value: '', label: t('scope.allReps') }, ...reps.map((x) => ({ value: x.id, label: name(x) }))]}
        data-testid="scope-owner"
      />
      <Space size="small">
        <Typography.Text type="secondary">{t('thresholds')}</Typography.Text>
        <InputNumber
          size="small"
          min={0}
          max={params.b}
          step={1}
          precision={2}
          value={params.a}
          onChange={(v) => v !== null && set({ a: v })}
          prefix="A"
          style={{ width: 96 }}
          data-testid="threshold-a"
        />
        <InputNumber
          size="small"
          min={params.a}
          max={100}
          step={1}
          precision={2}
          value={params.b}
          onChange={(v) => v !== null && set({ b: v })}
          prefix="B"
          style={{ width: 96 }}
          data-testid="threshold-b"
        />
      </Space>
      <Space size={4}>
        <Typography.Text type="secondary">{t('presets')}</Typography.Text>
        {THRESHOLD_PRESETS.map((p) => (
          <Button
            key={`${p.a}/${p.b}`}
            size="small"
            type={params.a === p.a && params.b === p.b ? 'primary' : 'default'}
            onClick={() => set({ a: p.a, b: p.b })}
            data-testid={`preset-${p.a}-${p.b}`}
          >
            {p.a}/{p.b}
          </Button>
        ))}
      </Space>
    </Space>
  );

  const analysisTab = (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('chart.title')}
        extra={
          <Space>
            {analysis && (
              <Typography.Text type="secondary" data-testid="ranked-info">
                {analysis.cached
                  ? t('chart.rankedCached', { n: analysis.count.toLocaleString() })
                  : t('chart.ranked', { n: analysis.count.toLocaleString(), ms: analysis.rankedMs })}{' '}
                · {t('chart.click')}
              </Typography.Text>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => void exportWorkbook()} data-testid="export-pareto">
              {t('exportPareto')}
            </Button>
            {valid && <ApplyGrades params={valid} runJob={jobs.run} onChanged={refresh} />}
          </Space>
        }
      >
        {analysis ? <ParetoChart analysis={analysis} measureLabel={measureLabel(analysis.measure)} /> : <Spin style={{ margin: 40 }} />}
      </Card>
      {secondShown && analysis && <CompositionPanel analysis={analysis} />}
      {/* After the analysis, so the ranking it triggers is the one the table pages through. */}
      {secondShown && analysis && valid && <RanksTable params={valid} version={version} />}
    </Space>
  );

  return (
    <div data-testid="pareto-page">
      {controls}
      {analysis && analysis.count === 0 && !params.territoryId && !params.ownerId && (
        <EmptyState
          testId="pareto-empty"
          title={t('empty.title')}
          body={t('empty.body')}
          actions={[
            {
              key: 'template',
              label: t('empty.template'),
              icon: <DownloadOutlined />,
              onClick: () => void downloadAccountsTemplate(locale),
            },
            {
              key: 'import',
              label: t('empty.importAccounts'),
              icon: <UploadOutlined />,
              onClick: () => navigate('accounts', { import: '1' }),
              primary: true,
            },
          ]}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'analysis', label: <span data-testid="tab-analysis">{t('tabs.analysis')}</span>, children: analysisTab },
          {
            key: 'plan',
            label: <span data-testid="tab-plan">{t('tabs.plan')}</span>,
            children: (
              <Suspense fallback={tabLoading}>
                <VisitPlanTab lookups={lookups} defaultRep={params.ownerId} />
              </Suspense>
            ),
          },
          {
            key: 'scorecard',
            label: <span data-testid="tab-scorecard">{t('tabs.scorecard')}</span>,
            children: valid ? (
              <Suspense fallback={tabLoading}>
                <ScorecardTab params={valid} version={version} />
              </Suspense>
            ) : null,
          },
        ]}
      />
      {jobs.element}
    </div>
  );
}

export type ParetoAnalysisOut = Out<'pareto:analyze'>;
