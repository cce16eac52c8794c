import 'antd/dist/antd.css';
import { startEarly } from './api/early';
import { parseHash } from './app/hash';
import { loadAccountsPage } from './app/loadAccountsPage';
import { prefetchAccounts } from '../features/accounts/ui/firstRows';

// The page's entry is small on purpose: it starts at once, in parallel, what the first screen
// waits on — the open book and the settings, the shell (./start: React, Ant Design, i18next)
// and, when the accounts grid is the screen opening (most sessions), its code and its first
// page of rows — instead of fetching one after another as each piece of code runs.
startEarly('books:state', {});
startEarly('settings:get', {});
if (['', 'accounts'].includes(parseHash(location.hash).area)) {
  prefetchAccounts();
  void loadAccountsPage();
}
void import('./start');
