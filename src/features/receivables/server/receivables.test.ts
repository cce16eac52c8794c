import seedrandom from 'seedrandom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../../app/handlers';
import type { ServerContext } from '../../../platform/context';
import { addDays } from '../../../shared/dates';
import { tempDir } from '../../../../test/db/helpers';
import { agingBuckets, agingByCustomer, agingLine, paidAsOf, type AllocationFact } from '../domain';
import type { Aging, AgingLineRow, CollectionItem, ContractRow, CreditRow, InvoiceRow, Journal, Notice, PaymentRow } from '../contract';
import { agingByCustomerSql } from './aging';
import { receivablesBook, TODAY } from './testBook';

// The handlers through the registry (as every front door calls them), on a real SQLite file.

let ctx: ServerContext;
let accounts: string[];
let cleanup: () => void;
const registry = createRegistry({ validateOutput: true });
const call = <T>(channel: string, input: unknown) => registry.call<T>(ctx, channel, input);
const receivable = (id: string) => ctx.db.prepare('SELECT receivable_fen FROM accounts WHERE id = ?').pluck().get(id) as number;

beforeEach(async () => {
  const t = tempDir('sw-rcv-');
  cleanup = t.cleanup;
  ({ ctx, accounts } = await receivablesBook(t.dir));
});
afterEach(() => {
  ctx.db.close();
  cleanup();
});

const invoice = (accountId: string, invoiceNo: string, invoiceDate: string, dueDate: string, amount: number) =>
  call<InvoiceRow>('receivables:createInvoice', { accountId, invoiceNo, invoiceDate, dueDate, amount });

describe("the seeds' worked example through the contract-milestone path", () => {
  it('contract 1,000,000, 60 % within 7 days of acceptance, accepted 80 days ago, unpaid → 600,000, 73 days, 61–90, provision 180,000', async () => {
    let c = await call<ContractRow>('receivables:createContract', {
      contractNo: 'HT-2026-001',
      accountId: accounts[0],
      amount: 1_000_000_00,
      title: '生产线改造',
      milestones: [
        { label: '签约 30%', percentBp: 3000, trigger: 'signing', offsetDays: 0 },
        { label: '验收后 7 天内 60%', percentBp: 6000, trigger: 'acceptance', offsetDays: 7 },
        { label: '质保金 10%（验收一年后）', percentBp: 1000, trigger: 'acceptance', offsetDays: 365 },
      ],
    });
    expect(c.milestones.every((m) => m.invoiceId === null)).toBe(true);
    c = await call<ContractRow>('receivables:setContractEvent', { contractId: c.id, event: 'acceptance', date: addDays(TODAY, -80) });
    expect(c.milestones.map((m) => [m.amount, m.invoiceNo, m.dueDate])).toEqual([
      [300_000_00, null, null],
      [600_000_00, 'HT-2026-001-M2', addDays(TODAY, -73)],
      [100_000_00, 'HT-2026-001-M3', addDays(TODAY, 285)],
    ]);
    const aging = await call<Aging>('receivables:aging', { asOf: TODAY });
    expect(aging.buckets[3]!.label).toBe('61-90');
    const customer = aging.customers[0]!;
    expect(customer.byBucket).toEqual([100_000_00, 0, 0, 600_000_00, 0, 0, 0, 0]);
    expect(customer.provision).toBe(180_000_00);
    const lines = await call<AgingLineRow[]>('receivables:agingDetail', { asOf: TODAY, accountId: accounts[0] });
    const sixty = lines.find((l) => l.invoiceNo === 'HT-2026-001-M2')!;
    expect(sixty).toMatchObject({
      outstanding: 600_000_00,
      daysOverdue: 73,
      bucket: 3,
      rateBp: 3000,
      provision: 180_000_00,
      suggested: 'sales',
    });
    expect(receivable(accounts[0]!)).toBe(700_000_00);
  });

  it('moving the acceptance date moves the receivables; clearing it after a payment is refused', async () => {
    const c = await call<ContractRow>('receivables:createContract', {
      contractNo: 'HT-2',
      accountId: accounts[1],
      amount: 100_00,
      acceptedOn: '2026-01-10',
      milestones: [{ label: '验收 100%', percentBp: 10_000, trigger: 'acceptance', offsetDays: 30 }],
    });
    expect(c.milestones[0]!.dueDate).toBe('2026-02-09');
    const moved = await call<ContractRow>('receivables:setContractEvent', { contractId: c.id, event: 'acceptance', date: '2026-02-01' });
    expect(moved.milestones[0]!.dueDate).toBe('2026-03-03');
    await call('receivables:recordPayment', {
      accountId: accounts[1],
      paidOn: '2026-03-10',
      amount: 10_00,
      allocations: [{ invoiceId: moved.milestones[0]!.invoiceId, amount: 10_00 }],
    });
    await expect(call('receivables:setContractEvent', { contractId: c.id, event: 'acceptance', date: null })).rejects.toThrow(
      /has payments/,
    );
  });
});

