import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './app/App';
import { parseHash } from './app/hash';
import { areaPageSettled } from './app/areaPages';

// The shell: React, Ant Design, i18next and the app's frame (loaded by main.tsx). Its first
// render waits for the opening area's page (started by main.tsx beside this code), so the
// page renders in that pass instead of suspending (see areaPageSettled).
const route = parseHash(location.hash);
void areaPageSettled(route.area || 'accounts', route.params).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
