import { installBookLifecycle } from '../platform/book';
import { seedDemo } from './demo/seedDemo';
import { recordDueCalls } from '../features/reports/server/forecastService';

// Opening a book, as the app does it: the platform's openBook with the demo company for a new
// demo file and the weekly forecast call taken at a start (features the platform cannot name).
installBookLifecycle({ seedDemo, onStart: recordDueCalls });

export { openBook, restoreBook, type OpenBookOptions } from '../platform/book';
