import type { ServerContext } from '../../../platform/context';
import type { Job } from '../../../platform/jobs';
import type { ImportField } from '../../../platform/excel/importTable';
import { date, money, text } from '../../../platform/excel/cellParsers';
import type { InvoiceRow } from '../contract';
import { invoiceByNo, recordPayment, syncReceivableBalance } from './repo';
import { newBatch, openTable, rejectIfAny } from './importCommon';

const PAYMENT_FIELDS: ImportField[] = [
  {
    key: 'invoice',
    label: 'Invoice',
    headers: ['Invoice no', 'Invoice no.', '发票号', '发票号码'],
    parse: text({ max: 60 }),
    required: true,
  },
  { key: 'date', label: 'Date', headers: ['Payment date', '付款日期', '回款日期'], parse: date(), required: true },
  { key: 'amount', label: 'Amount', headers: ['金额', '回款金额'], parse: money(), required: true },
];

export async function importPayments(
  ctx: ServerContext,
  file: { path: string; name: string },
  mapping: Record<string, string> | undefined,
  job: Job,
): Promise<{ inserted: number }> {
  const table = await openTable(file, PAYMENT_FIELDS, job, { mapping });
  const errors = table.errors;
  const left = new Map<string, number>();
  const good: { invoice: InvoiceRow; territoryId: string; date: string; amount: number }[] = [];
  const territoryOf = ctx.db.prepare('SELECT territory_id FROM rcv_invoices WHERE id = ?').pluck();
  for await (const r of table.records()) {
    const v = r.values as { invoice: string | null; date: string | null; amount: number | null };
    let ok = r.ok;
    const invoice = v.invoice ? invoiceByNo(ctx.db, v.invoice) : null;
    if (v.invoice && !invoice) {
      ok = false;
      errors.add(r.row, table.columnName('invoice'), v.invoice, 'no such invoice');
    }
    if (v.amount === 0) {
      ok = false;
      errors.add(r.row, table.columnName('amount'), 0, 'must be more than zero');
    }
    if (invoice && v.amount) {
      // Earlier rows of the same file count against the invoice too.
      const outstanding = left.get(invoice.id) ?? invoice.outstanding;
      if (v.amount > outstanding) {
        ok = false;
        errors.add(
          r.row,
          table.columnName('amount'),
          v.amount / 100,
          `more than the ${(outstanding / 100).toFixed(2)} outstanding on ${invoice.invoiceNo}`,
        );
      } else left.set(invoice.id, outstanding - v.amount);
    }
    if (ok) good.push({ invoice: invoice!, territoryId: territoryOf.get(invoice!.id) as string, date: v.date!, amount: v.amount! });
  }
  rejectIfAny(errors, 'payments');
  job.throwIfCancelled();
  ctx.db.transaction(() => {
    const batch = newBatch(ctx, 'receivables.payments', file.name, good.length);
    for (const g of good) {
      const p = {
        accountId: g.invoice.accountId,
        territoryId: g.territoryId,
        paidOn: g.date,
        amount: g.amount,
        reference: `import ${file.name}`,
      };
      recordPayment(ctx, p, [{ invoiceId: g.invoice.id, amount: g.amount }], batch);
    }
    syncReceivableBalance(
      ctx,
      good.map((g) => g.invoice.accountId),
    );
  })();
  return { inserted: good.length };
}
