import { Badge, Button, Card, Col, Popconfirm, Row, Space, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Issue, Step } from '../contract';
import { ladderOf, type Check } from '../domain';
import { formatIssueValue, unitLabel, type Lang } from '../units';
import { IssueForm } from './IssueForm';
import { LadderPanel } from './LadderPanel';
import { StepsEditor } from './StepsEditor';
import { newStep } from './draft';

/** The worksheet's frame (谈判框架): every issue at a glance, then the selected one in full. */
export function PlanTab(props: {
  issues: Issue[];
  checks: Check[];
  lang: Lang;
  selected: number;
  onSelect(i: number): void;
  onIssue(i: number, patch: Partial<Issue>): void;
  onAddIssue(): void;
  onRemoveIssue(i: number): void;
}) {
  const { issues, checks, lang, selected } = props;
  const { t } = useTranslation('negotiation');
  const issue = issues[selected] ?? issues[0];
  const v = (x: number | null, unit: string) => formatIssueValue(x, unit, lang);
  const countOf = (id: string, severity: Check['severity']) => checks.filter((c) => c.issueId === id && c.severity === severity).length;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('editor.tabs.plan')}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={props.onAddIssue} data-testid="add-issue">
            {t('issue.add')}
          </Button>
        }
      >
        <Table<Issue>
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={issues}
          data-testid="issues-table"
          rowClassName={(_, i) => (i === selected ? 'ant-table-row-selected' : '')}
          onRow={(_, i) =>
            ({
              onClick: () => props.onSelect(i ?? 0),
              style: { cursor: 'pointer' },
              'data-testid': `issue-row-${i}`,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: t('issue.name'), dataIndex: 'name' },
            { title: t('issue.unit'), dataIndex: 'unit', render: (u: string) => unitLabel(u, lang) },
            { title: t('issue.direction'), dataIndex: 'direction', render: (d: Issue['direction']) => <Tag>{t(`issue.${d}`)}</Tag> },
            { title: t('issue.quote'), align: 'right', render: (_, r) => v(r.quote, r.unit) },
            { title: t('issue.target'), align: 'right', render: (_, r) => v(r.target, r.unit) },
            { title: t('issue.floor'), align: 'right', render: (_, r) => v(r.floor, r.unit) },
            { title: t('issue.margin'), align: 'right', render: (_, r) => v(ladderOf(r).margin, r.unit) },
            { title: t('issue.ourPriority'), dataIndex: 'ourPriority', align: 'center' },
            { title: t('issue.theirPriority'), dataIndex: 'theirPriority', align: 'center' },
            {
              title: t('issue.checks'),
              align: 'center',
              render: (_, r) => (
                <Space size={4}>
                  <Badge count={countOf(r.id, 'error')} color="#cf222e" showZero={false} />
                  <Badge count={countOf(r.id, 'warning')} color="#d4a72c" showZero={false} />
                  {countOf(r.id, 'error') + countOf(r.id, 'warning') === 0 && <Tag color="success">✓</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {issue && (
        <Row gutter={12}>
          <Col span={14}>
            <Card
              size="small"
              title={issue.name}
              extra={
                <Popconfirm title={t('issue.remove')} onConfirm={() => props.onRemoveIssue(selected)} disabled={issues.length <= 1}>
                  <Button size="small" danger icon={<DeleteOutlined />} disabled={issues.length <= 1} data-testid="remove-issue">
                    {t('issue.remove')}
                  </Button>
                </Popconfirm>
              }
            >
              <IssueForm issue={issue} checks={checks} lang={lang} onChange={(patch) => props.onIssue(selected, patch)} />
              <StepsEditor
                issue={issue}
                issues={issues}
                checks={checks}
                lang={lang}
                onSteps={(steps: Step[]) => props.onIssue(selected, { steps })}
                onAdd={() => props.onIssue(selected, { steps: [...issue.steps, newStep()] })}
              />
            </Card>
          </Col>
          <Col span={10}>
            <LadderPanel issue={issue} checks={checks.filter((c) => c.issueId === issue.id)} lang={lang} />
          </Col>
        </Row>
      )}
    </Space>
  );
}
