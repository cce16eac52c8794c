import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import type { Deal, ForecastOut, QuotasOut, ReportsLookups } from '../contract';
import { FORECAST_CATEGORIES, type ForecastCategory } from '../forecast';
import { quarterOfMonth } from '../periods';
import type { Scope } from '../../../shared/scope';

type Amounts = { commit: number; bestCase: number; pipeline: number };

// The weekly call: this week's call beside last week's and the quota, the deals that moved
// between categories, and each open deal's category, which its owner may change.
export function ForecastTab({ week, scope, lookups }: { week: string; scope: Scope; lookups: ReportsLookups }) {
  const { t } = useTranslation('reports');
  const { locale, money } = usePrefs();
  const { message } = App.useApp();
  const [review, setReview] = useState<ForecastOut | null>(null);
  const [deals, setDeals] = useState<Deal[] | null>(null);
  const [quotas, setQuotas] = useState<QuotasOut | null>(null);
  const reload = useCallback(async () => {
    try {
      const [r, d, q] = await Promise.all([
        call('reports:forecast', { week, ...scope }),
        call('reports:deals', scope),
        call('reports:quotas', { year: Number(week.slice(0, 4)) }),
      ]);
      setReview(r);
      setDeals(d);
      setQuotas(q);
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [week, scope, message]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const repName = useMemo(() => {
    const m = new Map(lookups.reps.map((r) => [r.id, locale === 'zh-CN' ? r.nameZh : r.nameEn]));
    return (id: string) => m.get(id) ?? '';
  }, [lookups, locale]);

  const record = async () => {
    try {
      const r = await call('reports:recordCall', { week, ...scope });
      message.success(t('forecast.recorded', { count: r.recorded }));
      await reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const setCategory = async (d: Deal, category: ForecastCategory | null) => {
    try {
      await call('reports:setCategory', { opportunityId: d.opportunityId, category });
      message.success(t('forecast.set', { cat: t(`cat.${category ?? 'commit'}`) }));
      await reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  if (!review || !deals || !quotas) return null;
  const q = quarterOfMonth(review.month) - 1;
  const quotaOf = (id: string) => quotas.reps.find((r) => r.key === id)?.quarters[q] ?? 0;
  const amounts = (a: Amounts | undefined) => (a ? `${money(a.commit)} / ${money(a.bestCase)} / ${money(a.pipeline)}` : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="forecast-tab">
      <Card
        size="small"
        title={`${t('tile.forecast')} · ${t('cat.commit')} / ${t('cat.bestCase')} / ${t('cat.pipeline')} (${t('forecast.quarter')})`}
        extra={
          <Button type="primary" className="sw-no-print" onClick={() => void record()} data-testid="record-call">
            {t('forecast.record')}
          </Button>
        }
      >
        <Table
          size="small"
          pagination={false}
          rowKey="ownerId"
          dataSource={review.reps}
          data-testid="calls-table"
          columns={[
            { title: t('col.rep'), dataIndex: 'ownerId', render: (id: string) => repName(id) },
            { title: t('col.quota'), dataIndex: 'ownerId', key: 'quota', align: 'right', render: (id: string) => money(quotaOf(id)) },
            {
              title: t('tile.lastWeek'),
              dataIndex: 'lastWeek',
              render: (c: ForecastOut['reps'][number]['lastWeek']) => amounts(c?.quarter),
            },
            {
              title: t('tile.thisWeek'),
              dataIndex: 'thisWeek',
              render: (c: ForecastOut['reps'][number]['thisWeek']) => amounts(c.quarter),
            },
            {
              title: `${t('tile.thisWeek')} (${t('forecast.month')})`,
              dataIndex: 'thisWeek',
              key: 'month',
              render: (c: ForecastOut['reps'][number]['thisWeek']) => amounts(c.month),
            },
            {
              title: '',
              dataIndex: 'recorded',
              render: (r: boolean) => <Tag color={r ? 'green' : 'default'}>{r ? t('forecast.recordedOn') : t('forecast.live')}</Tag>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('forecast.moves')}>
        <Table
          size="small"
          pagination={false}
          rowKey="opportunityId"
          dataSource={review.moves}
          locale={{ emptyText: t('forecast.none') }}
          data-testid="moves-table"
          columns={[
            { title: t('col.opportunity'), dataIndex: 'name' },
            { title: t('col.owner'), dataIndex: 'ownerId', render: (id: string) => repName(id) },
            { title: t('col.from'), dataIndex: 'from', render: (c: string) => t(`cat.${c}`) },
            { title: t('col.to'), dataIndex: 'to', render: (c: string) => t(`cat.${c}`) },
            { title: t('col.amount'), dataIndex: 'amount', align: 'right', render: (a: number) => money(a) },
          ]}
        />
      </Card>
      <Card size="small" title={t('forecast.deals')} extra={<Typography.Text type="secondary">{t('forecast.dealsHint')}</Typography.Text>}>
        <Table
          size="small"
          rowKey="opportunityId"
          dataSource={deals}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="deals-table"
          columns={[
            { title: t('col.opportunity'), dataIndex: 'name' },
            { title: t('col.account'), dataIndex: 'accountName' },
            { title: t('col.owner'), dataIndex: 'ownerId', render: (id: string) => repName(id) },
            { title: t('col.close'), dataIndex: 'expectedClose' },
            { title: t('col.amount'), dataIndex: 'amount', align: 'right', render: (a: number) => money(a) },
            {
              title: t('col.category'),
              dataIndex: 'category',
              render: (_c: string, d: Deal) => (
                <Select
                  size="small"
                  style={{ width: 170 }}
                  value={d.override ?? ''}
                  onChange={(v) => void setCategory(d, (v || null) as ForecastCategory | null)}
                  options={[
                    { value: '', label: `${t(`cat.${d.category}`)} ${t('col.byStage')}` },
                    ...FORECAST_CATEGORIES.map((c) => ({ value: c, label: t(`cat.${c}`) })),
                  ]}
                  data-testid={`category-${d.opportunityId}`}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
