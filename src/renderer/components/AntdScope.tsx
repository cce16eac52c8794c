import type { ComponentType, ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
// The ES modules: antd/locale/* are CommonJS files that pull in CommonJS copies of the
// date-picker, time-picker and pagination texts beside the ES ones the components use.
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
// Ant Design's stylesheet (1 MB) comes with the first thing drawn with Ant Design, not before
// the accounts screen's first rows: the bundler loads it with this module, before it runs.
import 'antd/dist/antd.css';
import { usePrefs } from '../app/prefs';

// Ant Design's component styles come from its prebuilt stylesheet (imported above)
// instead of being generated in the page at start-up: generating them took most of the
// first half-second on a cold start. The theme's tokens still apply, as CSS variables.
const THEME = { token: { colorPrimary: '#1f6feb', borderRadius: 4 }, zeroRuntime: true };

/**
 * Ant Design's language, theme and message/modal holder around what it wraps. The frame is
 * not drawn with Ant Design (see ./firstScreen.ts): each part that is — a screen, the header's
 * controls, the accounts toolbar — has its own scope (./antdIsland.tsx). `component={false}`:
 * the holder adds no element of its own to the layout.
 */
export function AntdScope({ children }: { children: ReactNode }) {
  const { locale } = usePrefs();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME}>
      <AntApp component={false}>{children}</AntApp>
    </ConfigProvider>
  );
}

/** `Component` inside its own scope: an area's page (app/areaPages.ts) or an island (./antdIsland.tsx). */
export function withAntdScope<P extends object>(Component: ComponentType<P>): ComponentType<P> {
  const Scoped = (props: P) => (
    <AntdScope>
      <Component {...props} />
    </AntdScope>
  );
  Scoped.displayName = `InAntdScope(${Component.displayName ?? Component.name})`;
  return Scoped;
}
