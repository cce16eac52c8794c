import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, Col, DatePicker, Row, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { EChart, type EChartsOption } from '../../../renderer/components/EChart';
import { addDays } from '../../../shared/dates';
import type { Scope } from '../../../shared/scope';
import { percent, type Lookups, type Names } from './usePipelineLookups';
import { axisYuan } from '../../../shared/money';

type Funnel = Out<'pipeline:funnel'>;

// The funnel screen: open opportunities by stage as of a date (count or amount), the
// conversion between consecutive stages and days in stage over a period, and the weighted
// forecast by expected-close month beside what was won this year.
export default function FunnelView({
  scope,
  lookups,
  names,
  generation,
}: {
  scope: Scope;
  lookups: Lookups;
  names: Names;
  generation: number;
}) {
  const { t } = useTranslation(['pipeline', 'common']);
  const { money, locale } = usePrefs();
  const [asOf, setAsOf] = useState(lookups.today);
  const [period, setPeriod] = useState<[string, string]>([addDays(lookups.today, -90), lookups.today]);
  const [measure, setMeasure] = useState<'count' | 'amount'>('count');
  const [data, setData] = useState<Funnel | null>(null);

  useEffect(() => {
    let live = true;
    void call('pipeline:funnel', { asOf, periodFrom: period[0], periodTo: period[1], ...scope }).then((f) => live && setData(f));
    return () => {
      live = false;
    };
  }, [asOf, period, scope, generation]);

  const stageById = useMemo(() => new Map(lookups.stages.map((s) => [s.id, s])), [lookups.stages]);
  const label = useCallback(
    (id: string) => {
      const s = stageById.get(id);
      return s ? names.stageLabel(s) : '';
    },
    [stageById, names],
  );

  const funnelOption = useMemo<EChartsOption | null>(() => {
    if (!data) return null;
    const values = data.stages.map((s) => (measure === 'count' ? s.count : s.amount / 100));
    const max = Math.max(1, ...values);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const x = p as { name: string; dataIndex: number };
          const s = data.stages[x.dataIndex]!;
          return `${x.name}<br/>${s.count} · ${money(s.amount)}<br/>${t('field.weighted')} ${money(s.weighted)}`;
        },
      },
      color: ['#0b3d91', '#1450b8', '#1f6feb', '#4c8df6', '#79aafa', '#a5c6fc', '#cfe0fe', '#e4eeff'],
      series: [
        {
          type: 'funnel',
          sort: 'none',
          min: 0,
          max,
          minSize: '6%',
          maxSize: '100%',
          left: 10,
          width: '52%',
          top: 10,
          bottom: 10,
          gap: 2,
          labelLine: { show: true, length: 12 },
          label: {
            show: true,
            position: 'right',
            color: '#222',
            formatter: (p: unknown) => {
              const x = p as { name: string; dataIndex: number };
              const s = data.stages[x.dataIndex]!;
              return `${x.name}  ${measure === 'count' ? s.count : money(s.amount)}`;
            },
          },
          data: data.stages.map((s, i) => ({ name: label(s.stageId), value: values[i]! })),
        },
      ],
    };
  }, [data, measure, money, t, label]);

  const forecastOption = useMemo<EChartsOption | null>(() => {
    if (!data) return null;
    const yuan = (fen: number) => fen / 100;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => money(Math.round(Number(v) * 100)) },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: data.months.map((m) => m.month) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisYuan(v, locale) } },
      series: [
        { name: t('funnel.amount'), type: 'bar', data: data.months.map((m) => yuan(m.amount)), itemStyle: { color: '#c6d8f5' } },
        { name: t('field.weighted'), type: 'bar', data: data.months.map((m) => yuan(m.weighted)), itemStyle: { color: '#1f6feb' } },
        { name: t('funnel.won'), type: 'bar', data: data.months.map((m) => yuan(m.won)), itemStyle: { color: '#2da44e' } },
      ],
    };
  }, [data, money, locale, t]);

  if (!data || !funnelOption || !forecastOption) return <Spin style={{ margin: 40 }} />;
  return (
    <div data-testid="funnel-view">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>{t('funnel.asOf')}</Typography.Text>
        <DatePicker
          allowClear={false}
          value={dayjs(asOf)}
          onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
          data-testid="funnel-asof"
        />
        <Typography.Text>{t('funnel.period')}</Typography.Text>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(period[0]), dayjs(period[1])]}
          onChange={(r) => r?.[0] && r[1] && setPeriod([r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')])}
        />
        <Segmented
          value={measure}
          onChange={(v) => setMeasure(v as 'count' | 'amount')}
          options={[
            { value: 'count', label: t('funnel.count') },
            { value: 'amount', label: t('funnel.amount') },
          ]}
          data-testid="funnel-measure"
        />
      </Space>
      <Row gutter={12}>
        <Col span={11}>
          <Card size="small" title={t('tabs.funnel')}>
            <EChart option={funnelOption} style={{ height: 360 }} testId="funnel-chart" />
          </Card>
        </Col>
        <Col span={13}>
          <Card size="small" title={t('funnel.byStage')}>
            <Table
              size="small"
              pagination={false}
              rowKey="stageId"
              dataSource={data.stages}
              data-testid="funnel-table"
              columns={[
                { title: t('field.stage'), dataIndex: 'stageId', render: label },
                {
                  title: t('funnel.count'),
                  dataIndex: 'count',
                  align: 'right',
                  render: (v: number, _r, i) => <span data-testid={`funnel-count-${i}`}>{v}</span>,
                },
                { title: t('funnel.accounts'), dataIndex: 'accounts', align: 'right' },
                { title: t('funnel.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => money(v) },
                { title: t('field.weighted'), dataIndex: 'weighted', align: 'right', render: (v: number) => money(v) },
                {
                  title: t('funnel.conversion'),
                  key: 'conv',
                  align: 'right',
                  render: (_v, s, i) =>
                    s.left === 0 ? (
                      '–'
                    ) : (
                      <span style={{ whiteSpace: 'nowrap' }}>
                        {percent(s.conversionBp)}
                        {i === data.stages.length - 1 ? ` ${t('funnel.toWon')}` : ''}
                        <br />
                        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                          {t('funnel.converted', { converted: s.converted, left: s.left })}
                        </Typography.Text>
                      </span>
                    ),
                },
                { title: t('funnel.avgDays'), dataIndex: 'avgDays', align: 'right', render: (v: number | null) => (v === null ? '–' : v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('funnel.forecast')} style={{ marginTop: 12 }}>
        <Row gutter={12}>
          <Col span={18}>
            <EChart option={forecastOption} style={{ height: 300 }} testId="forecast-chart" />
          </Col>
          <Col span={6}>
            <Statistic title={t('funnel.open')} value={`${data.open.count} · ${money(data.open.amount)}`} valueStyle={{ fontSize: 16 }} />
            <Statistic
              title={t('funnel.weightedTotal')}
              value={money(data.open.weighted)}
              valueStyle={{ fontSize: 16 }}
              style={{ marginTop: 12 }}
            />
            <Statistic
              title={t('funnel.wonToDate', { date: asOf })}
              value={`${data.wonToDate.count} · ${money(data.wonToDate.amount)}`}
              valueStyle={{ fontSize: 16, color: '#2da44e' }}
              style={{ marginTop: 12 }}
              data-testid="won-to-date"
            />
          </Col>
        </Row>
      </Card>
    </div>
  );
}
