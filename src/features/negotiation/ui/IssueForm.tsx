import { AutoComplete, Col, Form, Input, Row, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../contract';
import { ladderOf, type Check, type CheckField } from '../domain';
import { formatIssueValue, knownUnits, normalizeUnit, unitLabel, type Lang } from '../units';
import { QuantityInput } from './QuantityInput';
import { checksAt, FieldChecks, statusOf } from './checksView';

const PRIORITIES = [1, 2, 3, 4].map((p) => ({ value: p, label: String(p) }));

/** One issue's numbers, each with the checks it breaks shown right under it. */
export function IssueForm({
  issue,
  checks,
  lang,
  onChange,
}: {
  issue: Issue;
  checks: Check[];
  lang: Lang;
  onChange(patch: Partial<Issue>): void;
}) {
  const { t } = useTranslation('negotiation');
  const at = (field: CheckField) => checksAt(checks, issue.id, null, [field]);
  const margin = ladderOf(issue).margin;
  const quantity = (field: 'quote' | 'target' | 'floor' | 'theirOpening' | 'theirFloor', label: string) => {
    const c = at(field as CheckField);
    return (
      <Form.Item
        label={label}
        validateStatus={statusOf(c)}
        help={c.length ? <FieldChecks checks={c} lang={lang} /> : undefined}
        style={{ marginBottom: 8 }}
      >
        <QuantityInput
          value={issue[field]}
          onChange={(v) => onChange({ [field]: v })}
          unit={issue.unit}
          lang={lang}
          status={statusOf(c)}
          testId={`issue-${field}`}
        />
      </Form.Item>
    );
  };
  return (
    <Form layout="vertical" component={false}>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label={t('issue.name')} style={{ marginBottom: 8 }}>
            <Input value={issue.name} maxLength={100} onChange={(e) => onChange({ name: e.target.value })} data-testid="issue-name" />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item label={t('issue.unit')} style={{ marginBottom: 8 }}>
            <AutoComplete
              value={unitLabel(issue.unit, lang)}
              options={Object.keys(knownUnits).map((u) => ({ value: unitLabel(u, lang) }))}
              onChange={(v: string) => onChange({ unit: normalizeUnit(v) || v })}
              data-testid="issue-unit"
            />
          </Form.Item>
        </Col>
        <Col span={11}>
          <Form.Item
            label={t('issue.direction')}
            style={{ marginBottom: 8 }}
            tooltip={issue.direction === 'higher' ? t('issue.higherHint') : t('issue.lowerHint')}
          >
            <Segmented
              value={issue.direction}
              onChange={(v) => onChange({ direction: v as Issue['direction'] })}
              options={[
                { value: 'higher', label: t('issue.higher') },
                { value: 'lower', label: t('issue.lower') },
              ]}
              data-testid="issue-direction"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={6}>{quantity('quote', t('issue.quote'))}</Col>
        <Col span={6}>{quantity('target', t('issue.target'))}</Col>
        <Col span={6}>{quantity('floor', t('issue.floor'))}</Col>
        <Col span={6}>
          <Form.Item label={t('issue.margin')} style={{ marginBottom: 8 }}>
            <Typography.Text strong data-testid="issue-margin" style={{ lineHeight: '32px' }}>
              {margin === null ? '—' : formatIssueValue(margin, issue.unit, lang)}
            </Typography.Text>
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={5}>
          <Form.Item label={t('issue.ourPriority')} tooltip={t('issue.priorityHint')} style={{ marginBottom: 8 }}>
            <Select
              value={issue.ourPriority}
              options={PRIORITIES}
              onChange={(v) => onChange({ ourPriority: v })}
              data-testid="issue-our-priority"
            />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item label={t('issue.theirPriority')} tooltip={t('issue.priorityHint')} style={{ marginBottom: 8 }}>
            <Select
              value={issue.theirPriority}
              options={PRIORITIES}
              onChange={(v) => onChange({ theirPriority: v })}
              data-testid="issue-their-priority"
            />
          </Form.Item>
        </Col>
        <Col span={7}>{quantity('theirOpening', t('issue.theirOpening'))}</Col>
        <Col span={7}>{quantity('theirFloor', t('issue.theirFloor'))}</Col>
      </Row>
    </Form>
  );
}
