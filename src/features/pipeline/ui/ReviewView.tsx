import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, InputNumber, Row, Select, Space, Spin, Statistic, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { EChart, type EChartClick } from '../../../renderer/components/EChart';
import { useSecondPass } from '../../../renderer/components/useSecondPass';
import { addDays, quarterEnd } from '../../../shared/dates';
import type { ReviewMetric } from '../drill';
import type { Opportunity, ReviewOut } from '../contract';
import type { Scope } from '../../../shared/scope';
import { BRIDGE_METRIC, BRIDGE_STEPS, bridgeOption, type BridgeStep } from './bridgeChart';
import type { DrillRequest } from './ReviewDrill';
import { CommitmentsPanel, GroupTable, Num, PerStageTable } from './ReviewTables';
import { reviewPrintCss } from './printCss';
import type { Lookups, Names } from './usePipelineLookups';

type PeriodChoice = 'quarter' | 'year' | 'none';

// The drill (a drawer with an ag-grid list) loads when the review has been drawn, not with it:
// ag-grid is 0.94 MB of script the review's first paint does not need.
const loadDrill = () => import('./ReviewDrill').then((m) => ({ default: m.ReviewDrill }));
const ReviewDrill = lazy(loadDrill);

// The weekly pipeline review (docs/en/pipeline.md), made to be projected in the Monday meeting:
// two dates (a week ago and today by default), what moved between them, the bridge, the
// per-stage metrics, totals per rep and territory, and last week's commitments. Every
// number opens the opportunities behind it.
export default function ReviewView({
  scope,
  lookups,
  names,
  list,
  generation,
  onOpen,
}: {
  scope: Scope;
  lookups: Lookups;
  names: Names;
  list: Opportunity[] | null;
  generation: number;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation(['pipeline', 'common']);
  const { money, locale } = usePrefs();
  const { message } = App.useApp();
  const jobs = useJobRunner();
  const [from, setFrom] = useState(() => addDays(lookups.today, -7));
  const [to, setTo] = useState(lookups.today);
  const [stallDays, setStallDays] = useState(lookups.stallDays);
  const [periodChoice, setPeriodChoice] = useState<PeriodChoice>('quarter');
  const [review, setReview] = useState<ReviewOut | null>(null);
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const [refresh, setRefresh] = useState(0);

  const periodEnd = periodChoice === 'quarter' ? quarterEnd(to) : periodChoice === 'year' ? `${to.slice(0, 4)}-12-31` : null;
  useEffect(() => {
    let live = true;
    call('pipeline:review', { from, to, stallDays, periodEnd, ...scope })
      .then((r) => live && setReview(r))
      .catch((err: Error) => message.error(err.message));
    return () => {
      live = false;
    };
  }, [from, to, stallDays, periodEnd, scope, generation, refresh, message]);

  // The per-stage, per-rep and per-territory tables and the commitments mount a pass after the
  // first review: the bridge chart is drawn without waiting on them (useSecondPass).
  const tablesShown = useSecondPass(review !== null);
  useEffect(() => {
    if (tablesShown) void loadDrill();
  }, [tablesShown]);

  const open = useCallback((d: DrillRequest) => setDrill(d), []);
  const labels = useMemo(() => new Map((list ?? []).map((o) => [o.id, { name: o.name, accountName: o.accountName }])), [list]);
  const labelOf = useCallback((id: string) => labels.get(id) ?? { name: id, accountName: '' }, [labels]);
  const bridgeLabels = useMemo(
    () => Object.fromEntries(BRIDGE_STEPS.map((s) => [s, t(`review.bridgeParts.${s}`)])) as Record<BridgeStep, string>,
    [t],
  );
  const bridge = useMemo(
    () => (review ? bridgeOption(review.bridge, bridgeLabels, money, locale) : null),
    [review, bridgeLabels, money, locale],
  );

  const exportWorkbook = async () => {
    const ref = await files.pickSave(`pipeline-review-${from}-${to}.xlsx`);
    if (!ref) return;
    try {
      await jobs.run('pipeline:exportReview', { file: ref.token, from, to, stallDays, lang: locale, ...scope }, t('review.export'));
      await files.delivered(ref);
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  if (!review || !bridge) return <Spin style={{ margin: 40 }} />;
  const stat = (metric: ReviewMetric, title: string, value: number, testId: string, color?: string, sub?: string) => (
    // Sized by their content (not equal shares): English titles such as "Close date slipped" are
    // longer than the Chinese and overflowed an equal-width card.
    <Col flex="1 1 auto" style={{ minWidth: 96 }}>
      <Card
        size="small"
        hoverable
        onClick={() => open({ metric, title })}
        data-testid={testId}
        style={{ height: '100%' }}
        styles={{ body: { padding: '6px 10px' } }}
      >
        <Statistic title={<span style={{ whiteSpace: 'nowrap' }}>{title}</span>} value={value} valueStyle={{ fontSize: 20, color }} />
        {sub && (
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {sub}
          </Typography.Text>
        )}
      </Card>
    </Col>
  );

  return (
    <div className="sw-print-review" data-testid="review-view">
      <style>{reviewPrintCss}</style>
      <Space wrap className="sw-no-print" style={{ marginBottom: 8 }}>
        <Typography.Text>{t('review.from')}</Typography.Text>
        <DatePicker
          allowClear={false}
          value={dayjs(from)}
          maxDate={dayjs(to)}
          onChange={(d) => d && setFrom(d.format('YYYY-MM-DD'))}
          data-testid="review-from"
        />
        <Typography.Text>{t('review.to')}</Typography.Text>
        <DatePicker
          allowClear={false}
          value={dayjs(to)}
          minDate={dayjs(from)}
          maxDate={dayjs(lookups.today)}
          onChange={(d) => d && setTo(d.format('YYYY-MM-DD'))}
          data-testid="review-to"
        />
        <Typography.Text>{t('review.stallDays')}</Typography.Text>
        <InputNumber
          min={1}
          max={3650}
          value={stallDays}
          onChange={(v) => v && setStallDays(v)}
          style={{ width: 80 }}
          data-testid="review-stall-days"
        />
        <Typography.Text>{t('review.periodEnd')}</Typography.Text>
        <Select
          value={periodChoice}
          onChange={setPeriodChoice}
          style={{ width: 220 }}
          options={[
            { value: 'quarter', label: `${t('review.quarter')} ${quarterEnd(to)}` },
            { value: 'year', label: `${t('review.year')} ${to.slice(0, 4)}-12-31` },
            { value: 'none', label: t('review.none') },
          ]}
        />
        <Button icon={<DownloadOutlined />} onClick={() => void exportWorkbook()} data-testid="review-export">
          {t('review.export')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="review-print">
          {t('review.print')}
        </Button>
        <Typography.Text type="secondary" data-testid="review-millis">
          {t('review.built', { ms: review.millis })}
        </Typography.Text>
      </Space>
      <Typography.Title level={4} className="sw-print-only" style={{ display: 'none' }}>
        {t('tabs.review')} {from} → {to}
      </Typography.Title>
      <Row gutter={[8, 8]} wrap={false} style={{ overflowX: 'auto' }}>
        {(['new', 'advanced', 'movedBack', 'won', 'lost', 'unchanged'] as const).map((c) =>
          stat(
            c,
            t(`review.classes.${c}`),
            review.counts[c],
            `review-count-${c}`,
            c === 'won' || c === 'advanced' ? '#2da44e' : c === 'lost' || c === 'movedBack' ? '#cf222e' : undefined,
          ),
        )}
        {stat('stalled', t('review.stalled'), review.stalled, 'review-count-stalled', review.stalled ? '#9a6700' : undefined)}
        {stat('slipped', t('review.slipped'), review.slipped, 'review-count-slipped')}
        {stat(
          'increase',
          t('review.increases'),
          review.increases.count,
          'review-increases',
          undefined,
          `+${money(review.increases.amount)}`,
        )}
        {stat(
          'decrease',
          t('review.decreases'),
          review.decreases.count,
          'review-decreases',
          undefined,
          `−${money(review.decreases.amount)}`,
        )}
      </Row>
      <Row gutter={8} style={{ marginTop: 8 }}>
        <Col span={16}>
          <Card size="small" title={`${t('review.bridge')}${review.periodEnd ? ` (≤ ${review.periodEnd})` : ''}`}>
            <EChart
              option={bridge}
              style={{ height: 300 }}
              testId="bridge-chart"
              onClick={(e: EChartClick) => {
                const step = BRIDGE_STEPS[e.dataIndex];
                if (step) open({ metric: BRIDGE_METRIC[step], title: bridgeLabels[step] });
              }}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={`${t('review.pipelineFrom')} → ${t('review.pipelineTo')}`}>
            <Space direction="vertical">
              <Num onClick={() => open({ metric: 'openFrom', title: t('review.pipelineFrom') })} testId="review-pipeline-from">
                {t('review.pipelineFrom')} {from}: {review.pipelineFrom.count} · {money(review.pipelineFrom.amount)}
              </Num>
              <Num onClick={() => open({ metric: 'openTo', title: t('review.pipelineTo') })} testId="review-pipeline-to">
                {t('review.pipelineTo')} {to}: {review.pipelineTo.count} · {money(review.pipelineTo.amount)}
              </Num>
              <Typography.Text type="secondary">
                {t('field.weighted')} {money(review.pipelineTo.weighted)}
              </Typography.Text>
              {BRIDGE_STEPS.map((s) => (
                <Num key={s} onClick={() => open({ metric: BRIDGE_METRIC[s], title: bridgeLabels[s] })} testId={`bridge-${s}`}>
                  {bridgeLabels[s]}: {money(review.bridge[s])}
                </Num>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
      {tablesShown && (
        <>
          <Card size="small" title={t('review.perStage')} style={{ marginTop: 8 }} className="sw-print-avoid-break">
            <PerStageTable review={review} lookups={lookups} names={names} onDrill={open} />
          </Card>
          <Row gutter={8} style={{ marginTop: 8 }}>
            <Col span={24}>
              <Card size="small" title={t('review.byRep')}>
                <GroupTable groups={review.byOwner} by="owner" names={names} onDrill={open} />
              </Card>
            </Col>
            <Col span={24} style={{ marginTop: 8 }}>
              <Card size="small" title={t('review.byTerritory')}>
                <GroupTable groups={review.byTerritory} by="territory" names={names} onDrill={open} />
              </Card>
            </Col>
          </Row>
          <div style={{ marginTop: 8 }}>
            <CommitmentsPanel
              review={review}
              names={names}
              onOpen={onOpen}
              onDone={(id, doneOn) => void call('pipeline:commitmentDone', { id, doneOn }).then(() => setRefresh((n) => n + 1))}
            />
          </div>
        </>
      )}
      {drill && (
        <Suspense fallback={null}>
          <ReviewDrill
            drill={drill}
            rows={review.rows}
            names={names}
            labelOf={labelOf}
            reviewDate={to}
            onClose={() => setDrill(null)}
            onOpen={onOpen}
            onCommitted={() => setRefresh((n) => n + 1)}
          />
        </Suspense>
      )}
      {jobs.element}
    </div>
  );
}
