import { accountFields } from '../../accounts/fields';
import { formatMoney } from '../../../shared/money';

// The conflicts list in the person's words: a field's label as the feature that owns it names
// it (accounts: the field list the grid and imports use; opportunities: the pipeline's field
// labels), the raw column name where no feature names it; money (integer fen, every *_fen
// column) as yuan.

export type Lang = 'zh-CN' | 'en';
/** i18next's t, reduced to what is used here. */
export type Translate = (key: string) => string;

/** Opportunity columns → the pipeline's `field.*` label keys. */
const OPPORTUNITY_FIELD_KEYS: Readonly<Record<string, string>> = {
  ref: 'ref',
  name: 'name',
  account_id: 'account',
  owner_id: 'owner',
  territory_id: 'territory',
  amount_fen: 'amount',
  probability_bp: 'probabilityOverride',
  stage_id: 'stage',
  expected_close: 'expectedClose',
  status: 'status',
  close_reason: 'closeReason',
  next_step: 'nextStep',
  next_step_date: 'nextStepDate',
  created_on: 'createdOn',
  stage_since: 'stageSince',
};

export function conflictFieldLabel(t: Translate, lang: Lang, table: string, field: string): string {
  if (table === 'accounts') {
    const f = accountFields.find((x) => x.column === field);
    if (f) return lang === 'zh-CN' ? f.zh : f.en;
  }
  const key = table === 'opportunities' ? OPPORTUNITY_FIELD_KEYS[field] : undefined;
  return key ? t(`pipeline:field.${key}`) : field;
}

/** Money columns hold integer fen (the schema's convention: the name ends in _fen). */
export const isMoneyColumn = (field: string | null): boolean => field !== null && field.endsWith('_fen');

/** `money`: the app's formatter (its language and 万 preference); by default plain yuan in `lang`. */
export function conflictValueText(
  lang: Lang,
  field: string | null,
  v: unknown,
  money = (fen: number) => formatMoney(fen, { locale: lang }),
): string {
  if (v === null || v === undefined) return '—';
  if (isMoneyColumn(field) && typeof v === 'number' && Number.isInteger(v)) return money(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