describe('payments', () => {
  it('a partial payment moves the aging from its date on; later payments do not count; credit stays visible', async () => {
    const inv = await invoice(accounts[0]!, 'INV-1', '2026-03-01', '2026-04-30', 10_000_00);
    const before = await call<Aging>('receivables:aging', { asOf: TODAY });
    expect(before.customers[0]).toMatchObject({ total: 10_000_00, provision: 3_000_00 }); // 61 days → 30 %
    const p = await call<PaymentRow>('receivables:recordPayment', {
      accountId: accounts[0],
      paidOn: '2026-06-20',
      amount: 5_000_00,
      reference: '电汇 0620',
      allocations: [{ invoiceId: inv.id, amount: 4_000_00 }],
    });
    expect(p).toMatchObject({ allocated: 4_000_00, credit: 1_000_00 });
    const after = await call<Aging>('receivables:aging', { asOf: TODAY });
    expect(after.customers[0]).toMatchObject({ total: 6_000_00, provision: 1_800_00, credit: 1_000_00 });
    // As of the day before the payment, the whole invoice was still outstanding.
    expect((await call<Aging>('receivables:aging', { asOf: '2026-06-19' })).customers[0]).toMatchObject({ total: 10_000_00, credit: 0 });
    // A payment dated after the as-of date does not count.
    await call('receivables:recordPayment', {
      accountId: accounts[0],
      paidOn: '2026-07-05',
      amount: 6_000_00,
      allocations: [{ invoiceId: inv.id, amount: 6_000_00 }],
    });
    expect((await call<Aging>('receivables:aging', { asOf: TODAY })).customers[0]!.total).toBe(6_000_00);
    expect((await call<Aging>('receivables:aging', { asOf: '2026-07-05' })).customers[0]).toMatchObject({ total: 0, credit: 1_000_00 });
    expect(receivable(accounts[0]!)).toBe(0);
  });

  it('refuses overpaying an invoice, allocating more than the payment, and another customer’s invoice', async () => {
    const inv = await invoice(accounts[0]!, 'INV-2', '2026-05-01', '2026-05-31', 100_00);
    await expect(
      call('receivables:recordPayment', {
        accountId: accounts[0],
        paidOn: TODAY,
        amount: 200_00,
        allocations: [{ invoiceId: inv.id, amount: 150_00 }],
      }),
    ).rejects.toThrow(/overpay/);
    await expect(
      call('receivables:recordPayment', {
        accountId: accounts[0],
        paidOn: TODAY,
        amount: 50_00,
        allocations: [{ invoiceId: inv.id, amount: 60_00 }],
      }),
    ).rejects.toThrow(/more than the payment/);
    await expect(
      call('receivables:recordPayment', {
        accountId: accounts[1],
        paidOn: TODAY,
        amount: 50_00,
        allocations: [{ invoiceId: inv.id, amount: 50_00 }],
      }),
    ).rejects.toThrow(/another customer/);
    expect(ctx.db.prepare('SELECT count(*) FROM rcv_payments').pluck().get()).toBe(0);
  });

  it('credit applied later counts from the day it is applied; a voided payment restores the balance', async () => {
    const inv = await invoice(accounts[0]!, 'INV-3', '2026-01-01', '2026-01-31', 300_00);
    const p = await call<PaymentRow>('receivables:recordPayment', {
      accountId: accounts[0],
      paidOn: '2026-02-15',
      amount: 300_00,
      allocations: [],
    });
    expect(p.credit).toBe(300_00);
    const applied = await call<PaymentRow>('receivables:allocate', {
      paymentId: p.id,
      allocations: [{ invoiceId: inv.id, amount: 300_00 }],
    });
    expect(applied.credit).toBe(0);
    // On 2026-03-01 the money was there as credit; the invoice was settled only on TODAY.
    expect((await call<Aging>('receivables:aging', { asOf: '2026-03-01' })).customers[0]).toMatchObject({ total: 300_00, credit: 300_00 });
    expect((await call<Aging>('receivables:aging', { asOf: TODAY })).customers).toEqual([]);
    await call('receivables:voidPayment', { paymentId: p.id });
    expect(receivable(accounts[0]!)).toBe(300_00);
  });

  it('a payment allocated to an invoice issued later is credit until that invoice date', async () => {
    const inv = await invoice(accounts[2]!, 'PRE-1', '2026-05-10', '2026-06-09', 800_00);
    await call('receivables:recordPayment', {
      accountId: accounts[2],
      paidOn: '2026-05-01',
      amount: 800_00,
      allocations: [{ invoiceId: inv.id, amount: 800_00 }],
    });
    expect((await call<Aging>('receivables:aging', { asOf: '2026-05-05' })).customers).toMatchObject([{ total: 0, credit: 800_00 }]);
    expect((await call<Aging>('receivables:aging', { asOf: '2026-05-10' })).customers).toEqual([]);
    const flags = ctx.db.prepare('SELECT credit_possible FROM rcv_payments').pluck().all();
    expect(flags).toEqual([1]);
  });
});

