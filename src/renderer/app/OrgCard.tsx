import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../api/client';
import { usePrefs } from './prefs';

/** Territories and the reps who own them: the organisation every account hangs from. */
export function OrgCard() {
  const { t } = useTranslation();
  const { locale } = usePrefs();
  const { message } = App.useApp();
  const [org, setOrg] = useState<Out<'accounts:lookups'> | null>(null);
  const [tForm] = Form.useForm();
  const [rForm] = Form.useForm();
  const reload = useCallback(async () => setOrg(await call('accounts:lookups', {})), []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const nm = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);
  const save = async (fn: () => Promise<unknown>, form: ReturnType<typeof Form.useForm>[0]) => {
    try {
      await fn();
      form.resetFields();
      await reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card title={t('org.title')} size="small">
      <Space align="start" size="large" wrap>
        <div>
          <Table size="small" rowKey="id" pagination={false} dataSource={org?.territories ?? []}
            columns={[{ title: t('org.territory'), render: (_: unknown, x: { nameZh: string; nameEn: string }) => `${x.nameZh} / ${x.nameEn}` }]} />
          <Form form={tForm} layout="inline" style={{ marginTop: 8 }} onFinish={(v: { nameZh: string; nameEn: string }) => void save(() => call('territories:save', v), tForm)}>
            <Form.Item name="nameZh" rules={[{ required: true }]}><Input placeholder={t('org.nameZh')} style={{ width: 110 }} /></Form.Item>
            <Form.Item name="nameEn" rules={[{ required: true }]}><Input placeholder={t('org.nameEn')} style={{ width: 110 }} /></Form.Item>
            <Button htmlType="submit">{t('org.addTerritory')}</Button>
          </Form>
        </div>
        <div>
          <Table size="small" rowKey="id" pagination={false} dataSource={org?.reps ?? []}
            columns={[
              { title: t('org.rep'), render: (_: unknown, x: { nameZh: string; nameEn: string; territoryId: string }) => `${x.nameZh} / ${x.nameEn}` },
              { title: t('org.territory'), render: (_: unknown, x: { nameZh: string; nameEn: string; territoryId: string }) => { const tt = org?.territories.find((y) => y.id === x.territoryId); return tt ? nm(tt) : ''; } },
            ]} />
          <Form form={rForm} layout="inline" style={{ marginTop: 8 }} onFinish={(v: { nameZh: string; nameEn: string; territoryId: string }) => void save(() => call('reps:save', v), rForm)}>
            <Form.Item name="territoryId" rules={[{ required: true }]}>
              <Select style={{ width: 120 }} placeholder={t('org.territory')} options={(org?.territories ?? []).map((x) => ({ value: x.id, label: nm(x) }))} />
            </Form.Item>
            <Form.Item name="nameZh" rules={[{ required: true }]}><Input placeholder={t('org.nameZh')} style={{ width: 100 }} /></Form.Item>
            <Form.Item name="nameEn" rules={[{ required: true }]}><Input placeholder={t('org.nameEn')} style={{ width: 100 }} /></Form.Item>
            <Button htmlType="submit">{t('org.addRep')}</Button>
          </Form>
        </div>
      </Space>
    </Card>
  );
}
