import { Button, Form, Input, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NewBook } from '../contract';
import { DEFAULT_TIME_ZONE } from '../../../shared/bookTime';

// Every zone the runtime knows; the book's zone decides "today" on every screen.
const TIME_ZONES = (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai', 'UTC']).map(
  (z) => ({ value: z, label: z }),
);

/** Company name, time zone and language of a new, empty book (first start and the book menu). */
export function NewBookForm({
  locale,
  busy,
  onSubmit,
  onLocale,
}: {
  locale: NewBook['locale'];
  busy: boolean;
  onSubmit(v: NewBook): void;
  onLocale?(l: NewBook['locale']): void;
}) {
  const { t } = useTranslation('books');
  return (
    <Form<NewBook>
      layout="vertical"
      initialValues={{ companyName: '', timeZone: DEFAULT_TIME_ZONE, locale }}
      onFinish={(v) => onSubmit({ ...v, companyName: v.companyName.trim() })}
      onValuesChange={(changed: Partial<NewBook>) => changed.locale && onLocale?.(changed.locale)}
      data-testid="new-book-form"
    >
      <Form.Item
        name="companyName"
        label={t('firstStart.company')}
        rules={[{ required: true, whitespace: true, message: t('firstStart.companyRequired') }]}
      >
        <Input maxLength={100} data-testid="new-book-company" />
      </Form.Item>
      <Form.Item name="timeZone" label={t('firstStart.timeZone')} extra={t('firstStart.timeZoneHelp')}>
        <Select showSearch options={TIME_ZONES} data-testid="new-book-zone" />
      </Form.Item>
      <Form.Item name="locale" label={t('firstStart.language')}>
        <Segmented
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
          data-testid="new-book-locale"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="new-book-create">
        {t('firstStart.create')}
      </Button>
    </Form>
  );
}
