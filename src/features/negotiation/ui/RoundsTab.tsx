import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { timeoutReasons } from '../vocabulary';
import type { Issue, Round, RoundInput, Worksheet } from '../contract';
import { planVsActual, type IssueActual } from '../actuals';
import { formatBp } from '../domain';
import { formatIssueValue, type Lang } from '../units';
import { QuantityInput } from './QuantityInput';
import { useBookToday } from '../../../renderer/app/prefs';

const STATUS_COLORS = { notStarted: 'default', withinPlan: 'success', beyondPlan: 'warning', pastFloor: 'error' } as const;

/** During and after: the round log, time-outs with their reason, plan against actual. */
export function RoundsTab({
  worksheet,
  lang,
  onAdd,
  onStrike,
}: {
  worksheet: Worksheet;
  lang: Lang;
  onAdd(r: Omit<RoundInput, 'worksheetId'>): Promise<void>;
  onStrike(id: string): Promise<void>;
}) {
  const { t } = useTranslation('negotiation');
  const [open, setOpen] = useState(false);
  const issues = worksheet.issues;
  const actuals = planVsActual(worksheet);
  const byId = new Map(issues.map((i) => [i.id, i]));
  const amount = (id: string | null, x: number | null) =>
    id && byId.get(id) ? `${byId.get(id)!.name} ${formatIssueValue(x, byId.get(id)!.unit, lang)}` : '';

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('rounds.planVsActual')}>
        <Table<IssueActual & { issue: Issue }>
          size="small"
          pagination={false}
          rowKey="issueId"
          data-testid="plan-vs-actual"
          dataSource={actuals.map((a) => ({ ...a, issue: byId.get(a.issueId)! }))}
          columns={[
            { title: t('issue.name'), render: (_, r) => r.issue.name },
            {
              title: t('rounds.planned'),
              align: 'right',
              render: (_, r) => `${formatIssueValue(r.planned, r.issue.unit, lang)} (${formatBp(r.plannedPercentBp)})`,
            },
            {
              title: t('rounds.actual'),
              align: 'right',
              render: (_, r) => `${formatIssueValue(r.conceded, r.issue.unit, lang)} (${formatBp(r.percentBp)})`,
            },
            {
              title: '',
              width: 200,
              render: (_, r) => (
                <Progress
                  size="small"
                  percent={Math.min(100, (r.percentBp ?? 0) / 100)}
                  success={{ percent: Math.min(100, (r.plannedPercentBp ?? 0) / 100), strokeColor: '#b6e3c6' }}
                  status={r.status === 'pastFloor' ? 'exception' : 'normal'}
                  showInfo={false}
                />
              ),
            },
            { title: t('rounds.position'), align: 'right', render: (_, r) => formatIssueValue(r.position, r.issue.unit, lang) },
            {
              title: t('rounds.received'),
              align: 'right',
              render: (_, r) => (r.received ? formatIssueValue(r.received, r.issue.unit, lang) : ''),
            },
            {
              title: t('rounds.agreed'),
              align: 'right',
              render: (_, r) => (r.agreed === null ? '' : formatIssueValue(r.agreed, r.issue.unit, lang)),
            },
            {
              title: t('rounds.status'),
              render: (_, r) => (
                <Tag color={STATUS_COLORS[r.status]} data-testid={`actual-${r.status}`}>
                  {t(`rounds.statuses.${r.status}`)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('rounds.title')}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="add-round">
            {t('rounds.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('rounds.confirmHint')}</Typography.Paragraph>
        <Table<Round>
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={worksheet.rounds}
          locale={{ emptyText: t('rounds.none') }}
          data-testid="rounds-table"
          columns={[
            { title: '#', dataIndex: 'roundNo', width: 44 },
            { title: t('rounds.heldOn'), dataIndex: 'heldOn', width: 100 },
            { title: t('rounds.theirDemand'), dataIndex: 'theirDemand' },
            { title: t('rounds.ourResponse'), dataIndex: 'ourResponse' },
            {
              title: t('rounds.conceded'),
              render: (_, r) => [r.concededText, amount(r.concededIssueId, r.concededAmount)].filter(Boolean).join(' · '),
            },
            {
              title: t('rounds.received'),
              render: (_, r) => [r.receivedText, amount(r.receivedIssueId, r.receivedAmount)].filter(Boolean).join(' · '),
            },
            {
              title: t('rounds.timeout'),
              render: (_, r) =>
                r.timeoutReason ? (
                  <Tag color="purple">
                    {t(`rounds.reasons.${r.timeoutReason}`)}
                    {r.timeoutNote ? ` · ${r.timeoutNote}` : ''}
                  </Tag>
                ) : (
                  ''
                ),
            },
            {
              title: '',
              width: 90,
              render: (_, r) => <Tag color={r.confirmed ? 'success' : 'default'}>{r.confirmed ? '✓' : t('rounds.notConfirmed')}</Tag>,
            },
            {
              width: 40,
              render: (_, r) => (
                <Popconfirm title={t('rounds.strike')} onConfirm={() => onStrike(r.id)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('rounds.strike')} />
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <RoundDialog
        open={open}
        issues={issues}
        lang={lang}
        onClose={() => setOpen(false)}
        onSubmit={async (r) => {
          await onAdd(r);
          setOpen(false);
        }}
      />
    </Space>
  );
}

function RoundDialog({
  open,
  issues,
  lang,
  onClose,
  onSubmit,
}: {
  open: boolean;
  issues: Issue[];
  lang: Lang;
  onClose(): void;
  onSubmit(r: Omit<RoundInput, 'worksheetId'>): Promise<void>;
}) {
  const { t } = useTranslation('negotiation');
  const bookToday = useBookToday();
  const empty: Omit<RoundInput, 'worksheetId'> = {
    heldOn: bookToday(),
    theirDemand: '',
    ourResponse: '',
    concededText: '',
    concededIssueId: null,
    concededAmount: null,
    receivedText: '',
    receivedIssueId: null,
    receivedAmount: null,
    timeoutReason: null,
    timeoutNote: '',
    confirmed: true,
  };
  const [r, setR] = useState(empty);
  const set = (patch: Partial<typeof r>) => setR((x) => ({ ...x, ...patch }));
  const unitOf = (id: string | null) => issues.find((i) => i.id === id)?.unit ?? '';
  const issueOptions = issues.map((i) => ({ value: i.id, label: i.name }));
  return (
    <Modal
      open={open}
      title={t('rounds.add')}
      width={760}
      onCancel={onClose}
      onOk={() => onSubmit(r).then(() => setR(empty))}
      okButtonProps={{ id: 'round-ok' }}
      destroyOnHidden
    >
      <Form layout="vertical" component={false}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label={t('rounds.heldOn')}>
              <DatePicker value={r.heldOn ? dayjs(r.heldOn) : null} onChange={(d) => set({ heldOn: d ? d.format('YYYY-MM-DD') : null })} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label={t('rounds.theirDemand')}>
              <Input value={r.theirDemand} onChange={(e) => set({ theirDemand: e.target.value })} data-testid="round-demand" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('rounds.ourResponse')}>
          <Input value={r.ourResponse} onChange={(e) => set({ ourResponse: e.target.value })} data-testid="round-response" />
        </Form.Item>
        {(['conceded', 'received'] as const).map((side) => (
          <Row gutter={12} key={side}>
            <Col span={10}>
              <Form.Item label={t(`rounds.${side}`)}>
                <Input value={r[`${side}Text`]} onChange={(e) => set({ [`${side}Text`]: e.target.value })} />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item label={t('rounds.issue')}>
                <Select
                  allowClear
                  options={issueOptions}
                  value={r[`${side}IssueId`] ?? undefined}
                  onChange={(id?: string) => set({ [`${side}IssueId`]: id ?? null })}
                  data-testid={`round-${side}-issue`}
                />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item label={t('rounds.amount')}>
                <QuantityInput
                  value={r[`${side}Amount`]}
                  onChange={(x) => set({ [`${side}Amount`]: x })}
                  unit={unitOf(r[`${side}IssueId`])}
                  lang={lang}
                  disabled={!r[`${side}IssueId`]}
                  testId={`round-${side}-amount`}
                />
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item label={t('rounds.timeout')}>
              <Select
                allowClear
                placeholder={t('rounds.noTimeout')}
                value={r.timeoutReason ?? undefined}
                options={timeoutReasons.map((x) => ({ value: x, label: t(`rounds.reasons.${x}`) }))}
                onChange={(x?: RoundInput['timeoutReason']) => set({ timeoutReason: x ?? null })}
                data-testid="round-timeout"
              />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label={t('rounds.timeoutNote')}>
              <Input value={r.timeoutNote} onChange={(e) => set({ timeoutNote: e.target.value })} />
            </Form.Item>
          </Col>
        </Row>
        <Checkbox checked={r.confirmed} onChange={(e) => set({ confirmed: e.target.checked })}>
          {t('rounds.confirmed')}
        </Checkbox>
      </Form>
    </Modal>
  );
}
