import type { ReactNode } from 'react';
import { Button, Card, Col, List, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import type { ReviewMetric } from '../drill';
import type { ReviewOut } from '../contract';
import type { DrillRequest } from './ReviewDrill';
import { percent, type Lookups, type Names } from './usePipelineLookups';

// The review's tables. Every number is a link to the opportunities behind it.

export function Num({ children, onClick, testId }: { children: ReactNode; onClick(): void; testId?: string }) {
  return (
    <a onClick={onClick} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {children}
    </a>
  );
}

type Drill = (d: DrillRequest) => void;

export function PerStageTable({ review, lookups, names, onDrill }: { review: ReviewOut; lookups: Lookups; names: Names; onDrill: Drill }) {
  const { t } = useTranslation('pipeline');
  const { money } = usePrefs();
  const stage = new Map(lookups.stages.map((s) => [s.id, s]));
  const label = (id: string) => (stage.get(id) ? names.stageLabel(stage.get(id)!) : '');
  type M = ReviewOut['perStage'][number];
  // The column's message key names the number (and its test id).
  const link = (metric: ReviewMetric, key: string, render: (m: M) => ReactNode) => (_: unknown, m: M) => (
    <Num
      onClick={() => onDrill({ metric, stageId: m.stageId, title: `${label(m.stageId)} · ${t(`review.${key}`)}` })}
      testId={`stage-${key}-${stage.get(m.stageId)?.position}`}
    >
      {render(m)}
    </Num>
  );
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="stageId"
      dataSource={review.perStage}
      data-testid="review-per-stage"
      scroll={{ x: true }}
      columns={[
        { title: t('review.stage'), dataIndex: 'stageId', render: label, fixed: 'left' },
        { title: t('review.accounts'), align: 'right', render: link('stageOpen', 'accounts', (m) => m.accounts) },
        { title: t('review.opportunities'), align: 'right', render: link('stageOpen', 'opportunities', (m) => m.opportunities) },
        { title: t('review.amount'), align: 'right', render: link('stageOpen', 'amount', (m) => money(m.amount)) },
        { title: t('review.forecast'), align: 'right', render: link('stageOpen', 'forecast', (m) => money(m.forecast)) },
        { title: t('review.movedDown'), align: 'right', render: link('stageMovedDown', 'movedDown', (m) => m.movedDown) },
        {
          title: t('review.accountsMovedDown'),
          align: 'right',
          render: link('stageMovedDown', 'accountsMovedDown', (m) => m.accountsMovedDown),
        },
        { title: t('review.speed'), align: 'right', render: link('stageMovedDown', 'speed', (m) => m.speedDays ?? '–') },
        { title: t('review.lost'), align: 'right', render: link('stageLost', 'lost', (m) => m.lost) },
        { title: t('review.accountsLost'), align: 'right', render: link('stageLost', 'accountsLost', (m) => m.accountsLost) },
        {
          title: t('review.lossRatio'),
          align: 'right',
          render: link('stageVisited', 'lossRatio', (m) => `${percent(m.lossRatioBp)} (${m.lost}/${m.visited})`),
        },
        { title: t('review.stalledCount'), align: 'right', render: link('stageStalled', 'stalledCount', (m) => m.stalled) },
        { title: t('review.accountsStalled'), align: 'right', render: link('stageStalled', 'accountsStalled', (m) => m.accountsStalled) },
        { title: t('review.stallRatio'), align: 'right', render: link('stageStalled', 'stallRatio', (m) => percent(m.stallRatioBp)) },
      ]}
    />
  );
}

