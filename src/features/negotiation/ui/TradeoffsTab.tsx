import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../contract';
import { tradeoffMatrix, type TradeClass, type TradeRow } from '../tradeoffs';
import { formatIssueValue, type Lang } from '../units';

const CLASS_COLORS: Record<TradeClass, string> = { offer: '#dafbe1', ask: '#ffebe9', guard: '#fff8c5', filler: '#f6f8fa' };
const VERDICT_COLORS = { worth: 'success', avoid: 'error', neutral: 'default' } as const;

/**
 * Bargaining chips (谈判筹码): where each issue sits by our and their priority, which
 * trades are worth offering and which to avoid, with each trade's price (the money given
 * or asked) beside the price concessions planned so far.
 */
export function TradeoffsTab({ issues, lang, money }: { issues: Issue[]; lang: Lang; money(fen: number | null): string }) {
  const { t } = useTranslation('negotiation');
  const m = tradeoffMatrix({ issues });
  const v = (x: number | null, unit: string | null) => (x === null || unit === null ? '' : formatIssueValue(x, unit, lang));
  const cell = (our: number, their: number) => m.cells.find((c) => c.ourPriority === our && c.theirPriority === their)!;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('trade.matrix')}>
        <div style={{ display: 'grid', gridTemplateColumns: '90px repeat(4, 1fr)', gap: 4, maxWidth: 900 }} data-testid="tradeoff-matrix">
          <div style={{ fontSize: 12, color: '#57606a', alignSelf: 'end' }}>
            {t('trade.ours')} ↓ · {t('trade.theirs')} →
          </div>
          {[1, 2, 3, 4].map((p) => (
            <div key={p} style={{ textAlign: 'center', fontWeight: 600 }}>
              {p}
            </div>
          ))}
          {[1, 2, 3, 4].map((our) => [
            <div key={`r${our}`} style={{ fontWeight: 600, alignSelf: 'center' }}>
              {our}
            </div>,
            ...[1, 2, 3, 4].map((their) => {
              const c = cell(our, their);
              return (
                <Tooltip key={`${our}-${their}`} title={t(`trade.classes.${c.cls}`)}>
                  <div
                    style={{ background: CLASS_COLORS[c.cls], minHeight: 48, borderRadius: 4, padding: 6 }}
                    data-testid={`matrix-${our}-${their}`}
                    data-class={c.cls}
                  >
                    {c.issues.map((i) => (
                      <Tag key={i.id} style={{ marginBottom: 2 }}>
                        {i.name}
                      </Tag>
                    ))}
                  </div>
                </Tooltip>
              );
            }),
          ])}
        </div>
        <Space wrap style={{ marginTop: 8 }}>
          {(['offer', 'ask', 'guard', 'filler'] as const).map((c) => (
            <Tag key={c} style={{ background: CLASS_COLORS[c], color: '#24292f' }}>
              {t(`trade.classes.${c}`)}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card size="small" title={t('trade.trades')}>
        <Table<TradeRow>
          size="small"
          pagination={false}
          rowKey={(r) => `${r.issueId}-${r.stepNo}`}
          dataSource={m.trades}
          locale={{ emptyText: t('trade.noTrades') }}
          data-testid="trades-table"
          columns={[
            { title: t('trade.issue'), dataIndex: 'issueName' },
            { title: t('trade.step'), dataIndex: 'stepNo', align: 'center', width: 60 },
            { title: t('trade.give'), align: 'right', render: (_, r) => v(r.give, r.unit) },
            { title: t('trade.priceGiven'), align: 'right', render: (_, r) => (r.priceGiven === null ? '' : money(r.priceGiven)) },
            {
              title: t('trade.ask'),
              render: (_, r) =>
                [r.exchange, r.getIssueName ? `${r.getIssueName} ${v(r.getAmount, r.getUnit)}` : ''].filter(Boolean).join(' · '),
            },
            { title: t('trade.priceReceived'), align: 'right', render: (_, r) => (r.priceReceived === null ? '' : money(r.priceReceived)) },
            { title: t('trade.soFar'), align: 'right', render: (_, r) => money(r.priceConcededSoFar) },
            {
              title: t('trade.verdict'),
              render: (_, r) => (
                <Tooltip title={t(`trade.reasons.${r.reason}`)}>
                  <Tag color={VERDICT_COLORS[r.verdict]} data-testid={`verdict-${r.verdict}`}>
                    {t(`trade.verdicts.${r.verdict}`)}
                  </Tag>
                </Tooltip>
              ),
            },
          ]}
        />
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="trade-totals">
          {t('trade.totals', { given: money(m.priceConceded), received: money(m.priceReceived) })}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
