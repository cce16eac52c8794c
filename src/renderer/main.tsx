import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/antd.css';
import './i18n';
import { App } from './app/App';
import { parseHash } from './app/useHashRoute';
import { prefetchAccounts } from '../features/accounts/ui/firstRows';

// The accounts grid is the screen most sessions open on; its data starts loading now.
if (['', 'accounts'].includes(parseHash(location.hash).area)) prefetchAccounts();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
