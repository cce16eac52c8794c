import * as z from 'zod';
import { zId, zLang } from '../../shared/contract/define';
import { accountFields } from './fields';

// The accounts grid's view as the database answers it: scope, quick search, the grid's
// sort and column filters (ag-grid's own filter models), in the display language that
// territory, owner and fixed-value labels are matched in. At 100,000 accounts the grid
// pages through this view (ag-grid's infinite row model) instead of holding every row, so
// sort, filter and search are SQL; the export and select-all take the same view.

const fieldKeys = accountFields.map((f) => f.key) as [string, ...string[]];
const zColId = z.enum(fieldKeys);

export const TEXT_FILTER_TYPES = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'] as const;
export const NUMBER_FILTER_TYPES = [
  'equals',
  'notEqual',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'inRange',
  'blank',
  'notBlank',
] as const;

const zTextCondition = z.object({
  filterType: z.literal('text'),
  type: z.enum(TEXT_FILTER_TYPES),
  filter: z.string().max(500).nullish(),
});
/** Money filters are typed in yuan (the grid shows yuan); the database holds fen. */
const zNumberCondition = z.object({
  filterType: z.literal('number'),
  type: z.enum(NUMBER_FILTER_TYPES),
  filter: z.number().finite().nullish(),
  filterTo: z.number().finite().nullish(),
});
const combined = <T extends z.ZodType>(kind: 'text' | 'number', condition: T) =>
  z.object({ filterType: z.literal(kind), operator: z.enum(['AND', 'OR']), conditions: z.array(condition).min(1).max(10) });

export const zColumnFilter = z.union([
  zTextCondition,
  zNumberCondition,
  combined('text', zTextCondition),
  combined('number', zNumberCondition),
]);
export type ColumnFilter = z.infer<typeof zColumnFilter>;
export type TextCondition = z.infer<typeof zTextCondition>;
export type NumberCondition = z.infer<typeof zNumberCondition>;

export const zAccountView = z
  .object({
    territoryId: zId.optional(),
    ownerId: zId.optional(),
    search: z.string().max(200).optional(),
    sort: z
      .array(z.object({ colId: zColId, sort: z.enum(['asc', 'desc']) }))
      .max(10)
      .default([]),
    filter: z.partialRecord(zColId, zColumnFilter).default({}),
    /** The language labels are matched and sorted in; only needed when they are. */
    lang: zLang.default('zh-CN'),
  })
  .strict();
export type AccountView = z.input<typeof zAccountView>;
export type ParsedAccountView = z.output<typeof zAccountView>;

/**
 * Whether a cell's displayed text passes one text-filter condition, as ag-grid's text
 * filter decides it: case-insensitive; an empty cell passes only "not contains", "not
 * equal" and "blank"; a condition with no text yet filters nothing. The server uses this
 * for columns shown as labels (territory, owner, fixed values), where it is cheaper to
 * find the few matching keys than to compare labels row by row.
 */
export function textConditionPasses(c: TextCondition, text: string | null | undefined): boolean {
  const value = (text ?? '').toLowerCase();
  if (c.type === 'blank') return value === '';
  if (c.type === 'notBlank') return value !== '';
  const f = (c.filter ?? '').toLowerCase();
  if (f === '') return true;
  switch (c.type) {
    case 'contains':
      return value.includes(f);
    case 'notContains':
      return !value.includes(f);
    case 'equals':
      return value === f;
    case 'notEqual':
      return value !== f;
    case 'startsWith':
      return value.startsWith(f);
    case 'endsWith':
      return value.endsWith(f);
  }
}

/** The words of a quick search: every one must match some column, as in ag-grid's quick filter. */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 10);
}
