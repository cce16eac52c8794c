import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { App, Card, Col, Empty, List, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { navigate } from '../../../renderer/app/useHashRoute';
import { usePrefs } from '../../../renderer/app/prefs';
import { EChart, type EChartsOption } from '../../../renderer/components/EChart';
import { useSecondPass } from '../../../renderer/components/useSecondPass';
import { forecastCallOption } from './forecastCallChart';
import type { OverviewScreen, OverviewVisits, ReportsLookups } from '../contract';
import { COVERAGE_MARK } from '../quotas';
import type { Scope } from '../../../shared/scope';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const times = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}×`);

/** A tile: a card whose click opens the screen behind it. */
function Tile({
  id,
  title,
  to,
  children,
  extra,
}: {
  id: string;
  title: ReactNode;
  to: () => void;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={title}
      extra={extra}
      hoverable
      onClick={to}
      style={{ height: '100%', cursor: 'pointer' }}
      data-testid={`tile-${id}`}
    >
      {children}
    </Card>
  );
}

// The manager's Monday on one screen (issue 18): each tile is a number from the overview
// channel (the meeting pack writes the same numbers) and clicks through to its screen.
export function OverviewTab({ week, scope, lookups }: { week: string; scope: Scope; lookups: ReportsLookups }) {
  const { t } = useTranslation('reports');
  const { locale, money } = usePrefs();
  const { message } = App.useApp();
  const [o, setO] = useState<OverviewScreen | null>(null);
  // The visits tile's numbers come apart: on a big book the reps' visit plans take seconds,
  // and the tile says it is still counting rather than holding up the screen.
  const [visits, setVisits] = useState<OverviewVisits | null>(null);
  useEffect(() => {
    let live = true;
    setO(null);
    setVisits(null);
    call('reports:overview', { week, ...scope }).then(
      (r) => live && setO(r),
      (e: Error) => message.error(e.message),
    );
    call('reports:overviewVisits', { week, ...scope }).then(
      (r) => live && setVisits(r),
      (e: Error) => message.error(e.message),
    );
    return () => {
      live = false;
    };
  }, [week, scope, message]);

  // The tiles below the first row (tables, lists and the ABC chart) mount a pass after the first
  // overview: the forecast chart is drawn without waiting on them (useSecondPass).
  const restShown = useSecondPass(o !== null);

  const repName = useMemo(() => {
    const m = new Map(lookups.reps.map((r) => [r.id, locale === 'zh-CN' ? r.nameZh : r.nameEn]));
    return (id: string) => m.get(id) ?? '';
  }, [lookups, locale]);
  const filter = { ...scope };

  const forecastChart = useMemo(() => {
    if (!o) return null;
    const labels = {
      lastWeek: t('tile.lastWeek'),
      thisWeek: t('tile.thisWeek'),
      quota: t('tile.quota'),
      commit: t('cat.commit'),
      bestCase: t('cat.bestCase'),
      pipeline: t('cat.pipeline'),
    };
    return forecastCallOption(o, labels, money, locale);
  }, [o, t, money, locale]);

  const abcChart = useMemo<EChartsOption | null>(() => {
    if (!o) return null;
    return {
      grid: { left: 40, right: 10, top: 30, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)}%` },
      xAxis: { type: 'category', data: o.composition.map((c) => c.cls) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('tile.actual'), type: 'bar', data: o.composition.map((c) => Math.round(c.accountShare * 1000) / 10) },
        { name: t('tile.healthy'), type: 'bar', data: o.composition.map((c) => Math.round(c.healthyShare * 1000) / 10) },
      ],
    };
  }, [o, t]);

  if (!o) return <Spin style={{ margin: 40 }} />;
  const tot = o.total;
  const lastWeekC = o.commitments.filter((c) => c.week === 'last');
  const thisWeekC = o.commitments.filter((c) => c.week === 'this');
  const anyRecorded = o.forecast.reps.some((r) => r.recorded);
  const grades = ['A', 'B', 'C', 'D'] as const;
  return (
    <div data-testid="overview">
      <Typography.Paragraph type="secondary" data-testid="overview-week">
        {t('weekOf', { from: o.week.weekStart, to: o.week.weekEnd, asOf: o.week.asOf })}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={6}>
          <Tile id="attainment" title={t('tile.attainment')} to={() => navigate('reports', { tab: 'quotas' })}>
            <Space size="large">
              <Statistic title={t('tile.month', { month: o.week.month })} value={pct(tot.attainmentMonth)} data-testid="attainment-month" />
              <Statistic
                title={t('tile.quarter', { quarter: o.quarter })}
                value={pct(tot.attainmentQuarter)}
                data-testid="attainment-quarter"
              />
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {tot.quotaQuarter > 0 ? t('tile.won', { won: money(tot.wonQuarter), quota: money(tot.quotaQuarter) }) : t('tile.noQuota')}
            </Typography.Paragraph>
          </Tile>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Tile id="coverage" title={t('tile.coverage')} to={() => navigate('pipeline', { tab: 'funnel', ...filter })}>
            <Statistic
              value={times(tot.coverage)}
              data-testid="coverage-value"
              valueStyle={{ color: tot.coverage !== null && tot.coverage >= COVERAGE_MARK ? '#389e0d' : '#cf1322' }}
            />
            {tot.coverage !== null && (
              <Tag color={tot.coverage >= COVERAGE_MARK ? 'green' : 'red'} data-testid="coverage-mark">
                {tot.coverage >= COVERAGE_MARK ? t('tile.coverageOk') : t('tile.coverageLow')}
              </Tag>
            )}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tile.coverageHint')}
              </Typography.Text>
            </div>
          </Tile>
        </Col>
        <Col xs={24} xl={12}>
          <Tile
            id="forecast"
            title={t('tile.forecast')}
            to={() => navigate('reports', { tab: 'forecast', week: o.week.weekStart, ...filter })}
            extra={!anyRecorded && <Tag>{t('tile.notRecorded')}</Tag>}
          >
            {forecastChart && <EChart option={forecastChart} style={{ height: 180 }} testId="forecast-chart" />}
            <Typography.Text type="secondary">
              {o.forecast.moves.length
                ? `${t('tile.moved')}: ${o.forecast.moves
                    .slice(0, 3)
                    .map((m) => `${m.name} ${t(`cat.${m.from}`)} → ${t(`cat.${m.to}`)}`)
                    .join('；')}`
                : t('tile.noMoves')}
            </Typography.Text>
          </Tile>
        </Col>
        {restShown && (
          <>
            <Col xs={24} md={12} xl={8}>
              <Tile id="movement" title={t('tile.movement')} to={() => navigate('pipeline', { tab: 'review', ...filter })}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="k"
                  dataSource={(['new', 'advanced', 'movedBack', 'won', 'lost', 'slipped'] as const).map((k) => ({
                    k,
                    n: o.movement.counts[k] ?? 0,
                    a: o.movement.amounts[k] ?? 0,
                  }))}
                  columns={[
                    { dataIndex: 'k', render: (k: string) => t(`mv.${k}`) },
                    { dataIndex: 'n', align: 'right' },
                    { dataIndex: 'a', align: 'right', render: (a: number) => money(a) },
                  ]}
                  showHeader={false}
                  data-testid="movement-table"
                />
              </Tile>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Tile
                id="stalled"
                title={t('tile.stalled', { days: o.stallDays })}
                to={() => navigate('pipeline', { tab: 'review', ...filter })}
                extra={<Tag color={o.stalledCount ? 'orange' : 'default'}>{o.stalledCount}</Tag>}
              >
                <List
                  size="small"
                  dataSource={o.stalled}
                  locale={{ emptyText: t('tile.none') }}
                  renderItem={(s) => (
                    <List.Item>
                      <span>
                        {s.name} · {repName(s.ownerId)} · {t('tile.days', { n: s.days })}
                      </span>
                      <span style={{ whiteSpace: 'nowrap' }}>{money(s.amount)}</span>
                    </List.Item>
                  )}
                />
              </Tile>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Tile id="commitments" title={t('tile.commitments')} to={() => navigate('pipeline', { tab: 'review', ...filter })}>
                <Typography.Text type="secondary" data-testid="commitments-last">
                  {t('tile.lastWeekCommitments', {
                    kept: lastWeekC.filter((c) => c.outcome === 'kept').length,
                    missed: lastWeekC.filter((c) => c.outcome === 'notKept').length,
                  })}
                </Typography.Text>
                <List
                  size="small"
                  dataSource={thisWeekC.slice(0, 5)}
                  locale={{ emptyText: t('tile.none') }}
                  renderItem={(c) => (
                    <List.Item>
                      <span>
                        {c.opportunityName} · {c.step} <Tag>{t(`outcome.${c.outcome}`)}</Tag>
                      </span>
                      <span style={{ whiteSpace: 'nowrap' }}>{c.dueDate}</span>
                    </List.Item>
                  )}
                />
              </Tile>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Tile id="visits" title={t('tile.visits')} to={() => navigate('pareto', { ...filter, tab: 'plan' })}>
                {visits ? (
                  <>
                    <Space size="large">
                      {grades.map((g) => (
                        <Statistic
                          key={g}
                          title={g}
                          value={visits.dueByClass[g]?.visits ?? 0}
                          suffix={visits.dueByClass[g]?.calls ? `+${visits.dueByClass[g]!.calls}☎` : undefined}
                          data-testid={`visits-${g}`}
                        />
                      ))}
                    </Space>
                    <div>
                      <Typography.Text type="danger" data-testid="visits-overdue">
                        {t('tile.overdueVisits', { count: visits.overdue })}
                      </Typography.Text>
                    </div>
                  </>
                ) : (
                  <Spin size="small" data-testid="visits-counting" />
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('tile.cadence')}
                </Typography.Text>
              </Tile>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Tile id="abc" title={t('tile.abc')} to={() => navigate('pareto', filter)}>
                {abcChart && <EChart option={abcChart} style={{ height: 160 }} testId="abc-chart" />}
              </Tile>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Tile
                id="negotiations"
                title={t('tile.negotiations')}
                to={() => navigate('negotiation')}
                extra={<Tag>{o.negotiations.length}</Tag>}
              >
                <List
                  size="small"
                  dataSource={o.negotiations.slice(0, 5)}
                  locale={{ emptyText: t('tile.none') }}
                  renderItem={(n) => (
                    <List.Item>
                      <span>
                        <Typography.Link
                          onClick={(e) => {
                            e.stopPropagation();
                            navigate('negotiation', { id: n.id });
                          }}
                        >
                          {n.name}
                        </Typography.Link>
                        {n.lastHeld && <Typography.Text type="secondary"> · {t('tile.lastHeld', { date: n.lastHeld })}</Typography.Text>}
                      </span>
                      <span>{t('tile.nextRound', { n: n.nextRound })}</span>
                    </List.Item>
                  )}
                />
              </Tile>
            </Col>
            <Col xs={24}>
              <Tile
                id="receivables"
                title={t('tile.receivables')}
                to={() => navigate('receivables', { tab: 'collections', ...filter })}
                extra={
                  <Typography.Text type="secondary">
                    {t('tile.overdueTotal', { count: o.overdueTotal.count, amount: money(o.overdueTotal.amount) })}
                  </Typography.Text>
                }
              >
                {o.receivables.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tile.none')} />
                ) : (
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="invoiceId"
                    dataSource={o.receivables}
                    data-testid="receivables-table"
                    columns={[
                      { title: t('col.invoice'), dataIndex: 'invoiceNo' },
                      { title: t('col.customer'), dataIndex: 'customer' },
                      { title: t('col.due'), dataIndex: 'dueDate' },
                      { title: t('col.daysOverdue'), dataIndex: 'daysOverdue', align: 'right' },
                      {
                        title: t('col.stage2'),
                        dataIndex: 'reached',
                        render: (r: string | null, x) =>
                          `${r ? t(`receivables:rung.${r}`) : '—'}${x.suggested ? ` → ${t(`receivables:rung.${x.suggested}`)}` : ''}`,
                      },
                      { title: t('col.outstanding'), dataIndex: 'outstanding', align: 'right', render: (a: number) => money(a) },
                    ]}
                  />
                )}
              </Tile>
            </Col>
          </>
        )}
      </Row>
    </div>
  );
}
