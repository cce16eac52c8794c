import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Layout, Menu, Segmented, Spin, Switch, Space, Typography } from 'antd';
// The ES modules: antd/locale/* are CommonJS files that pull in CommonJS copies of the
// date-picker, time-picker and pagination texts beside the ES ones the components use.
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { areas } from './areas';
import { navigate, useHashRoute } from './useHashRoute';
import { PrefsProvider, usePrefs } from './prefs';
import { ErrorBoundary } from './ErrorBoundary';
import { BookGate } from '../../features/books/ui/useBookState';
import { BookMenu } from '../../features/books/ui/BookMenu';
import { HelpButton } from '../../features/help/ui/HelpButton';

// An area not built yet (none today): its Result illustration is not first-download code.
const NotYetAvailable = lazy(() => import('./NotYetAvailable').then((m) => ({ default: m.NotYetAvailable })));
// Shown once, when no book is open yet: not part of the usual first download.
const FirstStart = lazy(() => import('../../features/books/ui/FirstStart').then((m) => ({ default: m.FirstStart })));

// Ant Design's component styles come from its prebuilt stylesheet (imported in main.tsx)
// instead of being generated in the page at start-up: generating them took most of the
// first half-second on a cold start. The theme's tokens still apply, as CSS variables.
const THEME = { token: { colorPrimary: '#1f6feb', borderRadius: 4 }, zeroRuntime: true };

function Themed({ children }: { children: ReactNode }) {
  const { locale } = usePrefs();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { locale, setLocale, moneyWan, setMoneyWan } = usePrefs();
  const route = useHashRoute();
  const current = areas.find((a) => a.key === route.area) ?? areas[0]!;
  const Page = current.page;
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Sider width={184} theme="light" style={{ borderRight: '1px solid #eee' }}>
        <Typography.Title level={5} style={{ padding: '16px 20px 8px', margin: 0 }} data-testid="app-title">
          {t('appName')}
        </Typography.Title>
        <Menu
          mode="inline"
          // The sider draws the edge, full height; the menu's own ended where its items do.
          style={{ borderInlineEnd: 'none' }}
          selectedKeys={[current.key]}
          items={areas.map((a) => ({ key: a.key, icon: <a.icon />, label: <span data-testid={`nav-${a.key}`}>{t(`nav.${a.key}`)}</span> }))}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #eee',
            padding: '0 20px',
            height: 48,
            lineHeight: '48px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
          }}
        >
          <Space size="small">
            <Typography.Text strong data-testid="page-title">
              {t(`nav.${current.key}`)}
            </Typography.Text>
            <HelpButton area={current.key} />
          </Space>
          <Space size="large">
            <Space size="small">
              <BookMenu />
            </Space>
            <Space size="small">
              <Typography.Text type="secondary">{t('wan')}</Typography.Text>
              <Switch size="small" checked={moneyWan} onChange={setMoneyWan} data-testid="wan-switch" />
            </Space>
            <Segmented
              size="small"
              value={locale}
              onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en' },
              ]}
              data-testid="lang-switch"
            />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 12, overflow: 'auto', background: '#f5f6f8' }}>
          <ErrorBoundary key={current.key}>
            <Suspense fallback={<Spin style={{ margin: 40 }} />}>{Page ? <Page /> : <NotYetAvailable area={current.key} />}</Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  return (
    <PrefsProvider>
      <Themed>
        <BookGate
          firstStart={
            <Suspense fallback={<Spin style={{ margin: 40 }} />}>
              <FirstStart />
            </Suspense>
          }
          loading={<Spin style={{ margin: 40 }} />}
        >
          <Shell />
        </BookGate>
      </Themed>
    </PrefsProvider>
  );
}
