import { ClientSideRowModelModule, ModuleRegistry, PinnedRowModule, QuickFilterModule } from 'ag-grid-community';
import './agGrid';

// Grids whose rows are all in the page (pipeline, receivables, reports' quotas): the
// client-side row model and what only those grids use, on top of ./agGrid's modules.
// Registered when the first such screen loads; the accounts grid pages from the database
// and does not need them, so they are not in its download.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  QuickFilterModule, // pipeline's and invoices' search box
  PinnedRowModule, // receivables' and quotas' totals row
]);
