import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, InputNumber, Row, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../renderer/api/client';
import { navigate } from '../../../renderer/app/useHashRoute';
import { TeamSettingsLockNote, useTeamSettingsLocked } from '../../../renderer/components/teamSettingsLock';
import type { ParetoParams } from '../contract';
import { DIMENSIONS, type Dimension } from '../scorecard';
import { CLASS_COLOR } from './ParetoChart';

type Result = Out<'pareto:scorecard'>;
type Settings = Result['settings'];
type Disagreement = Result['disagreements'][number];
const CLASSES = ['A', 'B', 'C'] as const;

/** The customer value scorecard beside the ABC class: weights, the 3×3 matrix and where they disagree. */
export function ScorecardTab({ params, version }: { params: ParetoParams; version: number }) {
  const { t } = useTranslation('pareto');
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Settings | null>(null);
  const [applied, setApplied] = useState<Settings | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const teamLocked = useTeamSettingsLocked();

  useEffect(() => {
    void call('pareto:settings', {}).then((s) => {
      setDraft(s.scorecard);
      setApplied(s.scorecard);
    });
  }, []);

  useEffect(() => {
    if (!applied) return;
    let live = true;
    call('pareto:scorecard', { params, settings: applied, limit: 500 })
      .then((r) => live && setResult(r))
      .catch((e: Error) => message.error(e.message));
    return () => {
      live = false;
    };
  }, [params, applied, version, message]);

  const save = useCallback(async () => {
    if (!draft) return;
    try {
      await call('pareto:saveSettings', { scorecard: draft });
      setApplied(draft);
      message.success(t('plan.saved'));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [draft, message, t]);

  if (!draft || !result) return <Spin style={{ margin: 40 }} />;
  const weightSum = DIMENSIONS.reduce((s, d) => s + draft.weights[d], 0);
  const setWeight = (d: Dimension, n: number) => setDraft({ ...draft, weights: { ...draft.weights, [d]: n } });

  return (
    <Row gutter={12} data-testid="scorecard">
      <Col xs={24} xl={8}>
        <Card size="small" title={t('scorecard.weights')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {DIMENSIONS.map((d) => (
              <div key={d}>
                <Space>
                  <Typography.Text strong style={{ display: 'inline-block', width: 64 }}>
                    {t(`scorecard.dims.${d}`)}
                  </Typography.Text>
                  <InputNumber
                    size="small"
                    min={0}
                    max={100}
                    precision={0}
                    value={draft.weights[d]}
                    onChange={(n) => n !== null && setWeight(d, n)}
                    data-testid={`weight-${d}`}
                  />
                  <Typography.Text type="secondary">
                    {weightSum > 0 ? `${Math.round((draft.weights[d] / weightSum) * 100)} %` : ''}
                  </Typography.Text>
                  <Tag>{t(d === 'financial' || d === 'sales' ? 'scorecard.current' : 'scorecard.potential')}</Tag>
                </Space>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`scorecard.dimsHint.${d}`)}
                  </Typography.Text>
                </div>
              </div>
            ))}
            <Space>
              {t('scorecard.cutA')}
              <InputNumber
                size="small"
                min={0}
                max={100}
                value={draft.cutoffs.a}
                onChange={(n) => n !== null && setDraft({ ...draft, cutoffs: { ...draft.cutoffs, a: n } })}
                data-testid="cut-a"
              />
              {t('scorecard.cutB')}
              <InputNumber
                size="small"
                min={0}
                max={100}
                value={draft.cutoffs.b}
                onChange={(n) => n !== null && setDraft({ ...draft, cutoffs: { ...draft.cutoffs, b: n } })}
                data-testid="cut-b"
              />
            </Space>
            <Space>
              <Button
                type="primary"
                disabled={weightSum <= 0 || draft.cutoffs.b > draft.cutoffs.a}
                onClick={() => setApplied(draft)}
                data-testid="scorecard-recompute"
              >
                {t('scorecard.recompute')}
              </Button>
              <Button disabled={teamLocked || weightSum <= 0 || draft.cutoffs.b > draft.cutoffs.a} onClick={() => void save()}>
                {t('scorecard.save')}
              </Button>
            </Space>
            {teamLocked && <TeamSettingsLockNote />}
          </Space>
        </Card>
        <Card size="small" title={t('scorecard.matrix')} style={{ marginTop: 12 }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('scorecard.byGrade', result.byGrade)}
          </Typography.Paragraph>
          <table style={{ borderCollapse: 'collapse' }} data-testid="scorecard-matrix">
            <thead>
              <tr>
                <th style={{ padding: '4px 10px' }}>
                  {t('scorecard.abc')} ↓ / {t('scorecard.card')} →
                </th>
                {CLASSES.map((c) => (
                  <th key={c} style={{ padding: '4px 14px' }}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {CLASSES.map((abc) => (
                <tr key={abc}>
                  <th style={{ padding: '4px 10px', color: CLASS_COLOR[abc] }}>{abc}</th>
                  {CLASSES.map((card) => (
                    <td
                      key={card}
                      style={{
                        padding: '4px 14px',
                        textAlign: 'right',
                        background: abc === card ? '#f6ffed' : '#fff7e6',
                        border: '1px solid #f0f0f0',
                      }}
                    >
                      {result.matrix[abc]?.[card] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </Col>
      <Col xs={24} xl={16}>
        <Card size="small" title={t('scorecard.disagreements', { count: result.disagreementCount })}>
          <Table<Disagreement>
            size="small"
            rowKey="id"
            dataSource={result.disagreements}
            pagination={{ pageSize: 15, showSizeChanger: false }}
            data-testid="disagreements"
            columns={[
              {
                title: t('scorecard.name'),
                dataIndex: 'name',
                ellipsis: true,
                render: (n: string, r) => <Typography.Link onClick={() => navigate('accounts', { id: r.id })}>{n}</Typography.Link>,
              },
              {
                title: t('scorecard.abc'),
                dataIndex: 'abc',
                width: 56,
                render: (c: Disagreement['abc']) => <Tag color={CLASS_COLOR[c]}>{c}</Tag>,
              },
              {
                title: t('scorecard.card'),
                dataIndex: 'scorecard',
                width: 80,
                render: (c: Disagreement['scorecard']) => <Tag color={CLASS_COLOR[c]}>{c}</Tag>,
              },
              { title: t('scorecard.total'), dataIndex: 'total', width: 64, align: 'right' },
              ...DIMENSIONS.map((d) => ({
                title: t(`scorecard.dims.${d}`),
                width: 64,
                align: 'right' as const,
                render: (_: unknown, r: Disagreement) => r.scores[d],
              })),
              {
                title: t('scorecard.gap'),
                dataIndex: 'gap',
                render: (g: number) => (
                  <Tooltip title={g > 0 ? t('scorecard.gapUp') : t('scorecard.gapDown')}>
                    <Typography.Text type={g > 0 ? 'success' : 'warning'} ellipsis>
                      {g > 0 ? `↑ ${t('scorecard.gapUp')}` : `↓ ${t('scorecard.gapDown')}`}
                    </Typography.Text>
                  </Tooltip>
                ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
