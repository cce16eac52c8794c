import { afterAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../../platform/context';
import { tempDir } from '../../../../test/db/helpers';
import { openDemoBook } from '../../../../test/db/demoBook';
import { agingReport } from './handlers';

// The demo company's receivables: every aging bucket populated, the accounts' receivable
// balance equal to their open invoices, and the same rows in every new demo book.

const t = tempDir('sw-rcv-demo-');
afterAll(() => t.cleanup());

const demoBook = (name: string) => openDemoBook(t.dir, name);

describe('receivables demo data', () => {
  it('fills every bucket, keeps receivable_fen true, and is deterministic', async () => {
    const a = await demoBook('a.sqlite');
    const b = await demoBook('b.sqlite');
    const aging = agingReport(a.db, '2026-06-30');
    expect(aging.totals.byBucket.every((v) => v > 0)).toBe(true);
    expect(aging.totals.credit).toBeGreaterThan(0);
    const receivables = a.db.prepare('SELECT SUM(receivable_fen) FROM accounts WHERE deleted_at IS NULL').pluck().get();
    expect(receivables).toBe(aging.totals.total);
    for (const c of aging.customers) {
      expect(a.db.prepare('SELECT receivable_fen FROM accounts WHERE id = ?').pluck().get(c.accountId)).toBe(c.total);
    }
    // The seeds' worked example is in the demo: the first project contract.
    const example = a.db
      .prepare(
        "SELECT i.amount_fen, i.due_date FROM rcv_invoices i JOIN rcv_milestones m ON m.id = i.milestone_id WHERE i.invoice_no LIKE 'XM-%-001-M2'",
      )
      .get();
    expect(example).toEqual({ amount_fen: 600_000_00, due_date: '2026-04-18' });
    const dump = (ctx: ServerContext) =>
      ['rcv_invoices', 'rcv_payments', 'rcv_allocations', 'rcv_collection_actions', 'rcv_contracts', 'rcv_credit_control'].map((table) =>
        ctx.db
          .prepare(`SELECT * FROM ${table} ORDER BY id`)
          .all()
          .map((r) => ({ ...(r as object), created_at: null, updated_at: null })),
      );
    expect(dump(b)).toEqual(dump(a));
    a.db.close();
    b.db.close();
  });
});
