import { installBookLifecycle } from '../platform/book';
import { seedDemo } from './demo/seedDemo';
import { recordDueCalls } from '../features/reports/server/forecastService';
import { moveTokenOutOfBook } from '../features/team/server/state';

// Opening a book, as the app does it: the platform's openBook with the demo company for a new
// demo file, the weekly forecast call taken at a start, and a team session token left in an
// older book moved to the secret store at every open (features the platform cannot name).
installBookLifecycle({ seedDemo, onStart: recordDueCalls, onOpen: (ctx) => moveTokenOutOfBook(ctx.db) });

export { openBook, restoreBook, type OpenBookOptions } from '../platform/book';