describe('the SQL aggregate equals the domain functions', () => {
  it('on random invoices and payments, for many as-of dates and uneven rates', async () => {
    const rng = seedrandom('aging-equivalence');
    const invoices: { id: string; accountId: string; invoiceDate: string; dueDate: string; amount: number }[] = [];
    const allocs: AllocationFact[] = [];
    for (let i = 0; i < 150; i++) {
      const accountId = accounts[i % 3]!;
      const invoiceDate = addDays('2024-01-01', Math.floor(rng() * 900));
      const dueDate = addDays(invoiceDate, Math.floor(rng() * 90));
      const amount = 1 + Math.floor(rng() * 1_000_000);
      const inv = await invoice(accountId, `R-${i}`, invoiceDate, dueDate, amount);
      invoices.push({ id: inv.id, accountId, invoiceDate, dueDate, amount });
      let left = amount;
      for (let k = 0; k < 3 && left > 0 && rng() < 0.6; k++) {
        const pay = k === 2 || rng() < 0.3 ? left : 1 + Math.floor(rng() * left);
        const paidOn = addDays(invoiceDate, Math.floor(rng() * 400));
        await call('receivables:recordPayment', { accountId, paidOn, amount: pay, allocations: [{ invoiceId: inv.id, amount: pay }] });
        allocs.push({ invoiceId: inv.id, appliedOn: paidOn, amount: pay });
        left -= pay;
      }
    }
    // Effective before every as-of date below, so each aging uses these rates.
    await call('receivables:saveSettings', {
      bounds: [7, 30, 60, 90, 180, 365, 730],
      ratesBp: [0, 333, 1111, 2345, 3333, 5001, 9999, 10_000, 10_000],
      ladderFromDays: [1, 15, 31, 61, 121],
      effectiveFrom: '2024-01-01',
    });
    const buckets = agingBuckets({
      bounds: [7, 30, 60, 90, 180, 365, 730],
      ratesBp: [0, 333, 1111, 2345, 3333, 5001, 9999, 10_000, 10_000],
    });
    for (const asOf of ['2024-03-01', '2024-12-31', '2025-06-30', '2025-07-01', '2026-02-28', TODAY]) {
      const lines = invoices.flatMap((inv) => {
        const l = agingLine(
          { ...inv, invoiceNo: '', contractNo: null },
          paidAsOf(
            allocs.filter((a) => a.invoiceId === inv.id),
            asOf,
          ),
          asOf,
          buckets,
        );
        return l ? [l] : [];
      });
      const expected = agingByCustomer(lines, buckets.length).map(({ accountId, byBucket, total, provision, invoices }) => ({
        accountId,
        byBucket,
        total,
        provision,
        invoices,
      }));
      const actual = agingByCustomerSql(ctx.db, asOf, buckets).map(({ accountId, byBucket, total, provision, invoices }) => ({
        accountId,
        byBucket,
        total,
        provision,
        invoices,
      }));
      expect(actual).toEqual(expected);
      // And the per-invoice detail the export streams adds up to the same customers.
      const detail = await call<AgingLineRow[]>('receivables:agingDetail', { asOf });
      expect(detail.reduce((s, l) => s + l.provision, 0)).toBe(expected.reduce((s, c) => s + c.provision, 0));
    }
  });
});

