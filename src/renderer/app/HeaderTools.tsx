import { Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrefs } from './prefs';
import { BookMenu } from '../../features/books/ui/BookMenu';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The header's controls: the book, amounts in 万, the language (drawn with Ant Design, loaded after the first screen). */
export function HeaderTools() {
  const { t } = useTranslation();
  const { moneyWan, setMoneyWan } = usePrefs();
  return (
    <Space size="large">
      <Space size="small">
        <BookMenu />
      </Space>
      <Space size="small">
        <Typography.Text type="secondary">{t('wan')}</Typography.Text>
        <Switch size="small" checked={moneyWan} onChange={setMoneyWan} data-testid="wan-switch" />
      </Space>
      <LanguageSwitch testId="lang-switch" />
    </Space>
  );
}
