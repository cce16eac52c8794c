import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { ExcelJS } from '../../../platform/lazyLibs';
import type { ServerContext } from '../../../platform/context';
import { safeText } from '../../../platform/excel/safeText';
import { columnLetter, writeWorkbook, type CellKind, type CellValue, type ColumnSpec } from '../../../platform/excel/workbookWriter';
import type { Job } from '../../../platform/jobs';
import { termLabel, vocab, type VocabName } from '../../../shared/vocab';
import { accountFields, accountFieldByKey, type AccountField } from '../fields';
import { ACCOUNT_SELECT, lookups, type AccountRow } from './repo';

// Accounts to a workbook: the grid's current view (rows in its order, its visible
// columns) or every account. The ID column always comes first, so the file can be
// edited in Excel and imported back to update the same accounts. Territories, owners
// and fixed values are written as names in the chosen language, which the import reads
// back (it accepts either language).

export type Lang = 'zh-CN' | 'en';

const KIND: Record<AccountField['type'], CellKind> = {
  id: 'text',
  text: 'text',
  money: 'money',
  date: 'date',
  enum: 'text',
  territory: 'text',
  owner: 'text',
};
const WIDTH: Partial<Record<string, number>> = { id: 38, name: 32, nameEn: 32, notes: 48, productsInUse: 30 };
const CHUNK = 500;

/** The export's fields: ID first, then the requested grid columns (or all) in order. */
export function exportFieldsFor(columns?: string[]): AccountField[] {
  const keys = columns?.length
    ? columns.filter((k) => k !== 'id' && accountFieldByKey.has(k))
    : accountFields.map((f) => f.key).filter((k) => k !== 'id');
  return [accountFieldByKey.get('id')!, ...[...new Set(keys)].map((k) => accountFieldByKey.get(k)!)];
}

export function headerOf(f: AccountField, lang: Lang): string {
  return lang === 'zh-CN' ? f.zh : f.en;
}

export async function exportAccounts(
  ctx: ServerContext,
  filePath: string,
  opts: { lang: Lang; ids?: string[]; columns?: string[]; job?: Job },
): Promise<{ rows: number }> {
  const fields = exportFieldsFor(opts.columns);
  const { territories, reps } = lookups(ctx.db);
  const name = (x: { nameZh: string; nameEn: string }) => (opts.lang === 'zh-CN' ? x.nameZh : x.nameEn);
  const territoryName = new Map(territories.map((t) => [t.id, name(t)]));
  const repName = new Map(reps.map((r) => [r.id, name(r)]));
  const ids = opts.ids ?? (ctx.db.prepare('SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY name, id').pluck().all() as string[]);

  const valueOf = (f: AccountField, r: AccountRow): CellValue => {
    const raw = r[f.column as keyof AccountRow] as string | number | null;
    switch (f.type) {
      case 'territory':
        return territoryName.get(r.territory_id) ?? r.territory_id;
      case 'owner':
        return r.owner_id ? (repName.get(r.owner_id) ?? r.owner_id) : null;
      case 'enum':
        return termLabel(f.vocab!, raw as string | null, opts.lang) || null;
      default:
        return raw;
    }
  };

  // Rows are fetched a chunk at a time (between chunks the writer yields, and no
  // statement is left open while other requests use the connection).
  async function* rows(): AsyncGenerator<CellValue[]> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const found = ctx.db
        .prepare(`${ACCOUNT_SELECT} WHERE deleted_at IS NULL AND id IN (${chunk.map(() => '?').join(', ')})`)
        .all(...chunk) as AccountRow[];
      const byId = new Map(found.map((r) => [r.id, r]));
      for (const id of chunk) {
        const r = byId.get(id);
        if (r) yield fields.map((f) => valueOf(f, r));
      }
    }
  }

  const columns: ColumnSpec[] = fields.map((f) => ({ header: headerOf(f, opts.lang), kind: KIND[f.type], width: WIDTH[f.key] }));
  return writeWorkbook(
    filePath,
    [{ name: opts.lang === 'zh-CN' ? '客户' : 'Accounts', columns, rows: rows(), rowCount: ids.length, landscape: true }],
    { job: opts.job, date: ctx.clock.today() },
  );
}

