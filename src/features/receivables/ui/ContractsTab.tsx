import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { yuanToFen } from '../../../shared/money';
import type { ContractRow } from '../contract';
import { IsoDatePicker, pct, useLabels } from './shared';
import { AccountPicker } from '../../../renderer/components/AccountPicker';

const TRIGGERS = ['signing', 'delivery', 'acceptance'] as const;
const EVENT_FIELD = { signing: 'signedOn', delivery: 'deliveredOn', acceptance: 'acceptedOn' } as const;

/** Contracts with payment milestones; entering an event date generates the receivables it triggers. */
export function ContractsTab() {
  const { t } = useLabels();
  const { money } = usePrefs();
  const { message } = App.useApp();
  const [rows, setRows] = useState<ContractRow[] | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const reload = useCallback(async () => setRows(await call('receivables:contracts', {})), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const setEvent = async (c: ContractRow, event: (typeof TRIGGERS)[number], date: string | null) => {
    try {
      await call('receivables:setContractEvent', { contractId: c.id, event, date });
      await reload();
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Space>
        <Button icon={<PlusOutlined />} onClick={() => setNewOpen(true)} data-testid="contract-new">
          {t('contract.new')}
        </Button>
      </Space>
      <Table<ContractRow>
        size="small"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="contracts-table"
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (c) => (
            <Card size="small" data-testid={`contract-${c.contractNo}`}>
              <Descriptions size="small" column={3} title={t('contract.events')}>
                {TRIGGERS.map((ev) => (
                  <Descriptions.Item key={ev} label={t(`contract.${ev}`)}>
                    <IsoDatePicker allowClear value={c[EVENT_FIELD[ev]]} onChange={(v) => void setEvent(c, ev, v)} testId={`event-${ev}`} />
                  </Descriptions.Item>
                ))}
              </Descriptions>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={c.milestones}
                columns={[
                  { dataIndex: 'seq', title: '#', width: 40 },
                  { dataIndex: 'label', title: t('contract.label') },
                  { dataIndex: 'percentBp', title: t('contract.percent'), render: (v: number) => pct(v), align: 'right' },
                  { dataIndex: 'trigger', title: t('contract.trigger'), render: (v: string) => t(`contract.${v}`) },
                  { dataIndex: 'offsetDays', title: t('contract.offset'), align: 'right' },
                  { dataIndex: 'amount', title: t('amount'), render: (v: number) => money(v), align: 'right' },
                  {
                    dataIndex: 'dueDate',
                    title: t('dueDate'),
                    render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('contract.notYet')}</Typography.Text>,
                  },
                  {
                    dataIndex: 'invoiceNo',
                    title: t('contract.generated'),
                    render: (v: string | null) => (v ? <Tag color="blue">{v}</Tag> : null),
                  },
                ]}
              />
            </Card>
          ),
        }}
        columns={[
          { dataIndex: 'contractNo', title: t('contractNo') },
          { dataIndex: 'customer', title: t('customer') },
          { dataIndex: 'title', title: t('contract.title') },
          { dataIndex: 'amount', title: t('amount'), render: (v: number) => money(v), align: 'right' },
          { dataIndex: 'signedOn', title: t('contract.signing') },
          { dataIndex: 'acceptedOn', title: t('contract.acceptance') },
          { dataIndex: 'outstanding', title: t('outstanding'), render: (v: number) => money(v), align: 'right' },
        ]}
      />
      <NewContractDialog open={newOpen} onClose={() => setNewOpen(false)} onCreated={() => void reload()} />
    </div>
  );
}

interface MilestoneForm {
  label: string;
  percent: number;
  trigger: (typeof TRIGGERS)[number];
  offsetDays: number;
}

function NewContractDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accountId: string; contractNo: string; title?: string; amount: number; milestones: MilestoneForm[] }>();
  const template: MilestoneForm[] = [
    { label: `${t('contract.signing')} 30%`, percent: 30, trigger: 'signing', offsetDays: 0 },
    { label: `${t('contract.acceptance')} 60%`, percent: 60, trigger: 'acceptance', offsetDays: 7 },
    { label: `${t('contract.acceptance')} 10% (1y)`, percent: 10, trigger: 'acceptance', offsetDays: 365 },
  ];
  const milestones = Form.useWatch('milestones', form) as MilestoneForm[] | undefined;
  const sum = (milestones ?? []).reduce((s, m) => s + (Number(m?.percent) || 0), 0);
  return (
    <Modal
      open={open}
      width={760}
      title={t('contract.new')}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: 'rcv-new-contract' }}
      destroyOnHidden
    >
      <Form
        id="rcv-new-contract"
        form={form}
        layout="vertical"
        initialValues={{ milestones: template }}
        onFinish={async (v) => {
          try {
            await call('receivables:createContract', {
              accountId: v.accountId,
              contractNo: v.contractNo,
              title: v.title || null,
              amount: yuanToFen(v.amount) ?? 0,
              milestones: v.milestones.map((m) => ({
                label: m.label,
                percentBp: Math.round(m.percent * 100),
                trigger: m.trigger,
                offsetDays: m.offsetDays,
              })),
            });
            onCreated();
            onClose();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Space style={{ width: '100%' }} align="start">
          <Form.Item name="accountId" label={t('customer')} rules={[{ required: true }]} style={{ width: 260 }}>
            <AccountPicker testId="contract-customer" />
          </Form.Item>
          <Form.Item name="contractNo" label={t('contractNo')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="contract-no" />
          </Form.Item>
          <Form.Item name="amount" label={t('contract.amount')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} style={{ width: 170 }} data-testid="contract-amount" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('contract.title')}>
          <Input />
        </Form.Item>
        <Typography.Text strong>{t('contract.milestones')}</Typography.Text>
        <Typography.Text type={sum > 100 ? 'danger' : 'secondary'} style={{ marginLeft: 8 }}>
          {t('contract.sumWarning', { percent: sum })}
        </Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true }]}>
                    <Input placeholder={t('contract.label')} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'percent']} rules={[{ required: true }]}>
                    <InputNumber min={0.01} max={100} precision={2} addonAfter="%" style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'trigger']} rules={[{ required: true }]}>
                    <Select style={{ width: 110 }} options={TRIGGERS.map((x) => ({ value: x, label: t(`contract.${x}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'offsetDays']} rules={[{ required: true }]}>
                    <InputNumber min={0} max={3650} addonAfter={t('contract.offset')} style={{ width: 200 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                onClick={() => add({ label: '', percent: 10, trigger: 'acceptance', offsetDays: 30 })}
                icon={<PlusOutlined />}
              >
                {t('contract.milestones')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