export function GroupTable({
  groups,
  by,
  names,
  onDrill,
}: {
  groups: ReviewOut['byOwner'];
  by: 'owner' | 'territory';
  names: Names;
  onDrill: Drill;
}) {
  const { t } = useTranslation('pipeline');
  const { money } = usePrefs();
  type G = ReviewOut['byOwner'][number];
  const nameOf = (g: G) => (by === 'owner' ? names.rep(g.key) : names.territory(g.key));
  const link = (metric: ReviewMetric, title: string, render: (g: G) => ReactNode) => (_: unknown, g: G) => (
    <Num
      onClick={() =>
        onDrill({ metric, ...(by === 'owner' ? { ownerId: g.key } : { territoryId: g.key }), title: `${nameOf(g)} · ${title}` })
      }
    >
      {render(g)}
    </Num>
  );
  const classes = ['new', 'advanced', 'movedBack', 'won', 'lost', 'unchanged'] as const;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={groups}
      data-testid={`review-by-${by}`}
      scroll={{ x: true }}
      columns={[
        { title: t(by === 'owner' ? 'review.rep' : 'review.territory'), render: (_: unknown, g: G) => nameOf(g), fixed: 'left' },
        ...classes.map((c) => ({
          title: t(`review.classes.${c}`),
          align: 'right' as const,
          render: link(c, t(`review.classes.${c}`), (g) => g.counts[c]),
        })),
        { title: t('review.stalledCount'), align: 'right', render: link('stalled', t('review.stalledCount'), (g) => g.stalled) },
        { title: t('review.slipped'), align: 'right', render: link('slipped', t('review.slipped'), (g) => g.slipped) },
        { title: t('review.amountFrom'), align: 'right', render: link('openFrom', t('review.amountFrom'), (g) => money(g.amountFrom)) },
        { title: t('review.amountTo'), align: 'right', render: link('openTo', t('review.amountTo'), (g) => money(g.amountTo)) },
        { title: t('review.weightedTo'), align: 'right', render: link('openTo', t('review.weightedTo'), (g) => money(g.weightedTo)) },
        { title: t('review.wonAmount'), align: 'right', render: link('won', t('review.wonAmount'), (g) => money(g.wonAmount)) },
        { title: t('review.lostAmount'), align: 'right', render: link('lost', t('review.lostAmount'), (g) => money(g.lostAmount)) },
      ]}
    />
  );
}

export function CommitmentsPanel({
  review,
  names,
  onOpen,
  onDone,
}: {
  review: ReviewOut;
  names: Names;
  onOpen(id: string): void;
  onDone(id: string, doneOn: string | null): void;
}) {
  const { t } = useTranslation('pipeline');
  const color = { kept: 'green', notKept: 'red', pending: 'default' } as const;
  return (
    <Row gutter={12} data-testid="review-commitments">
      <Col span={16}>
        <Card size="small" title={t('review.commitments')}>
          {review.commitments.length === 0 && <Typography.Text type="secondary">{t('review.noCommitments')}</Typography.Text>}
          {review.commitments.map((g) => (
            <div key={g.ownerId} style={{ marginBottom: 10 }} data-testid={`commitments-${g.ownerId}`}>
              <Typography.Text strong>{names.rep(g.ownerId)}</Typography.Text>{' '}
              <Tag color="green">
                {t('review.kept')} {g.kept}
              </Tag>
              <Tag color="red">
                {t('review.notKept')} {g.notKept}
              </Tag>
              <Tag>
                {t('review.pending')} {g.pending}
              </Tag>
              <List
                size="small"
                dataSource={g.items}
                renderItem={(c) => (
                  <List.Item
                    actions={
                      c.outcome === 'kept'
                        ? []
                        : [
                            <Button key="done" size="small" type="link" onClick={() => onDone(c.id, review.to)}>
                              {t('review.markDone')}
                            </Button>,
                          ]
                    }
                  >
                    <Tag color={color[c.outcome]}>
                      {t(`review.${c.outcome}`)}
                      {c.keptBy ? ` · ${t(`review.keptBy.${c.keptBy}`)}` : ''}
                    </Tag>
                    <a onClick={() => onOpen(c.opportunityId)}>{c.opportunityName}</a> — {c.step} · {t('review.due')} {c.dueDate}
                  </List.Item>
                )}
              />
            </div>
          ))}
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title={t('review.recorded')}>
          <List
            size="small"
            dataSource={review.recorded}
            locale={{ emptyText: t('review.noCommitments') }}
            data-testid="review-recorded"
            renderItem={(c) => (
              <List.Item>
                {names.rep(c.ownerId)} · <a onClick={() => onOpen(c.opportunityId)}>{c.opportunityName}</a> — {c.step} · {t('review.due')}{' '}
                {c.dueDate}
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
