import { Alert, Space, Typography } from 'antd';
import type { Check, CheckField } from '../domain';
import type { Lang } from '../units';

// How checks show: beside the field that breaks them (fieldStatus/FieldChecks), and as a
// list per issue. Each message carries the rule's own words (docs/en/negotiation.md).

export function checksAt(checks: Check[], issueId: string, stepNo: number | null, fields: CheckField[]): Check[] {
  return checks.filter((c) => c.issueId === issueId && c.stepNo === stepNo && fields.includes(c.field));
}

export function statusOf(checks: Check[]): 'error' | 'warning' | undefined {
  if (checks.some((c) => c.severity === 'error')) return 'error';
  return checks.length ? 'warning' : undefined;
}

/** Messages under a field, red for failures and amber for warnings. */
export function FieldChecks({ checks, lang }: { checks: Check[]; lang: Lang }) {
  if (!checks.length) return null;
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      {checks.map((c, i) => (
        <Typography.Text
          key={i}
          type={c.severity === 'error' ? 'danger' : 'warning'}
          style={{ fontSize: 12 }}
          data-testid={`check-${c.rule}`}
        >
          {c.message[lang]}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function CheckList({ checks, lang, okText }: { checks: Check[]; lang: Lang; okText: string }) {
  if (!checks.length) return <Alert type="success" showIcon title={okText} data-testid="checks-ok" />;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="checks-list">
      {checks.map((c, i) => (
        <Alert key={i} type={c.severity === 'error' ? 'error' : 'warning'} showIcon title={c.message[lang]} data-rule={c.rule} />
      ))}
    </Space>
  );
}
