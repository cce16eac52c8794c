import type { ServerContext } from '../../../platform/context';
import type { Job } from '../../../platform/jobs';
import type { ImportField } from '../../../platform/excel/importTable';
import { date, money, text, type CellParser } from '../../../platform/excel/cellParsers';
import { collectionState } from '../domain';
import { actionsOf, insertAction } from './collections';
import { invoiceByNo } from './repo';
import { newBatch, openTable, rejectIfAny } from './importCommon';

const YES = new Set(['yes', 'y', 'true', '1', '是', 'x', '✓']);
const NO = new Set(['no', 'n', 'false', '0', '否']);
const yesNo: CellParser<boolean> = (raw) => {
  const t = String(raw).trim().toLowerCase();
  return YES.has(t) ? { ok: true, value: true } : NO.has(t) ? { ok: true, value: false } : { ok: false, reason: 'expected Yes or blank' };
};

/** The aging workbook's Detail columns a chasing workbook carries back (its other columns are ignored). */

const COLLECTION_FIELDS: ImportField[] = [
  { key: 'invoice', label: 'Invoice', headers: [], parse: text({ max: 60 }), required: true },
  { key: 'promiseDate', label: 'Promise date', headers: [], parse: date(), required: true },
  { key: 'promiseAmount', label: 'Promise amount', headers: [], parse: money() },
  { key: 'dispute', label: 'Dispute', headers: [], parse: yesNo, required: true },
  { key: 'note', label: 'Note', headers: [], parse: text({ max: 2000 }), required: true },
];

/**
 * Re-import of the collection columns of an aging workbook's Detail sheet, matched by
 * invoice number. A row whose promise, dispute or note differs from the log adds one
 * 'note' action dated today (source 'workbook') carrying the row's values, so the next
 * export shows what finance wrote. A blank promise leaves an earlier promise standing.
 */
export async function importCollections(
  ctx: ServerContext,
  file: { path: string; name: string },
  mapping: Record<string, string> | undefined,
  job: Job,
): Promise<{ rows: number; recorded: number }> {
  const table = await openTable(file, COLLECTION_FIELDS, job, { mapping, sheet: 'Detail', cellsMayBeEmpty: true });
  const today = ctx.clock.today();
  const errors = table.errors;
  const changes: {
    invoiceId: string;
    accountId: string;
    territoryId: string;
    promiseDate: string | null;
    promiseAmount: number | null;
    dispute: boolean;
    note: string | null;
  }[] = [];
  const territoryOf = ctx.db.prepare('SELECT territory_id FROM rcv_invoices WHERE id = ?').pluck();
  let rows = 0;
  for await (const r of table.records()) {
    const v = r.values as {
      invoice: string | null;
      promiseDate: string | null;
      promiseAmount: number | null;
      dispute: boolean | null;
      note: string | null;
    };
    if (!v.invoice) continue; // the totals row and blank lines
    rows++;
    let ok = r.ok;
    const invoice = invoiceByNo(ctx.db, v.invoice);
    if (!invoice) {
      ok = false;
      errors.add(r.row, table.columnName('invoice'), v.invoice, 'no such invoice');
    }
    if (v.promiseAmount !== null && !v.promiseDate) {
      ok = false;
      errors.add(r.row, table.columnName('promiseAmount'), v.promiseAmount / 100, 'a promised amount needs the promised date');
    }
    if (!ok || !invoice) continue;
    const state = collectionState({ dueDate: invoice.dueDate, daysOverdue: 0 }, actionsOf(ctx.db, invoice.id), today);
    const dispute = v.dispute ?? false;
    const samePromise =
      !v.promiseDate || (state.promise?.date === v.promiseDate && (v.promiseAmount === null || state.promise.amount === v.promiseAmount));
    if (samePromise && dispute === state.dispute && (v.note ?? null) === (state.last?.note ?? null)) continue;
    changes.push({
      invoiceId: invoice.id,
      accountId: invoice.accountId,
      territoryId: territoryOf.get(invoice.id) as string,
      promiseDate: v.promiseDate,
      promiseAmount: v.promiseAmount,
      dispute,
      note: v.note,
    });
  }
  rejectIfAny(errors, 'Detail sheet');
  ctx.db.transaction(() => {
    const batch = newBatch(ctx, 'receivables.collections', file.name, changes.length);
    for (const ch of changes) {
      insertAction(
        ctx,
        { id: ch.invoiceId, accountId: ch.accountId },
        ch.territoryId,
        {
          date: today,
          kind: 'note',
          who: `workbook ${file.name}`.slice(0, 100),
          note: ch.note,
          promiseDate: ch.promiseDate,
          promiseAmount: ch.promiseAmount,
          dispute: ch.dispute,
          source: 'workbook',
        },
        batch,
      );
    }
  })();
  return { rows, recorded: changes.length };
}
