import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/antd.css';
import './i18n';
import { App } from './app/App';
import { loadAccountsPage } from './app/areas';
import { parseHash } from './app/useHashRoute';
import { prefetchAccounts } from '../features/accounts/ui/firstRows';

// The accounts grid is the screen most sessions open on; its data and its code start
// loading now, alongside the shell's first render.
if (['', 'accounts'].includes(parseHash(location.hash).area)) {
  prefetchAccounts();
  void loadAccountsPage();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
