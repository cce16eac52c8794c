import { useState } from 'react';
import { App, Button, Input, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { useBook, useBookRefresh } from './useBookState';

/** The open book's company name, edited in Settings; the header and the book menu follow. */
export function CompanyNameSetting() {
  const { t } = useTranslation('books');
  const { message } = App.useApp();
  const book = useBook();
  const refresh = useBookRefresh();
  const [name, setName] = useState(book.companyName);
  const [saving, setSaving] = useState(false);
  const changed = name.trim() !== book.companyName;
  const save = async () => {
    setSaving(true);
    try {
      await call('books:rename', { companyName: name.trim() });
      await refresh();
      message.success(t('rename.saved'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space>
      <Input
        style={{ width: 260 }}
        value={name}
        maxLength={100}
        placeholder={book.demo ? t('demoCompany') : t('menu.unnamed')}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={() => changed && name.trim() && void save()}
        data-testid="company-name"
      />
      <Button onClick={() => void save()} disabled={!changed || !name.trim()} loading={saving} data-testid="company-name-save">
        {t('rename.save')}
      </Button>
      {book.demo && <Tag color="orange">{t('demo')}</Tag>}
    </Space>
  );
}
