import { useState } from 'react';
import { App, Button, Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { NewBookForm } from './NewBookForm';
import { switchBook } from './switchBook';
import { LanguageSwitch } from '../../../renderer/components/LanguageSwitch';

/** The first start: the demo company (its own file) or a new, empty book for the team. */
export function FirstStart() {
  const { t } = useTranslation('books');
  const { message } = App.useApp();
  const { locale, setLocale } = usePrefs();
  const [busy, setBusy] = useState<'demo' | 'own' | null>(null);
  const run = (which: 'demo' | 'own', action: () => Promise<unknown>) => {
    setBusy(which);
    switchBook(action).catch((e: Error) => {
      setBusy(null);
      message.error(t('switchFailed', { message: e.message }));
    });
  };
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8', padding: '48px 24px' }} data-testid="first-start">
      <div style={{ maxWidth: 960, margin: '0 auto' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3}>{t('firstStart.title')}</Typography.Title>
          <LanguageSwitch testId="lang-switch" />
        </div>
        <Typography.Paragraph type="secondary">{t('firstStart.lead')}</Typography.Paragraph>
        <Row gutter={24}>
          <Col span={12}>
            <Card title={t('firstStart.demoTitle')} style={{ height: '100%' }}>
              <Typography.Paragraph>{t('firstStart.demoBody')}</Typography.Paragraph>
              <Button
                size="large"
                loading={busy === 'demo'}
                disabled={busy === 'own'}
                onClick={() => run('demo', () => call('books:openDemo', {}))}
                data-testid="first-start-demo"
              >
                {t('firstStart.demoButton')}
              </Button>
            </Card>
          </Col>
          <Col span={12}>
            <Card title={t('firstStart.ownTitle')}>
              <Typography.Paragraph>{t('firstStart.ownBody')}</Typography.Paragraph>
              <NewBookForm
                locale={locale}
                busy={busy === 'own'}
                onLocale={setLocale}
                onSubmit={(v) => run('own', () => call('books:create', v))}
              />
            </Card>
          </Col>
        </Row>
      </div>
    </div>
  );
}
