import type { ServerContext } from '../../../platform/context';
import { insertRow, updateRow } from '../../../platform/db/changeLog';
import type { Job } from '../../../platform/jobs';
import { ImportTable, type ImportField } from '../../../platform/excel/importTable';
import { money, text, type CellParser } from '../../../platform/excel/cellParsers';
import { writeWorkbook } from '../../../platform/excel/workbookWriter';
import { cellToIsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { isMonth } from '../periods';
import { quotaRows, setQuota } from './repo';

// `export quotas` / `import quotas`: one sheet, headers Owner, Month, Quota (Month as
// YYYY-MM, Quota in yuan). The import is all-or-nothing: every rejected cell is listed as
// (row, column, value, reason) and nothing is written while any is.

export const QUOTA_HEADERS = ['Owner', 'Month', 'Quota'] as const;

/** 'YYYY-MM' as text, or a date cell (Excel turns a typed 2026-01 into 2026-01-01). */
const monthCell: CellParser<string> = (raw) => {
  if (typeof raw === 'string' && isMonth(raw.trim())) return { ok: true, value: raw.trim() };
  if (raw instanceof Date) {
    const iso = cellToIsoDate(raw);
    if (iso) return { ok: true, value: iso.slice(0, 7) };
  }
  return { ok: false, reason: 'not a month (expected YYYY-MM, e.g. 2026-01)' };
};

const FIELDS: ImportField[] = [
  { key: 'owner', label: 'Owner', headers: ['Rep', '销售代表', '负责人', '销售人员'], parse: text({ max: 200 }), required: true },
  { key: 'month', label: 'Month', headers: ['月份'], parse: monthCell, required: true },
  { key: 'quota', label: 'Quota', headers: ['指标', '销售指标', '配额'], parse: money(), required: true },
];

export async function exportQuotas(ctx: ServerContext, filePath: string, job?: Job): Promise<{ rows: number }> {
  const reps = new Map(ctx.db.prepare('SELECT id, name_zh FROM reps').raw().all() as [string, string][]);
  const rows = quotaRows(ctx.db).map((q) => ({ ...q, owner: reps.get(q.ownerId) ?? q.ownerId }));
  rows.sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  return writeWorkbook(
    filePath,
    [
      {
        name: 'Quotas',
        columns: [
          { header: 'Owner', kind: 'text' },
          { header: 'Month', kind: 'text' },
          { header: 'Quota', kind: 'money' },
        ],
        rows: rows.map((r) => [r.owner, r.month, r.amount]),
        totals: ['Total', null, rows.reduce((x, r) => x + r.amount, 0)],
      },
    ],
    job ? { job } : {},
  );
}

export async function importQuotas(
  ctx: ServerContext,
  file: { path: string; name: string },
  job: Job,
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  // Cells are checked for emptiness here rather than by the table, so that the Total row an
  // export ends with can be recognised and skipped: the export re-imports as it is.
  const table = await ImportTable.open(
    file.path,
    FIELDS.map((f) => ({ ...f, required: false })),
    { job, name: file.name },
  );
  const errors = table.errors;
  for (const f of FIELDS) if (!table.present.has(f.key)) errors.add(table.headerRow, f.label, '', 'required column is missing');
  const reps = ctx.db.prepare("SELECT id, name_zh, name_en FROM reps WHERE deleted_at IS NULL AND role = 'rep'").all() as {
    id: string;
    name_zh: string;
    name_en: string;
  }[];
  const byName = new Map<string, string[]>();
  for (const r of reps)
    for (const n of new Set([r.name_zh, r.name_en, r.id]))
      byName.set(n.trim().toLowerCase(), [...(byName.get(n.trim().toLowerCase()) ?? []), r.id]);
  const seen = new Map<string, number>();
  const good: { ownerId: string; month: string; amount: number }[] = [];
  for await (const r of table.records()) {
    const v = r.values as { owner: string | null; month: string | null; quota: number | null };
    // The totals row an export ends with is not a quota.
    if (v.owner === 'Total' && !v.month) continue;
    let ok = r.ok;
    for (const f of FIELDS) {
      if (v[f.key as keyof typeof v] === null && table.present.has(f.key)) {
        ok = false;
        errors.add(r.row, table.columnName(f.key), '', 'required: this cell is empty');
      }
    }
    const ids = v.owner ? (byName.get(v.owner.trim().toLowerCase()) ?? []) : [];
    if (v.owner && ids.length !== 1) {
      ok = false;
      errors.add(r.row, table.columnName('owner'), v.owner, ids.length ? 'several reps have this name' : 'no rep has this name');
    }
    if (ok) {
      const key = `${ids[0]}|${v.month}`;
      if (seen.has(key)) {
        errors.add(r.row, table.columnName('month'), v.month, `this rep's quota for this month is already on row ${seen.get(key)}`);
        continue;
      }
      seen.set(key, r.row);
      good.push({ ownerId: ids[0]!, month: v.month!, amount: v.quota! });
    }
  }
  if (errors.count > 0) {
    throw new AppError('import-rejected', `${errors.count} problem(s) in the quotas; nothing was imported.`, {
      errors: errors.list,
      errorCount: errors.count,
    });
  }
  job.throwIfCancelled();
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  ctx.db.transaction(() => {
    const batch = insertRow(ctx, 'import_batches', { kind: 'reports.quotas', file_name: file.name, inserted: 0, updated: 0 });
    for (const g of good) {
      const r = setQuota(ctx, g.ownerId, g.month, g.amount, batch);
      counts[r === 'same' ? 'unchanged' : r]++;
    }
    updateRow(ctx, 'import_batches', batch, { inserted: counts.inserted, updated: counts.updated }, { batchId: batch });
  })();
  return counts;
}
