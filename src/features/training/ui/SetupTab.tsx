import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import type { TrainingIssue } from '../contract';
import { issueLabel } from '../cases';
import { MAX_ISSUES, MIN_ISSUES } from '../domain';
import type { TrainingSessionApi } from './useTrainingSession';

/** The case: date, time limit, description, the broken-off rule, and the issues with their level definitions. */
export function SetupTab({ api }: { api: TrainingSessionApi }) {
  const { t } = useTranslation('training');
  const d = api.detail!;
  const s = d.session;
  const id = s.id;
  const patch = (p: Parameters<typeof api.change<'training:update'>>[1]['patch']) => void api.change('training:update', { id, patch: p });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Form layout="vertical" key={s.version}>
          <Space wrap align="start" size="large">
            <Form.Item label={t('editor.date')}>
              <DatePicker
                allowClear={false}
                defaultValue={dayjs(s.date)}
                onChange={(v) => v && patch({ date: v.format('YYYY-MM-DD') })}
                data-testid="session-date"
              />
            </Form.Item>
            <Form.Item label={t('editor.timeLimit')}>
              <InputNumber
                min={1}
                max={240}
                defaultValue={s.timeLimitMinutes}
                onBlur={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 1 && n <= 240 && n !== s.timeLimitMinutes) patch({ timeLimitMinutes: n });
                }}
                data-testid="session-time-limit"
              />
            </Form.Item>
            <Form.Item label={t('editor.brokenOff')}>
              <Space>
                <Select
                  style={{ width: 260 }}
                  value={s.brokenOffRule}
                  onChange={(rule) =>
                    patch(rule === 'fixedLevel' ? { brokenOffRule: rule, brokenOffLevel: s.brokenOffLevel ?? 1 } : { brokenOffRule: rule })
                  }
                  options={(['zero', 'asEntered', 'fixedLevel'] as const).map((r) => ({ value: r, label: t(`editor.rule.${r}`) }))}
                  data-testid="broken-off-rule"
                />
                {s.brokenOffRule === 'fixedLevel' && (
                  <Select
                    style={{ width: 110 }}
                    value={s.brokenOffLevel ?? 1}
                    onChange={(level) => patch({ brokenOffLevel: level })}
                    options={[1, 2, 3, 4, 5].map((l) => ({ value: l, label: `${t('editor.level')} ${l}` }))}
                  />
                )}
              </Space>
            </Form.Item>
          </Space>
          <Form.Item label={t('editor.caseDescription')}>
            <Input.TextArea
              rows={3}
              defaultValue={s.caseDescription ?? ''}
              onBlur={(e) => e.target.value !== (s.caseDescription ?? '') && patch({ caseDescription: e.target.value || null })}
              data-testid="case-description"
            />
          </Form.Item>
        </Form>
      </Card>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('editor.issues')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('editor.levelHint')}</Typography.Text>
      <Space wrap align="start">
        {d.issues.map((issue) => (
          <IssueCard
            key={`${issue.id}-${issue.name}-${issue.vendorTerms.join()}-${issue.customerTerms.join()}`}
            issue={issue}
            api={api}
            canDelete={d.issues.length > MIN_ISSUES}
          />
        ))}
        {d.issues.length < MAX_ISSUES && <NewIssue api={api} />}
      </Space>
    </Space>
  );
}

function IssueCard({ issue, api, canDelete }: { issue: TrainingIssue; api: TrainingSessionApi; canDelete: boolean }) {
  const { t } = useTranslation('training');
  const { locale } = usePrefs();
  const [name, setName] = useState(issue.name);
  const [vendor, setVendor] = useState(issue.vendorTerms.map((x) => x ?? ''));
  const [customer, setCustomer] = useState(issue.customerTerms.map((x) => x ?? ''));
  const dirty =
    name !== issue.name ||
    vendor.some((v, i) => v !== (issue.vendorTerms[i] ?? '')) ||
    customer.some((v, i) => v !== (issue.customerTerms[i] ?? ''));
  const save = () =>
    void api.change('training:saveIssue', {
      sessionId: api.detail!.session.id,
      id: issue.id,
      name: name.trim(),
      vendorTerms: vendor.map((v) => v || null),
      customerTerms: customer.map((v) => v || null),
    });
  const rows = [5, 4, 3, 2, 1].map((level) => ({ level }));
  return (
    <Card
      size="small"
      style={{ width: 470 }}
      title={
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          variant="borderless"
          style={{ fontWeight: 600, padding: 0 }}
          placeholder={issueLabel(issue, locale)}
        />
      }
      extra={
        <Space size={4}>
          <Button
            size="small"
            type={dirty ? 'primary' : 'default'}
            disabled={!dirty || !name.trim()}
            icon={<SaveOutlined />}
            onClick={save}
          >
            {t('editor.saveOrder')}
          </Button>
          {canDelete && (
            <Popconfirm
              title={`${t('editor.deleteIssue')} ${issue.name}?`}
              onConfirm={() => void api.change('training:deleteIssue', { id: issue.id })}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('editor.deleteIssue')} />
            </Popconfirm>
          )}
        </Space>
      }
      data-testid={`issue-${issue.issueKey ?? issue.name}`}
    >
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={rows}
        columns={[
          { title: t('editor.level'), dataIndex: 'level', width: 56, align: 'center' },
          {
            title: t('editor.vendorTerm'),
            render: (_: unknown, r) => (
              <Input
                size="small"
                value={vendor[r.level - 1]}
                onChange={(e) => setVendor((v) => v.map((x, i) => (i === r.level - 1 ? e.target.value : x)))}
              />
            ),
          },
          {
            title: t('editor.customerTerm'),
            render: (_: unknown, r) => (
              <Input
                size="small"
                value={customer[r.level - 1]}
                onChange={(e) => setCustomer((v) => v.map((x, i) => (i === r.level - 1 ? e.target.value : x)))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function NewIssue({ api }: { api: TrainingSessionApi }) {
  const { t } = useTranslation('training');
  const [name, setName] = useState('');
  return (
    <Card size="small" style={{ width: 300 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder={t('editor.issue')} value={name} onChange={(e) => setName(e.target.value)} />
        <Button
          icon={<PlusOutlined />}
          disabled={!name.trim()}
          onClick={async () => {
            if (
              await api.change('training:saveIssue', {
                sessionId: api.detail!.session.id,
                name: name.trim(),
                vendorTerms: [null, null, null, null, null],
                customerTerms: [null, null, null, null, null],
              })
            )
              setName('');
          }}
        >
          {t('editor.addIssue')}
        </Button>
      </Space.Compact>
    </Card>
  );
}
