import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { areas } from './areas';
import { useHashRoute } from './useHashRoute';
import { PrefsProvider } from './prefs';
import { ErrorBoundary } from './ErrorBoundary';
import { SideNav } from './SideNav';
import { antdIsland } from '../components/antdIsland';
import { Spinner } from '../components/Spinner';
import { BookGate } from '../../features/books/ui/useBookState';

// The frame — menu, header, content — is plain React: on the accounts screen it is drawn
// with the grid, before Ant Design loads (components/firstScreen.ts). What in it is drawn with Ant
// Design loads as islands, each in its own scope, in places kept for them.

// An area not built yet (none today): its Result illustration is not first-download code.
const NotYetAvailable = antdIsland(() => import('./NotYetAvailable').then((m) => m.NotYetAvailable));
// Shown once, when no book is open yet: not part of the usual first download.
const FirstStart = antdIsland(() => import('../../features/books/ui/FirstStart').then((m) => m.FirstStart));
const HelpButton = antdIsland(() => import('../../features/help/ui/HelpButton').then((m) => m.HelpButton), { afterFirstScreen: true });
const HeaderTools = antdIsland(() => import('./HeaderTools').then((m) => m.HeaderTools), { afterFirstScreen: true });

/** The help button's place while it loads (a small round button). */
const HELP_PLACE = <span style={{ display: 'inline-block', width: 24, height: 24 }} />;

function Shell() {
  const { t } = useTranslation();
  const route = useHashRoute();
  const current = areas.find((a) => a.key === route.area) ?? areas[0]!;
  const Page = current.page;
  return (
    <div className="sw-frame">
      <aside className="sw-sider">
        <h1 className="sw-app-title" data-testid="app-title">
          {t('appName')}
        </h1>
        <SideNav current={current.key} />
      </aside>
      <div className="sw-main">
        <header className="sw-header">
          <div className="sw-header-start">
            <span className="sw-page-title" data-testid="page-title">
              {t(`nav.${current.key}`)}
            </span>
            <Suspense fallback={HELP_PLACE}>
              <HelpButton area={current.key} />
            </Suspense>
          </div>
          <div className="sw-header-end">
            <Suspense fallback={null}>
              <HeaderTools />
            </Suspense>
          </div>
        </header>
        <main className="sw-content">
          <ErrorBoundary key={current.key}>
            <Suspense fallback={<Spinner />}>{Page ? <Page /> : <NotYetAvailable area={current.key} />}</Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}

export function App() {
  return (
    <PrefsProvider>
      <BookGate
        firstStart={
          <Suspense fallback={<Spinner />}>
            <FirstStart />
          </Suspense>
        }
        loading={<Spinner />}
      >
        <Shell />
      </BookGate>
    </PrefsProvider>
  );
}
