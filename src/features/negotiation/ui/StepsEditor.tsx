import { Button, Empty, Form, Input, Segmented, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Issue, Step } from '../contract';
import { formatBp, ladderOf, type Check } from '../domain';
import { formatIssueValue, type Lang } from '../units';
import { switchEntered } from './draft';
import { QuantityInput } from './QuantityInput';
import { checksAt, FieldChecks, statusOf } from './checksView';

/**
 * The concession ladder of one issue: per step, the typed number (position after the step,
 * or its size) with the other derived, the cumulative concession and its share of the
 * margin, the exchange demanded (text, and optionally the issue and amount traded), the
 * reason — each with its checks beside it.
 */
export function StepsEditor(props: {
  issue: Issue;
  issues: Issue[];
  checks: Check[];
  lang: Lang;
  onSteps(steps: Step[]): void;
  onAdd(): void;
}) {
  const { issue, issues, checks, lang } = props;
  const { t } = useTranslation('negotiation');
  const ladder = ladderOf(issue);
  const v = (x: number | null) => formatIssueValue(x, issue.unit, lang);
  const set = (i: number, patch: Partial<Step>) => props.onSteps(issue.steps.map((s, k) => (k === i ? { ...s, ...patch } : s)));

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="steps-editor">
      <Space>
        <Typography.Text strong>{t('step.title')}</Typography.Text>
        <Button size="small" icon={<PlusOutlined />} onClick={props.onAdd} data-testid="add-step">
          {t('step.add')}
        </Button>
      </Space>
      {issue.steps.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('step.none')} />}
      {issue.steps.map((step, i) => {
        const n = i + 1;
        const derived = ladder.steps[i]!;
        const numberChecks = checksAt(checks, issue.id, n, ['position']);
        const exchangeChecks = checksAt(checks, issue.id, n, ['exchange']);
        const traded = issues.find((x) => x.id === step.tradedIssueId);
        return (
          <div
            key={step.id}
            data-testid={`step-${n}`}
            style={{ border: '1px solid #e5e7eb', borderRadius: 4, padding: '8px 10px', background: '#fff' }}
          >
            <Form layout="vertical" component={false}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 10, alignItems: 'center' }}>
                <Typography.Text strong style={{ width: 56 }}>
                  {t('step.no', { n })}
                </Typography.Text>
                <Segmented
                  size="small"
                  value={step.entered}
                  onChange={(e) => props.onSteps(issue.steps.map((s, k) => (k === i ? switchEntered(issue, i, e as Step['entered']) : s)))}
                  options={[
                    { value: 'position', label: t('step.byPosition') },
                    { value: 'size', label: t('step.bySize') },
                  ]}
                  data-testid={`step-${n}-entered`}
                />
                {step.entered === 'position' ? (
                  <QuantityInput
                    width={170}
                    value={step.position}
                    onChange={(x) => set(i, { position: x })}
                    unit={issue.unit}
                    lang={lang}
                    status={statusOf(numberChecks)}
                    testId={`step-${n}-position`}
                  />
                ) : (
                  <QuantityInput
                    width={170}
                    value={step.size}
                    onChange={(x) => set(i, { size: x })}
                    unit={issue.unit}
                    lang={lang}
                    status={statusOf(numberChecks)}
                    testId={`step-${n}-size`}
                  />
                )}
                {step.entered === 'position' ? (
                  <Typography.Text data-testid={`step-${n}-size-derived`}>
                    {t('step.size')} {v(derived.size)}
                  </Typography.Text>
                ) : (
                  <Typography.Text data-testid={`step-${n}-position-derived`}>
                    {t('step.position')} {v(derived.position)}
                  </Typography.Text>
                )}
                <Typography.Text
                  type="secondary"
                  style={{ flex: 1, textAlign: 'right', whiteSpace: 'nowrap' }}
                  data-testid={`step-${n}-cumulative`}
                >
                  {t('step.cumulative')} {v(derived.cumulative)} · {formatBp(derived.percentOfMarginBp)}
                </Typography.Text>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('step.remove')}
                  onClick={() => props.onSteps(issue.steps.filter((_, k) => k !== i))}
                  data-testid={`step-${n}-remove`}
                />
              </div>
              {numberChecks.length > 0 && (
                <div style={{ marginTop: 4 }}>
                  <FieldChecks checks={numberChecks} lang={lang} />
                </div>
              )}
              <div style={{ display: 'grid', gridTemplateColumns: '1.4fr 1fr 1fr 1.4fr', gap: 8, marginTop: 8 }}>
                <Form.Item
                  style={{ marginBottom: 0 }}
                  validateStatus={statusOf(exchangeChecks)}
                  help={exchangeChecks.length ? <FieldChecks checks={exchangeChecks} lang={lang} /> : undefined}
                >
                  <Input
                    placeholder={t('step.exchange')}
                    value={step.exchange}
                    maxLength={500}
                    onChange={(e) => set(i, { exchange: e.target.value })}
                    data-testid={`step-${n}-exchange`}
                  />
                </Form.Item>
                <Select
                  allowClear
                  placeholder={t('step.tradedIssue')}
                  value={step.tradedIssueId ?? undefined}
                  options={issues.filter((x) => x.id !== issue.id).map((x) => ({ value: x.id, label: x.name }))}
                  onChange={(id?: string) => set(i, { tradedIssueId: id ?? null, tradedAmount: id ? step.tradedAmount : null })}
                  data-testid={`step-${n}-traded`}
                />
                <QuantityInput
                  value={step.tradedAmount}
                  onChange={(x) => set(i, { tradedAmount: x })}
                  unit={traded?.unit ?? ''}
                  lang={lang}
                  disabled={!traded}
                  testId={`step-${n}-amount`}
                />
                <Input
                  placeholder={t('step.reason')}
                  value={step.reason}
                  maxLength={1000}
                  onChange={(e) => set(i, { reason: e.target.value })}
                  data-testid={`step-${n}-reason`}
                />
              </div>
            </Form>
          </div>
        );
      })}
    </Space>
  );
}
