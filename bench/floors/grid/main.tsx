import { createRoot } from 'react-dom/client';
import { AgGridReact } from 'ag-grid-react';
import { InfiniteRowModelModule, ModuleRegistry, type IDatasource } from 'ag-grid-community';

// The first-rows floor of `grid-100k`: the least a page does to show the same accounts —
// React, ag-grid with the infinite row model and nothing else, its pages asked of the same
// web server and handler (accounts:page) on the same book. No shell, locale, styles library
// or prefetch.
ModuleRegistry.registerModules([InfiniteRowModelModule]);

const token = new URLSearchParams(location.search).get('token') ?? '';
const datasource: IDatasource = {
  getRows(p) {
    const limit = p.endRow - p.startRow;
    fetch('/api/accounts:page', {
      method: 'POST',
      headers: { 'x-sw-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ view: {}, offset: p.startRow, limit, count: p.startRow === 0 }),
    })
      .then((r) => r.json())
      .then(
        (r: { ok: boolean; value: { rows: object[]; total: number | null } }) =>
          p.successCallback(r.value.rows, r.value.total ?? undefined),
        () => p.failCallback(),
      );
  },
};
// The same data columns as the accounts screen (its tick and detail columns aside).
const fields = [
  'name',
  'nameEn',
  'territoryId',
  'ownerId',
  'industry',
  'city',
  'size',
  'nature',
  'sales',
  'salesLastYear',
  'profit',
  'receivable',
  'grade',
  'relationshipStage',
  'relationshipType',
  'communicationStyle',
  'valueType',
  'loyaltyType',
  'productsInUse',
  'lastVisit',
  'nextVisit',
  'notes',
];
const columns = fields.map((field) => ({ field, colId: field }));

createRoot(document.getElementById('root')!).render(
  <AgGridReact rowModelType="infinite" cacheBlockSize={100} columnDefs={columns} datasource={datasource} />,
);