describe('collections, journal and credit control', () => {
  it('logs ladder actions; the worklist shows what is due today; the notice lists overdue invoices', async () => {
    const inv = await invoice(accounts[0]!, 'INV-9', '2026-04-01', '2026-05-01', 50_000_00); // 60 days → finance collection
    await invoice(accounts[0]!, 'INV-10', '2026-06-01', '2026-07-31', 10_000_00); // not yet due
    let due = await call<CollectionItem[]>('receivables:worklist', { today: TODAY, dueOnly: true });
    expect(due.map((d) => [d.invoiceNo, d.suggested, d.nextActionDue, d.why])).toEqual([['INV-9', 'finance', '2026-06-01', 'escalate']]);
    await call('receivables:logAction', {
      invoiceId: inv.id,
      date: TODAY,
      kind: 'finance',
      who: '财务 张会计',
      note: '电话催收，答应7月10日付一半',
      promiseDate: '2026-07-10',
      promiseAmount: 25_000_00,
    });
    due = await call<CollectionItem[]>('receivables:worklist', { today: TODAY, dueOnly: true });
    expect(due).toEqual([]);
    const ladder = await call<{ item: CollectionItem; actions: unknown[] }>('receivables:ladder', {
      invoiceId: inv.id,
      today: '2026-07-11',
    });
    // By 07-11 the promise is broken and the invoice crossed the sales-team rung (61 days) on 07-01.
    expect(ladder.item).toMatchObject({
      reached: 'finance',
      suggested: 'sales',
      promiseDate: '2026-07-10',
      nextActionDue: '2026-07-01',
      dueNow: true,
      why: 'escalate',
    });
    expect(ladder.actions).toHaveLength(1);
    const notice = await call<Notice>('receivables:notice', { accountId: accounts[0], asOf: TODAY });
    expect(notice).toMatchObject({ total: 50_000_00, payBy: '2026-07-07', customer: { name: '甲公司' } });
    expect(notice.lines.map((l) => [l.invoiceNo, l.daysOverdue])).toEqual([['INV-9', 60]]);
  });

  it('the provision journal is the change in provision by customer, balanced, reversing on decrease', async () => {
    const a = await invoice(accounts[0]!, 'J-1', '2026-01-01', '2026-03-31', 1_000_00); // 31-60 on 2026-05-15, 91-180 on TODAY
    const b = await invoice(accounts[1]!, 'J-2', '2026-01-01', '2026-02-28', 2_000_00);
    await call('receivables:recordPayment', {
      accountId: accounts[1],
      paidOn: '2026-06-01',
      amount: 2_000_00,
      allocations: [{ invoiceId: b.id, amount: 2_000_00 }],
    });
    // Nothing booked: the opening balance is 0 and the whole requirement is the movement.
    const unbooked = await call<Journal>('receivables:journal', { from: '2026-05-15', to: TODAY });
    expect(unbooked.movements.map((m) => [m.customer, m.opening, m.closing, m.change])).toEqual([['甲公司', 0, 500_00, 500_00]]);
    await call('receivables:postJournal', { to: '2026-05-15', by: '张会计' });
    const j = await call<Journal>('receivables:journal', { from: '2026-05-15', to: TODAY });
    expect(a.invoiceNo).toBe('J-1');
    expect(j.movements.map((m) => [m.customer, m.opening, m.adjustment, m.movement, m.closing, m.change])).toEqual([
      ['甲公司', 200_00, 0, 300_00, 500_00, 300_00],
      ['乙公司', 600_00, 0, -600_00, 0, -600_00],
    ]);
    expect(j.lines.filter((l) => l.customer === '乙公司').map((l) => [l.ledger, l.debit, l.credit])).toEqual([
      ['allowanceForDoubtfulAccounts', 600_00, 0],
      ['badDebtExpense', 0, 600_00],
    ]);
    expect(j.lines.reduce((s, l) => s + l.debit - l.credit, 0)).toBe(0);
    expect(j.totals.change).toBe(-300_00);
  });

  it('credit control flags over-limit, over 90 days and an incomplete review', async () => {
    await invoice(accounts[2]!, 'C-1', '2026-01-01', '2026-03-01', 5_000_00); // 121 days
    const row = await call<CreditRow>('receivables:saveCredit', {
      accountId: accounts[2],
      creditLimit: 4_000_00,
      licence: 'ok',
      contract: 'ok',
      bank: 'pending',
      reviewedOn: '2026-06-01',
      note: null,
    });
    expect(row).toMatchObject({ outstanding: 5_000_00, maxDaysOverdue: 121, overLimit: true, over90: true, reviewIncomplete: true });
    const all = await call<CreditRow[]>('receivables:credit', { asOf: '2026-02-01' });
    expect(all.find((r) => r.accountId === accounts[2])).toMatchObject({
      outstanding: 5_000_00,
      maxDaysOverdue: 0,
      overLimit: true,
      over90: false,
    });
  });
});
