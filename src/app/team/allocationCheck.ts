import { allocationProblem } from '../../features/team/domain';
import type { RowData } from '../../features/team/protocol';
import type { Tx } from './pg/session';

// The money invariant a push of an allocation must keep, checked on the server against the
// team's rows (not only in the desktop that made it): no invoice allocated beyond its amount,
// no payment beyond its own.

/** The desktop's rule (receivables planAllocations), re-checked against the team's rows. */
export async function allocationCheck(tx: Tx, a: RowData): Promise<string | null> {
  const r = await tx.query<{
    invoice_amount: string | null;
    invoice_allocated: string;
    payment_amount: string | null;
    payment_allocated: string;
  }>(
    `SELECT
       (SELECT (data ->> 'amount_fen')::bigint FROM rows WHERE table_name = 'rcv_invoices' AND id = $1 AND deleted_at IS NULL) AS invoice_amount,
       (SELECT coalesce(sum((data ->> 'amount_fen')::bigint), 0) FROM rows
         WHERE table_name = 'rcv_allocations' AND deleted_at IS NULL AND data ->> 'invoice_id' = $1) AS invoice_allocated,
       (SELECT (data ->> 'amount_fen')::bigint FROM rows WHERE table_name = 'rcv_payments' AND id = $2 AND deleted_at IS NULL) AS payment_amount,
       (SELECT coalesce(sum((data ->> 'amount_fen')::bigint), 0) FROM rows
         WHERE table_name = 'rcv_allocations' AND deleted_at IS NULL AND data ->> 'payment_id' = $2) AS payment_allocated`,
    [String(a.invoice_id), String(a.payment_id)],
  );
  const s = r.rows[0]!;
  const num = (v: string | null) => (v === null ? null : Number(v));
  return allocationProblem({
    amount: Number(a.amount_fen),
    invoiceAmount: num(s.invoice_amount),
    invoiceAllocated: Number(s.invoice_allocated),
    paymentAmount: num(s.payment_amount),
    paymentAllocated: Number(s.payment_allocated),
  });
}
