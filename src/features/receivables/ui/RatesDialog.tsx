import { useEffect, useState } from 'react';
import { App, Checkbox, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import { call, type Out } from '../../../renderer/api/client';
import { useBookToday, usePrefs } from '../../../renderer/app/prefs';
import { localizeReason } from '../../../renderer/i18n/serverReasons';
import { TeamSettingsLockNote, useTeamSettingsLocked } from '../../../renderer/components/teamSettingsLock';
import { useLabels } from './shared';

const FROM_THE_START = '0000-01-01';

const list = (xs: number[]) => xs.join(', ');
const parse = (s: string) =>
  s
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number);

/**
 * Buckets, provision rates and ladder thresholds. Rates are typed in percent, stored in basis
 * points, and take effect from a date the user gives (default today in the book's zone).
 */
export function RatesDialog({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ bounds: string; rates: string; ladder: string; basis: 'gross' | 'netOfCredit' }>();
  const bookToday = useBookToday();
  const { locale } = usePrefs();
  const [loaded, setLoaded] = useState<Out<'receivables:settings'> | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(bookToday());
  const [fromStart, setFromStart] = useState(false);
  // The rates are receivables rows (finance writes them); the ladder and basis are the team's setting.
  const teamLocked = useTeamSettingsLocked();
  useEffect(() => {
    if (!open) return;
    setEffectiveFrom(bookToday());
    setFromStart(false);
    void call('receivables:settings', {}).then((r) => {
      setLoaded(r);
      form.setFieldsValue({
        bounds: list(r.settings.bounds),
        rates: list(r.settings.ratesBp.map((bp) => bp / 100)),
        ladder: list(r.settings.ladderFromDays),
        basis: r.settings.provisionBasis ?? 'gross',
      });
    });
  }, [open, form, bookToday]);
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
            provisionBasis: v.basis,
            effectiveFrom: fromStart ? FROM_THE_START : effectiveFrom,
          });
          message.success(t('settingsUi.saved'));
          onSaved();
          onClose();
        } catch (err) {
          message.error(localizeReason((err as Error).message, locale));
        }
      }}
      destroyOnHidden
    >
      {loaded && (
        <Form form={form} layout="vertical">
          <Form.Item name="bounds" label={t('settingsUi.bounds')}>
            <Input data-testid="rates-bounds" />
          </Form.Item>
          <Form.Item name="rates" label={t('settingsUi.rates')}>
            <Input data-testid="rates-rates" />
          </Form.Item>
          <Form.Item label={t('settingsUi.effectiveFrom')} extra={t('settingsUi.effectiveHelp')}>
            <DatePicker
              value={dayjs(effectiveFrom)}
              disabled={fromStart}
              allowClear={false}
              onChange={(d) => d && setEffectiveFrom(d.format('YYYY-MM-DD'))}
              data-testid="rates-effective"
            />{' '}
            <Checkbox checked={fromStart} onChange={(e) => setFromStart(e.target.checked)}>
              {t('settingsUi.fromStart')}
            </Checkbox>
          </Form.Item>
          <Typography.Text type="secondary" data-testid="rates-versions">
            {t('settingsUi.versions')}:{' '}
            {loaded.versions
              .map(
                (v) =>
                  `${v.effectiveFrom === FROM_THE_START ? t('settingsUi.start') : t('settingsUi.inForce', { date: v.effectiveFrom })} ${v.ratesBp.map((bp) => `${bp / 100}%`).join('/')}`,
              )
              .join(' · ')}
          </Typography.Text>
          <Form.Item
            name="ladder"
            label={`${t('settingsUi.ladder')} (${['reminder', 'notice', 'finance', 'sales', 'lawyer'].map((r) => t(`rung.${r}`)).join(' → ')})`}
          >
            <Input data-testid="rates-ladder" disabled={teamLocked} />
          </Form.Item>
          <Form.Item name="basis" label={t('settingsUi.basis')} extra={t('settingsUi.basisHelp')}>
            <Radio.Group data-testid="rates-basis" disabled={teamLocked}>
              <Radio value="gross">{t('settingsUi.basisGross')}</Radio>
              <Radio value="netOfCredit">{t('settingsUi.basisNet')}</Radio>
            </Radio.Group>
          </Form.Item>
          {teamLocked && <TeamSettingsLockNote />}
        </Form>
      )}
    </Modal>
  );
}
