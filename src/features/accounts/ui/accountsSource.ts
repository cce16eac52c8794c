import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import { call } from '../../../renderer/api/client';
import type { AccountView, ColumnFilter } from '../view';
import { takePrefetchedPage } from './firstRows';

// The accounts grid's rows come a page at a time from the database (ag-grid's infinite
// row model): scope, quick search, the grid's sort and column filters travel as one view.

export interface ViewState {
  territoryId?: string;
  ownerId?: string;
  search: string;
  lang: 'zh-CN' | 'en';
}

/** The view in its shortest form (an unnarrowed view is `{}`, which the app prefetches). */
export function viewOf(
  s: ViewState,
  sortModel: { colId: string; sort: 'asc' | 'desc' }[],
  filterModel: Record<string, unknown> | null,
): AccountView {
  const v: AccountView = {};
  if (s.territoryId) v.territoryId = s.territoryId;
  if (s.ownerId) v.ownerId = s.ownerId;
  if (s.search.trim()) v.search = s.search.trim();
  if (sortModel.length) v.sort = sortModel.map(({ colId, sort }) => ({ colId, sort }));
  if (filterModel && Object.keys(filterModel).length) v.filter = filterModel as Record<string, ColumnFilter>;
  // Labels (territory, owner, fixed values) are matched and sorted in the UI's language.
  if (v.search || v.filter || v.sort?.some((x) => x.colId === 'territory' || x.colId === 'owner')) v.lang = s.lang;
  return v;
}

export function accountsDatasource(opts: {
  state(): ViewState;
  /** A new view starts loading (its first page was asked for). */
  onView(view: AccountView, key: string): void;
  /** The number of accounts in the view now shown. */
  onTotal(total: number): void;
  onError(err: Error): void;
}): IDatasource {
  let latest = '';
  let total: number | undefined;
  return {
    getRows(p: IGetRowsParams) {
      const view = viewOf(opts.state(), p.sortModel as { colId: string; sort: 'asc' | 'desc' }[], p.filterModel as Record<string, unknown>);
      const key = JSON.stringify(view);
      // The first page of a view also counts it; later pages reuse that count.
      const count = p.startRow === 0;
      if (count) {
        latest = key;
        total = undefined;
        opts.onView(view, key);
      }
      const request = { view, offset: p.startRow, limit: p.endRow - p.startRow, count };
      (takePrefetchedPage(request) ?? call('accounts:page', request)).then(
        (r) => {
          if (key === latest && r.total !== null) {
            total = r.total;
            opts.onTotal(r.total);
          }
          p.successCallback(r.rows, key === latest ? total : undefined);
        },
        (err: Error) => {
          p.failCallback();
          opts.onError(err);
        },
      );
    },
  };
}
