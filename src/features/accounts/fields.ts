import type { VocabName } from '../../shared/vocab';
import { ACCOUNT_TEXT_MAX as MAX } from './domain';

// The account fields as files, the grid and the CLI know them. `key` is the English key
// used by --map and the README; headers lists the zh/en header synonyms an import
// recognises (compared case- and space-insensitively).
export type FieldType = 'id' | 'text' | 'money' | 'date' | 'enum' | 'territory' | 'owner';

export interface AccountField {
  key: string;
  column: string;
  type: FieldType;
  en: string;
  zh: string;
  synonyms: string[];
  vocab?: VocabName;
  required?: boolean;
  /** Money fields that may be negative. */
  signed?: boolean;
  maxLength?: number;
}

export const accountFields: AccountField[] = [
  { key: 'id', column: 'id', type: 'id', en: 'ID', zh: '编号', synonyms: ['id', '客户编号', '客户id', 'account id'] },
  {
    key: 'name',
    column: 'name',
    type: 'text',
    en: 'Name',
    zh: '客户名称',
    synonyms: ['name', 'account', 'account name', 'customer', '客户', '名称', '客户名'],
    required: true,
    maxLength: MAX.name,
  },
  {
    key: 'territory',
    column: 'territory_id',
    type: 'territory',
    en: 'Territory',
    zh: '区域',
    synonyms: ['territory', 'region', '责任区域', '销售区域', '区域'],
    required: true,
  },
  {
    key: 'owner',
    column: 'owner_id',
    type: 'owner',
    en: 'Owner',
    zh: '负责人',
    synonyms: ['owner', 'rep', 'sales rep', '销售代表', '销售', '业务员', '负责人', '客户经理'],
  },
  {
    key: 'industry',
    column: 'industry',
    type: 'text',
    en: 'Industry',
    zh: '行业',
    synonyms: ['industry', '行业'],
    maxLength: MAX.industry,
  },
  {
    key: 'city',
    column: 'city',
    type: 'text',
    en: 'City',
    zh: '城市',
    synonyms: ['city', '城市', '地区', '所在城市'],
    maxLength: MAX.city,
  },
  {
    key: 'sales',
    column: 'sales_fen',
    type: 'money',
    en: 'Sales',
    zh: '今年销售额',
    synonyms: ['sales', 'sales this year', '销售额', '今年销售额', '本年销售额'],
  },
  {
    key: 'salesLastYear',
    column: 'sales_last_year_fen',
    type: 'money',
    en: 'Sales last year',
    zh: '去年销售额',
    synonyms: ['sales last year', 'last year sales', '去年销售额', '上年销售额'],
  },
  { key: 'profit', column: 'profit_fen', type: 'money', en: 'Profit', zh: '利润', synonyms: ['profit', '利润', '毛利'], signed: true },
  {
    key: 'grade',
    column: 'grade',
    type: 'enum',
    vocab: 'grade',
    en: 'Grade',
    zh: '等级',
    synonyms: ['grade', 'class', '等级', '客户等级', '分级'],
  },
  {
    key: 'nameEn',
    column: 'name_en',
    type: 'text',
    en: 'English name',
    zh: '英文名称',
    synonyms: ['english name', 'name (en)', '英文名', '英文名称'],
    maxLength: MAX.nameEn,
  },
  {
    key: 'receivable',
    column: 'receivable_fen',
    type: 'money',
    en: 'Receivable balance',
    zh: '应收余额',
    synonyms: ['receivable', 'receivable balance', 'ar balance', '应收余额', '应收账款'],
    signed: true,
  },
  { key: 'size', column: 'size', type: 'text', en: 'Size', zh: '规模', synonyms: ['size', '规模'], maxLength: MAX.size },
  {
    key: 'nature',
    column: 'nature',
    type: 'text',
    en: 'Nature',
    zh: '性质',
    synonyms: ['nature', 'ownership', '性质', '企业性质'],
    maxLength: MAX.nature,
  },
  {
    key: 'relationshipStage',
    column: 'relationship_stage',
    type: 'enum',
    vocab: 'relationshipStage',
    en: 'Relationship stage',
    zh: '关系阶段',
    synonyms: ['relationship stage', '关系阶段', '客户关系阶段'],
  },
  {
    key: 'relationshipType',
    column: 'relationship_type',
    type: 'enum',
    vocab: 'relationshipType',
    en: 'Relationship type',
    zh: '关系类型',
    synonyms: ['relationship type', '关系类型'],
  },
  {
    key: 'communicationStyle',
    column: 'communication_style',
    type: 'enum',
    vocab: 'communicationStyle',
    en: 'Communication style',
    zh: '沟通风格',
    synonyms: ['communication style', 'style', '沟通风格'],
  },
  {
    key: 'valueType',
    column: 'value_type',
    type: 'enum',
    vocab: 'valueType',
    en: 'Value type',
    zh: '价值类型',
    synonyms: ['value type', '价值类型', '大客户类型'],
  },
  {
    key: 'loyaltyType',
    column: 'loyalty_type',
    type: 'enum',
    vocab: 'loyaltyType',
    en: 'Loyalty type',
    zh: '忠诚类型',
    synonyms: ['loyalty type', 'loyalty', '忠诚类型', '客户忠诚'],
  },
  {
    key: 'productsInUse',
    column: 'products_in_use',
    type: 'text',
    en: 'Products in use',
    zh: '在用产品',
    synonyms: ['products in use', 'current products', '在用产品', '现用产品'],
    maxLength: MAX.productsInUse,
  },
  {
    key: 'lastVisit',
    column: 'last_visit',
    type: 'date',
    en: 'Last visit',
    zh: '上次拜访',
    synonyms: ['last visit', '上次拜访', '最近拜访'],
  },
  {
    key: 'nextVisit',
    column: 'next_visit',
    type: 'date',
    en: 'Next visit',
    zh: '下次拜访',
    synonyms: ['next visit', '下次拜访', '计划拜访'],
  },
  {
    key: 'notes',
    column: 'notes',
    type: 'text',
    en: 'Notes',
    zh: '备注',
    synonyms: ['notes', 'note', 'remarks', '备注', '说明'],
    maxLength: MAX.notes,
  },
];

export const accountFieldByKey = new Map(accountFields.map((f) => [f.key, f]));

export function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

const synonymIndex = new Map<string, string>();
for (const f of accountFields) {
  for (const s of [f.key, f.en, f.zh, ...f.synonyms]) synonymIndex.set(normalizeHeader(s), f.key);
}

/** The account field a spreadsheet header means, or null when unknown. */
export function fieldForHeader(header: string): string | null {
  return synonymIndex.get(normalizeHeader(header)) ?? null;
}
