import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { yuanToFen } from '../../../shared/money';
import type { Lookups } from '../contract';

export function NewAccountDialog({
  open,
  lookups,
  onClose,
  onCreated,
}: {
  open: boolean;
  lookups: Lookups;
  onClose(): void;
  onCreated(): void;
}) {
  const { t } = useTranslation(['accounts', 'common']);
  const { locale } = usePrefs();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const territoryId = Form.useWatch('territoryId', form) as string | undefined;
  const nm = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);
  return (
    <Modal
      open={open}
      title={t('newUi.title')}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: 'new-account' }}
      destroyOnHidden
    >
      <Form
        id="new-account"
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v: { name: string; territoryId: string; ownerId?: string; industry?: string; city?: string; sales?: number }) => {
          try {
            await call('accounts:create', {
              name: v.name,
              territoryId: v.territoryId,
              ownerId: v.ownerId ?? null,
              industry: v.industry ?? null,
              city: v.city ?? null,
              sales: yuanToFen(v.sales ?? 0) ?? 0,
            });
            onCreated();
            onClose();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="new-name" />
        </Form.Item>
        <Form.Item name="territoryId" label={t('field.territory')} rules={[{ required: true }]}>
          <Select options={lookups.territories.map((x) => ({ value: x.id, label: nm(x) }))} data-testid="new-territory" />
        </Form.Item>
        <Form.Item name="ownerId" label={t('field.owner')}>
          <Select
            allowClear
            options={lookups.reps.filter((r) => r.territoryId === territoryId && r.active).map((x) => ({ value: x.id, label: nm(x) }))}
          />
        </Form.Item>
        <Form.Item name="industry" label={t('field.industry')}>
          <Input />
        </Form.Item>
        <Form.Item name="city" label={t('field.city')}>
          <Input />
        </Form.Item>
        <Form.Item name="sales" label={`${t('field.sales')} (¥)`}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
