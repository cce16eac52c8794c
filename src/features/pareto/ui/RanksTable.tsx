import { useEffect, useState } from 'react';
import { Card, Segmented, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import type { ParetoParams, RankRow } from '../contract';
import { CLASS_COLOR } from './ParetoChart';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

/** The ranked accounts with exact numbers, one server page at a time (any number of accounts). */
export function RanksTable({ params, version }: { params: ParetoParams; version: number }) {
  const { t } = useTranslation('pareto');
  const { locale, money } = usePrefs();
  const [cls, setCls] = useState<'' | 'A' | 'B' | 'C'>('');
  const [page, setPage] = useState({ current: 1, size: 20 });
  const [data, setData] = useState<{ total: number; rows: RankRow[] } | null>(null);

  useEffect(() => setPage((p) => (p.current === 1 ? p : { ...p, current: 1 })), [params, cls]);
  useEffect(() => {
    let live = true;
    call('pareto:ranks', { params, ...(cls ? { cls } : {}), offset: (page.current - 1) * page.size, limit: page.size })
      .then((r) => live && setData(r))
      .catch(() => live && setData({ total: 0, rows: [] }));
    return () => {
      live = false;
    };
  }, [params, cls, page, version]);

  const zh = locale === 'zh-CN';
  return (
    <Card
      size="small"
      title={t('ranks.title')}
      extra={
        <Segmented
          size="small"
          value={cls}
          onChange={(v) => setCls(v as typeof cls)}
          options={[{ label: t('ranks.all'), value: '' }, 'A', 'B', 'C']}
          data-testid="ranks-class"
        />
      }
    >
      <Table<RankRow>
        size="small"
        rowKey="id"
        loading={data === null}
        dataSource={data?.rows ?? []}
        scroll={{ x: 1100 }}
        data-testid="ranks-table"
        pagination={{
          current: page.current,
          pageSize: page.size,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          onChange: (current, size) => setPage({ current, size }),
        }}
        columns={[
          { title: t('ranks.rank'), dataIndex: 'rank', width: 70, align: 'right' },
          {
            title: t('ranks.name'),
            dataIndex: 'name',
            width: 240,
            ellipsis: true,
            render: (name: string, r) => <Typography.Link onClick={() => navigate('accounts', { id: r.id })}>{name}</Typography.Link>,
          },
          { title: t('ranks.territory'), render: (_: unknown, r) => (zh ? r.territoryZh : r.territoryEn), width: 110 },
          { title: t('ranks.owner'), render: (_: unknown, r) => (zh ? r.ownerZh : r.ownerEn) ?? '', width: 100 },
          { title: t('ranks.value'), dataIndex: 'value', align: 'right', width: 150, render: (v: number) => money(v) },
          { title: t('ranks.share'), dataIndex: 'share', align: 'right', width: 90, render: pct },
          { title: t('ranks.cumulative'), dataIndex: 'cumulativeShare', align: 'right', width: 110, render: pct },
          { title: t('ranks.cls'), dataIndex: 'cls', width: 60, render: (c: RankRow['cls']) => <Tag color={CLASS_COLOR[c]}>{c}</Tag> },
          {
            title: t('ranks.grade'),
            width: 110,
            render: (_: unknown, r) =>
              r.grade ? (
                <span>
                  {r.grade} {r.gradeSource && <Typography.Text type="secondary">({t(`gradeSource.${r.gradeSource}`)})</Typography.Text>}
                </span>
              ) : (
                ''
              ),
          },
        ]}
      />
    </Card>
  );
}
