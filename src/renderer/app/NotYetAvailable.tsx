import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function NotYetAvailable({ area }: { area: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={t('notYet.title')}
      subTitle={t('notYet.body', { area: t(`nav.${area}`) })}
      data-testid="not-yet-available"
    />
  );
}
