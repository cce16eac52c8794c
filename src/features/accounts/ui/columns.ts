import type { ColDef, ValueFormatterParams, ValueParserParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { Account, Lookups } from '../contract';
import { accountFields, type AccountField } from '../fields';
import { vocab, termLabel } from '../../../shared/vocab';
import { yuanToFen } from '../../../shared/money';

/**
 * Typing in the quick search or a column filter asks the database again once the typing
 * pauses this long. ag-grid's own pause for its text and number filters is 500 ms, made for
 * filtering rows in memory; the database answers a filtered page in tens of milliseconds
 * (viewQuery.ts), so the wait was most of the time a filter took to show.
 */
export const TYPING_PAUSE_MS = 120;

// Grid columns derived from the one field list, so the grid, the import and the export
// can never disagree about what an account is. Sorting and filtering happen in the
// database (see view.ts): the filters' text is matched against what the cells show.

const PATCH_KEY: Record<string, keyof Account> = { territory: 'territoryId', owner: 'ownerId' };

export function patchKeyOf(field: AccountField): string {
  return PATCH_KEY[field.key] ?? field.key;
}

export function accountColumns(opts: {
  t: TFunction;
  locale: 'zh-CN' | 'en';
  lookups: Lookups;
  money: (fen: number | null | undefined) => string;
}): ColDef<Account>[] {
  const { t, locale, lookups, money } = opts;
  const territoryName = new Map(lookups.territories.map((x) => [x.id, locale === 'zh-CN' ? x.nameZh : x.nameEn]));
  const repName = new Map(lookups.reps.map((x) => [x.id, locale === 'zh-CN' ? x.nameZh : x.nameEn]));

  return accountFields
    .filter((f) => f.key !== 'id')
    .map((f): ColDef<Account> => {
      const base: ColDef<Account> = {
        colId: f.key,
        headerName: t(`accounts:field.${f.key}`),
        editable: true,
        filter: true,
        sortable: true,
        minWidth: 90,
      };
      switch (f.type) {
        case 'text':
          return {
            ...base,
            field: patchKeyOf(f) as keyof Account,
            width: f.key === 'name' ? 260 : f.key === 'notes' ? 240 : 130,
            pinned: f.key === 'name' ? 'left' : undefined,
            filter: 'agTextColumnFilter',
            filterParams: { debounceMs: TYPING_PAUSE_MS },
            cellEditor: f.key === 'notes' ? 'agLargeTextCellEditor' : 'agTextCellEditor',
            cellEditorPopup: f.key === 'notes',
          };
        case 'money':
          return {
            ...base,
            field: patchKeyOf(f) as keyof Account,
            width: 140,
            type: 'rightAligned',
            filter: 'agNumberColumnFilter',
            // The filter is typed in yuan (the database compares it with fen); a range includes its ends.
            filterParams: { inRangeInclusive: true, debounceMs: TYPING_PAUSE_MS },
            valueFormatter: (p: ValueFormatterParams<Account, number>) => money(p.value),
            valueParser: (p: ValueParserParams<Account, number>) => {
              const fen = yuanToFen(p.newValue);
              return fen === null ? Number.NaN : fen;
            },
            cellEditor: 'agTextCellEditor',
            cellEditorParams: { useFormatter: false },
            valueGetter: (p) => (p.data ? (p.data[patchKeyOf(f) as keyof Account] as number) : null),
            valueSetter: (p) => {
              if (!p.data) return false;
              (p.data as Record<string, unknown>)[patchKeyOf(f)] = p.newValue;
              return true;
            },
          };
        case 'date':
          return {
            ...base,
            field: patchKeyOf(f) as keyof Account,
            width: 120,
            filter: 'agTextColumnFilter',
            filterParams: { debounceMs: TYPING_PAUSE_MS },
            cellEditor: 'agTextCellEditor',
          };
        case 'enum': {
          const terms = vocab[f.vocab!];
          return {
            ...base,
            field: patchKeyOf(f) as keyof Account,
            width: f.key === 'grade' ? 80 : 130,
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: { values: ['', ...terms.map((x) => x.key)] },
            refData: Object.fromEntries(terms.map((x) => [x.key, termLabel(f.vocab!, x.key, locale)])),
            filter: 'agTextColumnFilter',
            filterParams: { debounceMs: TYPING_PAUSE_MS },
          };
        }
        case 'territory':
          return {
            ...base,
            field: 'territoryId',
            width: 110,
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: { values: lookups.territories.map((x) => x.id) },
            refData: Object.fromEntries(territoryName),
          };
        case 'owner':
          return {
            ...base,
            field: 'ownerId',
            width: 110,
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: (p: { data?: Account }) => ({
              // Deactivated reps keep their accounts but are not offered for new ones.
              values: [
                '',
                ...lookups.reps
                  .filter((r) => r.territoryId === p.data?.territoryId && (r.active || r.id === p.data?.ownerId))
                  .map((r) => r.id),
              ],
            }),
            refData: Object.fromEntries(repName),
          };
        default:
          return base;
      }
    });
}
