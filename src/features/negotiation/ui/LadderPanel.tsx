import { useMemo } from 'react';
import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../renderer/components/EChart';
import type { Issue } from '../contract';
import { ladderOf, marginText, type Check } from '../domain';
import { ladderChartOption } from '../ladderChart';
import { formatIssueValue, type Lang } from '../units';
import { CheckList } from './checksView';

/** The selected issue's ladder chart, its margin in numbers, the ZOPA and its checks. */
export function LadderPanel({ issue, checks, lang, height = 300 }: { issue: Issue; checks: Check[]; lang: Lang; height?: number }) {
  const { t } = useTranslation('negotiation');
  const option = useMemo(() => ladderChartOption(issue, { lang }), [issue, lang]);
  const ladder = ladderOf(issue);
  const v = (x: number) => formatIssueValue(x, issue.unit, lang);
  return (
    <Card size="small" title={`${t('step.title')} · ${issue.name}`}>
      <EChart option={option} style={{ height }} testId="ladder-chart" />
      <Space orientation="vertical" size={6} style={{ width: '100%', marginTop: 8 }}>
        {ladder.margin !== null && (
          <Typography.Text data-testid="margin-text">
            {issue.steps.length ? marginText(issue, ladder, lang) : `${t('issue.margin')}: ${v(ladder.margin)}`}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" data-testid="zopa-text">
          {ladder.zopa
            ? t('issue.zopa', { from: v(ladder.zopa.from), to: v(ladder.zopa.to) })
            : issue.theirFloor === null
              ? t('issue.noZopa')
              : ''}
        </Typography.Text>
        <CheckList checks={checks} lang={lang} okText={t('editor.allPass')} />
        <div data-testid="concession-rules">
          <Typography.Text type="secondary" strong>
            {t('step.rulesTitle')}
          </Typography.Text>
          <ol style={{ margin: '2px 0 0', paddingLeft: 20, color: '#57606a' }}>
            {(t('step.rules', { returnObjects: true }) as string[]).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ol>
        </div>
      </Space>
    </Card>
  );
}
