import './frame.css';
import { forgetEarly, startEarly } from './api/early';
import { earlyCallsOf } from './app/earlyCalls';
import { parseHash } from './app/hash';
import { startAreaPage } from './app/areaPages';
import { openingOn } from './components/firstScreen';
import { forgetPrefetchedAccounts, prefetchAccounts } from '../features/accounts/ui/firstRows';

// The page's entry is small on purpose: it starts at once, in parallel, what the first screen
// waits on — the open book and the settings, the shell (./start: React, i18next, the frame)
// and, when the accounts grid is the screen opening (most sessions), its code and its first
// page of rows — instead of fetching one after another as each piece of code runs. Another
// area opening (a reload, a link) has its code started here too.
// The code is asked for first: the server answers in the order asked, and the scripts take
// longest to arrive and compile, while the data is only needed once they have run.
const route = parseHash(location.hash);
const area = route.area || 'accounts';
openingOn(area);
void import('./start');
startAreaPage(area, route.params);
startEarly('books:state', {});
startEarly('settings:get', {});
if (area === 'accounts') prefetchAccounts();
for (const [channel, input] of earlyCallsOf(area, route.params)) startEarly(channel, input as never);
// Early answers are for the screen the app opens on: once the user has moved on, a page
// asks afresh (an answer from the start may be stale by then). The accounts prefetch too:
// opened on accounts, left before the grid mounted, the grid mounted later reads afresh.
window.addEventListener(
  'hashchange',
  () => {
    forgetEarly();
    forgetPrefetchedAccounts();
  },
  { once: true },
);