const TEMPLATE_ROWS = 5000;

/**
 * The import template: the headers (all fields but ID), one sample row, and drop-down
 * lists (data validation over a hidden Lists sheet) for grade, the fixed vocabularies,
 * territories and owners. Small, so ExcelJS's in-memory workbook is fine here.
 */
export async function writeTemplate(ctx: ServerContext, filePath: string, lang: Lang): Promise<void> {
  const fields = accountFields.filter((f) => f.type !== 'id');
  const { territories, reps } = lookups(ctx.db);
  const name = (x: { nameZh: string; nameEn: string }) => (lang === 'zh-CN' ? x.nameZh : x.nameEn);
  const firstTerritory = territories[0];
  const firstRep = reps.find((r) => r.territoryId === firstTerritory?.id);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sales Workstation';
  const ws = wb.addWorksheet(lang === 'zh-CN' ? '客户' : 'Accounts', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = wb.addWorksheet('Lists', { state: 'hidden' });

  ws.columns = fields.map((f) => ({
    header: safeText(headerOf(f, lang)),
    key: f.key,
    width: WIDTH[f.key] ?? Math.max(12, headerOf(f, lang).length + 4),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

  const zh = lang === 'zh-CN';
  const sample: Record<string, unknown> = {
    name: zh ? '示例机械制造有限公司' : 'Sample Machinery Co., Ltd.',
    territory: firstTerritory ? name(firstTerritory) : '',
    owner: firstRep ? name(firstRep) : '',
    industry: zh ? '制造业' : 'Manufacturing',
    city: zh ? '上海' : 'Shanghai',
    sales: 1234567.89,
    salesLastYear: 1000000,
    profit: 150000.5,
    grade: 'A',
    nameEn: 'Sample Machinery Co., Ltd.',
    receivable: 80000,
    relationshipStage: termLabel('relationshipStage', 'engaged', lang),
    relationshipType: termLabel('relationshipType', 'supplier', lang),
    communicationStyle: termLabel('communicationStyle', 'owl', lang),
    valueType: termLabel('valueType', 'intrinsic', lang),
    loyaltyType: termLabel('loyaltyType', 'inertia', lang),
    lastVisit: new Date(Date.UTC(2026, 0, 15)),
    nextVisit: new Date(Date.UTC(2026, 1, 20)),
    notes: zh ? '示例行：导入前请替换或删除' : 'Sample row: replace or delete it before importing',
  };
  const row = ws.addRow(fields.map((f) => (typeof sample[f.key] === 'string' ? safeText(sample[f.key]) : (sample[f.key] ?? null))));
  fields.forEach((f, i) => {
    if (f.type === 'money') row.getCell(i + 1).numFmt = '#,##0.00';
    if (f.type === 'date') row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
  });

  // One list column per drop-down on the hidden sheet, referenced by range (lists given
  // inline are limited to 255 characters and break on commas in names).
  const dropDowns: [AccountField, string[]][] = [];
  for (const f of fields) {
    if (f.type === 'enum') dropDowns.push([f, vocab[f.vocab as VocabName].map((t) => termLabel(f.vocab!, t.key, lang))]);
    if (f.type === 'territory') dropDowns.push([f, territories.map(name)]);
    if (f.type === 'owner') dropDowns.push([f, [...new Set(reps.map(name))]]);
  }
  dropDowns.forEach(([f, values], i) => {
    const listCol = columnLetter(i + 1);
    lists.getCell(`${listCol}1`).value = safeText(headerOf(f, lang));
    values.forEach((v, j) => (lists.getCell(`${listCol}${j + 2}`).value = safeText(v)));
    const col = columnLetter(fields.indexOf(f) + 1);
    // Range validations exist in ExcelJS 4.4 but are missing from its type definitions.
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${col}2:${col}${TEMPLATE_ROWS}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`Lists!$${listCol}$2:$${listCol}$${Math.max(2, values.length + 1)}`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: zh ? '不在列表中' : 'Not in the list',
        error: zh ? '请从下拉列表中选择。' : 'Choose a value from the drop-down list.',
      },
    );
  });

  const tmp = path.join(path.dirname(path.resolve(filePath)), `.${path.basename(filePath)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, filePath);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
