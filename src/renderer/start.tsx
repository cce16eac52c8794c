import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './app/App';
import { parseHash } from './app/hash';
import { areaPageSettled } from './app/areaPages';
import { settledWithin } from './components/preloadable';

// The shell: React, i18next and the app's frame (loaded by main.tsx; Ant Design comes with
// each screen, after the first rows on the accounts screen: components/firstScreen.ts). Its first
// render waits for the opening area's page (started by main.tsx beside this code), so the
// page renders in that pass instead of suspending (see areaPageSettled). On a stalled download
// (the team server's browser mode on a poor network) the frame does not wait past 1.5 s: it
// renders with the page's spinner and the menu, as it did before.
const route = parseHash(location.hash);
void settledWithin(areaPageSettled(route.area || 'accounts', route.params), 1500).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
