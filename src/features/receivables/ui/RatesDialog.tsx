import { useEffect, useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { call } from '../../../renderer/api/client';
import type { RcvSettings } from '../contract';
import { useLabels } from './shared';

const list = (xs: number[]) => xs.join(', ');
const parse = (s: string) => s.split(/[,，\s]+/).filter(Boolean).map(Number);

/** Buckets, provision rates and ladder thresholds (settings). Rates are typed in percent, stored in basis points. */
export function RatesDialog({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ bounds: string; rates: string; ladder: string }>();
  const [loaded, setLoaded] = useState<RcvSettings | null>(null);
  useEffect(() => {
    if (!open) return;
    void call('receivables:settings', {}).then((r) => {
      setLoaded(r.settings);
      form.setFieldsValue({ bounds: list(r.settings.bounds), rates: list(r.settings.ratesBp.map((bp) => bp / 100)), ladder: list(r.settings.ladderFromDays) });
    });
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t('editRates')}
      onCancel={onClose}
      onOk={async () => {
        const v = form.getFieldsValue();
        try {
          await call('receivables:saveSettings', {
            bounds: parse(v.bounds),
            ratesBp: parse(v.rates).map((p) => Math.round(p * 100)),
            ladderFromDays: parse(v.ladder),
          });
          message.success(t('settingsUi.saved'));
          onSaved();
          onClose();
        } catch (err) {
          message.error((err as Error).message);
        }
      }}
      destroyOnHidden
    >
      {loaded && (
        <Form form={form} layout="vertical">
          <Form.Item name="bounds" label={t('settingsUi.bounds')}><Input data-testid="rates-bounds" /></Form.Item>
          <Form.Item name="rates" label={t('settingsUi.rates')}><Input data-testid="rates-rates" /></Form.Item>
          <Form.Item name="ladder" label={`${t('settingsUi.ladder')} (${['reminder', 'notice', 'finance', 'sales', 'lawyer'].map((r) => t(`rung.${r}`)).join(' → ')})`}>
            <Input data-testid="rates-ladder" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
