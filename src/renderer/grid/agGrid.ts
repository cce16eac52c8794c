import {
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  LargeTextEditorModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  PinnedRowModule,
  QuickFilterModule,
  RowApiModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
} from 'ag-grid-community';

// The ag-grid features this app uses, registered once for every grid. Registering only
// these (not AllCommunityModule) lets the bundler leave out the rest: the accounts screen
// opens on less JavaScript to load and compile. A grid option or API call whose module
// is missing is reported by ag-grid as an error in the console, and the e2e suite fails
// on any ag-grid error there.
ModuleRegistry.registerModules([
  ClientSideRowModelModule, // pipeline, receivables
  InfiniteRowModelModule, // accounts: rows paged from the database
  LocaleModule, // the grid's own texts in Chinese
  TextFilterModule,
  NumberFilterModule,
  QuickFilterModule, // pipeline's search box
  TextEditorModule,
  LargeTextEditorModule,
  LocaleModule,
  SelectEditorModule,
  CellStyleModule, // cellClass, cellStyle
  PinnedRowModule, // receivables' totals row
  ColumnApiModule, // column state (widths, order, sort kept between sessions), export's visible columns
  RowApiModule, // getDisplayedRowCount
  ScrollApiModule, // ensureIndexVisible
]);
