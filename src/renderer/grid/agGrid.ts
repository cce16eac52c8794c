import {
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  LargeTextEditorModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  RowApiModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
} from 'ag-grid-community';

// The ag-grid features the accounts grid uses, registered once for every grid. Registering
// only these (not AllCommunityModule) lets the bundler leave out the rest: the accounts
// screen opens on less JavaScript to load and compile. Grids that hold their rows in the
// page import ./clientSideGrid, which adds that row model (not in the accounts screen's
// download). A grid option or API call whose module is missing is reported by ag-grid as
// an error in the console, and the e2e suite fails on any ag-grid error there.
ModuleRegistry.registerModules([
  InfiniteRowModelModule, // accounts: rows paged from the database
  LocaleModule, // the grid's own texts in Chinese
  TextFilterModule,
  NumberFilterModule,
  TextEditorModule,
  LargeTextEditorModule,
  SelectEditorModule,
  CellStyleModule, // cellClass, cellStyle
  ColumnApiModule, // column state (widths, order, sort kept between sessions), export's visible columns
  RowApiModule, // getDisplayedRowCount
  ScrollApiModule, // ensureIndexVisible
]);
