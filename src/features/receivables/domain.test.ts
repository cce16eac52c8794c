import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import {
  agingBuckets,
  agingByCustomer,
  agingLine,
  agingPolicyProblems,
  agingTotals,
  bucketIndex,
  collectionState,
  creditFlags,
  defaultAgingPolicy,
  milestoneAmounts,
  milestoneReceivables,
  paidAsOf,
  bookingProblem,
  provisionByBucketOnBasis,
  provisionFor,
  provisionJournal,
  suggestedRung,
  type AllocationFact,
  type CollectionAction,
  type InvoiceFacts,
  type MilestoneTerm,
} from './domain';

const buckets = agingBuckets();
const AS_OF = '2026-06-30';
const inv = (over: Partial<InvoiceFacts> = {}): InvoiceFacts => ({
  id: 'i1',
  invoiceNo: 'INV-1',
  accountId: 'a1',
  contractNo: null,
  invoiceDate: '2025-01-01',
  dueDate: AS_OF,
  amount: 100_000_00,
  ...over,
});

describe('buckets and rates', () => {
  it('default buckets are Current, 1-30 … Over 730 with the docs/en/receivables.md rates', () => {
    expect(buckets.map((b) => b.label)).toEqual(['Current', '1-30', '31-60', '61-90', '91-180', '181-365', '366-730', 'Over 730']);
    expect(buckets.map((b) => b.rateBp)).toEqual([0, 1000, 2000, 3000, 5000, 10_000, 10_000, 10_000]);
    expect(buckets[0]).toMatchObject({ fromDays: null, toDays: 0 });
    expect(buckets[7]).toMatchObject({ fromDays: 731, toDays: null });
    expect(agingPolicyProblems(defaultAgingPolicy)).toEqual([]);
  });

  it.each([
    [-5, 'Current'],
    [0, 'Current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '91-180'],
    [180, '91-180'],
    [181, '181-365'],
    [365, '181-365'],
    [366, '366-730'],
    [730, '366-730'],
    [731, 'Over 730'],
  ])('%i days overdue falls in %s (through a real invoice due that many days before the as-of date)', (days, label) => {
    expect(buckets[bucketIndex(days, defaultAgingPolicy.bounds)]!.label).toBe(label);
    const line = agingLine(inv({ dueDate: addDays(AS_OF, -days) }), 0, AS_OF, buckets)!;
    expect(line.daysOverdue).toBe(days);
    expect(buckets[line.bucket]!.label).toBe(label);
  });

  it('refuses a policy whose bounds do not increase or whose rate count is wrong', () => {
    expect(agingPolicyProblems({ bounds: [30, 30], ratesBp: [0, 1, 2, 3] })).toContain('bounds must increase');
    expect(agingPolicyProblems({ bounds: [30], ratesBp: [0, 1] })[0]).toMatch(/expected 3 rates/);
  });

  it('custom bounds give their own labels', () => {
    expect(agingBuckets({ bounds: [15, 45], ratesBp: [0, 500, 1500, 10_000] }).map((b) => b.label)).toEqual([
      'Current',
      '1-15',
      '16-45',
      'Over 45',
    ]);
  });
});

describe('provision rounding', () => {
  it('rounds outstanding × rate half away from zero to the fen, per invoice', () => {
    expect(provisionFor(5, 1000)).toBe(1); // 0.5 fen → 1
    expect(provisionFor(4, 1000)).toBe(0); // 0.4 fen → 0
    expect(provisionFor(15, 3000)).toBe(5); // 4.5 fen → 5
    expect(provisionFor(-15, 3000)).toBe(-5); // away from zero
    expect(provisionFor(123_45, 10_000)).toBe(123_45);
  });
});

describe('payments', () => {
  const allocs: AllocationFact[] = [
    { invoiceId: 'i1', appliedOn: '2026-03-01', amount: 30_000_00 },
    { invoiceId: 'i1', appliedOn: '2026-06-30', amount: 20_000_00 },
    { invoiceId: 'i1', appliedOn: '2026-07-01', amount: 50_000_00 },
  ];

  it('a partial payment leaves the rest outstanding in the same bucket', () => {
    const paid = paidAsOf(allocs.slice(0, 1), AS_OF);
    const line = agingLine(inv({ dueDate: '2026-05-01' }), paid, AS_OF, buckets)!;
    expect(line).toMatchObject({ paid: 30_000_00, outstanding: 70_000_00, daysOverdue: 60, bucket: 2, rateBp: 2000, provision: 14_000_00 });
  });

  it('payments after the as-of date do not count; one on the as-of date does', () => {
    expect(paidAsOf(allocs, AS_OF)).toBe(50_000_00);
    const line = agingLine(inv({ dueDate: '2026-05-01' }), paidAsOf(allocs, AS_OF), AS_OF, buckets)!;
    expect(line.outstanding).toBe(50_000_00);
    // The next day the last payment lands and the invoice is settled.
    expect(agingLine(inv({ dueDate: '2026-05-01' }), paidAsOf(allocs, '2026-07-01'), '2026-07-01', buckets)).toBeNull();
  });

  it('a late payment settles the invoice from its date on, and the earlier aging still shows it overdue', () => {
    const late: AllocationFact[] = [{ invoiceId: 'i1', appliedOn: '2026-06-15', amount: 100_000_00 }];
    const invoice = inv({ dueDate: '2026-04-01' });
    const before = agingLine(invoice, paidAsOf(late, '2026-06-14'), '2026-06-14', buckets)!;
    expect(before).toMatchObject({ daysOverdue: 74, bucket: 3, provision: 30_000_00 });
    expect(agingLine(invoice, paidAsOf(late, '2026-06-15'), '2026-06-15', buckets)).toBeNull();
  });

  it('an invoice issued after the as-of date is not yet a receivable', () => {
    expect(agingLine(inv({ invoiceDate: '2026-07-02', dueDate: '2026-08-01' }), 0, AS_OF, buckets)).toBeNull();
  });
});

describe("the seeds' worked example, through the contract-milestone path", () => {
  // Contract 1,000,000; 60 % due within 7 days of acceptance; accepted 80 days before the
  // as-of date; nothing paid → 600,000 outstanding, 73 days overdue, 61–90, provision 180,000.
  const terms: MilestoneTerm[] = [
    { id: 'm1', seq: 1, label: '签约 30%', percentBp: 3000, trigger: 'signing', offsetDays: 0 },
    { id: 'm2', seq: 2, label: '验收 60%', percentBp: 6000, trigger: 'acceptance', offsetDays: 7 },
    { id: 'm3', seq: 3, label: '质保金 10%', percentBp: 1000, trigger: 'acceptance', offsetDays: 365 },
  ];
  const acceptance = addDays(AS_OF, -80);
  const receivables = milestoneReceivables(1_000_000_00, terms, { signing: null, delivery: null, acceptance });

  it('acceptance produces the 60 % and the retention receivables, nothing for unsigned signing', () => {
    expect(receivables.map((r) => [r.seq, r.amount, r.invoiceDate, r.dueDate])).toEqual([
      [2, 600_000_00, acceptance, addDays(acceptance, 7)],
      [3, 100_000_00, acceptance, addDays(acceptance, 365)],
    ]);
  });

  it('600,000 outstanding, 73 days overdue, bucket 61–90, provision 180,000', () => {
    const r = receivables[0]!;
    const line = agingLine(inv({ id: 'x', amount: r.amount, invoiceDate: r.invoiceDate, dueDate: r.dueDate }), 0, AS_OF, buckets)!;
    expect(line.outstanding).toBe(600_000_00);
    expect(line.daysOverdue).toBe(73);
    expect(buckets[line.bucket]!.label).toBe('61-90');
    expect(line.rateBp).toBe(3000);
    expect(line.provision).toBe(180_000_00);
    // The retention is not yet due: Current, no provision.
    const retention = agingLine(
      inv({ id: 'y', amount: receivables[1]!.amount, invoiceDate: acceptance, dueDate: receivables[1]!.dueDate }),
      0,
      AS_OF,
      buckets,
    )!;
    expect(retention).toMatchObject({ bucket: 0, provision: 0 });
  });

  it('milestones covering 100 % add up to the contract exactly (the last takes the remainder)', () => {
    const thirds: MilestoneTerm[] = [1, 2, 3].map((seq) => ({
      id: `t${seq}`,
      seq,
      label: '',
      percentBp: seq === 3 ? 3334 : 3333,
      trigger: 'signing',
      offsetDays: 0,
    }));
    const amounts = milestoneAmounts(100_01, thirds);
    expect([...amounts.values()]).toEqual([33_33, 33_33, 33_35]);
    expect([...amounts.values()].reduce((s, v) => s + v, 0)).toBe(100_01);
  });
});

describe('by customer, totals and the provision journal', () => {
  it('sums lines per customer, largest total first', () => {
    const lines = [
      agingLine(inv({ id: '1', accountId: 'a', dueDate: '2026-06-01', amount: 100_00 }), 0, AS_OF, buckets)!,
      agingLine(inv({ id: '2', accountId: 'b', dueDate: '2026-01-01', amount: 500_00 }), 0, AS_OF, buckets)!,
      agingLine(inv({ id: '3', accountId: 'a', dueDate: '2026-07-15', amount: 50_00 }), 0, AS_OF, buckets)!,
    ];
    const customers = agingByCustomer(lines, buckets.length);
    expect(customers.map((c) => [c.accountId, c.total, c.provision])).toEqual([
      ['b', 500_00, 250_00],
      ['a', 150_00, 10_00],
    ]);
    expect(customers[1]!.byBucket).toEqual([50_00, 100_00, 0, 0, 0, 0, 0, 0]);
    expect(agingTotals(customers, buckets.length)).toMatchObject({ total: 650_00, provision: 260_00 });
  });

  it('posts closing − booked opening, split into the prior-period adjustment and the period movement', () => {
    const opening = new Map([
      ['a', 100_00],
      ['b', 300_00],
      ['c', 50_00],
    ]);
    // b paid an invoice back-dated before the opening booking: recomputed now, its opening requirement is 120.
    const restated = new Map([
      ['a', 100_00],
      ['b', 120_00],
      ['c', 50_00],
    ]);
    const closing = new Map([
      ['a', 180_00],
      ['b', 100_00],
      ['c', 50_00],
      ['d', 7_00],
    ]);
    const { movements, lines } = provisionJournal(opening, restated, closing);
    expect(movements.map((m) => [m.accountId, m.opening, m.adjustment, m.movement, m.closing, m.change])).toEqual([
      ['a', 100_00, 0, 80_00, 180_00, 80_00],
      ['b', 300_00, -180_00, -20_00, 100_00, -200_00],
      ['c', 50_00, 0, 0, 50_00, 0],
      ['d', 0, 0, 7_00, 7_00, 7_00],
    ]);
    expect(lines.filter((l) => l.accountId === 'a')).toEqual([
      { accountId: 'a', ledger: 'badDebtExpense', debit: 80_00, credit: 0 },
      { accountId: 'a', ledger: 'allowanceForDoubtfulAccounts', debit: 0, credit: 80_00 },
    ]);
    expect(lines.filter((l) => l.accountId === 'b')).toEqual([
      { accountId: 'b', ledger: 'allowanceForDoubtfulAccounts', debit: 200_00, credit: 0 },
      { accountId: 'b', ledger: 'badDebtExpense', debit: 0, credit: 200_00 },
    ]);
    expect(lines.filter((l) => l.accountId === 'c')).toEqual([]);
    expect(lines.reduce((s, l) => s + l.debit - l.credit, 0)).toBe(0);
  });

  it('books forward only, and never a date still to come', () => {
    expect(bookingProblem('2026-05-31', null, '2026-06-30')).toBeNull();
    expect(bookingProblem('2026-05-31', '2026-04-30', '2026-06-30')).toBeNull();
    expect(bookingProblem('2026-05-31', '2026-05-31', '2026-06-30')).toContain('already booked to 2026-05-31');
    expect(bookingProblem('2026-04-30', '2026-05-31', '2026-06-30')).toContain('already booked to 2026-05-31');
    expect(bookingProblem('2026-07-01', null, '2026-06-30')).toContain('after today (2026-06-30)');
  });
});

describe('provision basis: gross or net of unapplied credit (docs/en/receivables.md example)', () => {
  // Contract 1,000,000; 60 % due within a week of acceptance; accepted 80 days ago, unpaid:
  // 600,000 overdue 73 days → 61-90 at 30 % → provision 180,000.
  const due = 600_000_00;
  const line = agingLine(inv({ dueDate: addDays(AS_OF, -73), amount: due }), 0, AS_OF, buckets)!;
  const byBucket = buckets.map((b) => (b.index === line.bucket ? line.outstanding : 0));
  const provisionByBucket = buckets.map((b) => (b.index === line.bucket ? line.provision : 0));

  it('gross: the credit does not reduce the provision', () => {
    expect([buckets[line.bucket]!.label, line.provision]).toEqual(['61-90', 180_000_00]);
    expect(provisionByBucketOnBasis('gross', byBucket, provisionByBucket, buckets, 100_000_00)[3]).toBe(180_000_00);
  });

  it('net of credit: (600,000 − 100,000) × 30 % = 150,000', () => {
    const net = provisionByBucketOnBasis('netOfCredit', byBucket, provisionByBucket, buckets, 100_000_00);
    expect(net[3]).toBe((600_000_00 - 100_000_00) * 0.3);
    expect(net.reduce((s, v) => s + v, 0)).toBe(150_000_00);
  });

  it('nets against the oldest bucket first, then the next, and never below zero', () => {
    // 100 in 1-30 (10 %), 200 in 91-180 (50 %); credit 250 clears 91-180 and 50 of 1-30.
    const b = [0, 100_00, 0, 0, 200_00, 0, 0, 0];
    const p = [0, 10_00, 0, 0, 100_00, 0, 0, 0];
    expect(provisionByBucketOnBasis('netOfCredit', b, p, buckets, 250_00)).toEqual([0, 5_00, 0, 0, 0, 0, 0, 0]);
    expect(provisionByBucketOnBasis('netOfCredit', b, p, buckets, 10_000_00)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(provisionByBucketOnBasis('netOfCredit', b, p, buckets, 0)).toEqual(p);
  });
});

describe('collection ladder', () => {
  const act = (over: Partial<CollectionAction>): CollectionAction => ({
    date: '2026-06-01',
    kind: 'reminder',
    who: '李娜',
    note: null,
    promiseDate: null,
    promiseAmount: null,
    dispute: false,
    nextActionDate: null,
    ...over,
  });

  it('suggests the rung by days overdue', () => {
    expect([0, 1, 14, 15, 31, 61, 120, 121, 900].map((d) => suggestedRung(d))).toEqual([
      null,
      'reminder',
      'reminder',
      'notice',
      'finance',
      'sales',
      'sales',
      'lawyer',
      'lawyer',
    ]);
  });

  it('an untouched overdue invoice is due from the day it crossed the suggested rung', () => {
    const s = collectionState({ dueDate: '2026-06-01', daysOverdue: 29 }, [], '2026-06-30');
    expect(s).toMatchObject({ suggested: 'notice', reached: null, nextActionDue: '2026-06-16', dueNow: true, why: 'escalate' });
  });

  it('a scheduled next action holds until its date; a pending promise holds escalation; a broken one is chased', () => {
    const line = { dueDate: '2026-06-01', daysOverdue: 29 };
    const scheduled = collectionState(line, [act({ kind: 'notice', date: '2026-06-20', nextActionDate: '2026-07-05' })], '2026-06-30');
    expect(scheduled).toMatchObject({ reached: 'notice', nextActionDue: '2026-07-05', dueNow: false, why: 'scheduled' });
    const promised = [act({ kind: 'note', date: '2026-06-28', promiseDate: '2026-07-10', promiseAmount: 50_000_00 })];
    expect(collectionState(line, promised, '2026-06-30')).toMatchObject({
      nextActionDue: '2026-07-11',
      dueNow: false,
      why: 'promisePending',
    });
    expect(collectionState({ ...line, daysOverdue: 45 }, promised, '2026-07-16')).toMatchObject({
      nextActionDue: '2026-07-02',
      dueNow: true,
    });
  });

  it('a broken promise is chased the day after it, when no escalation comes sooner', () => {
    // Finance collection already reached (the suggested rung at 41 days), a promise for 07-10 not kept.
    const line = { dueDate: '2026-06-01', daysOverdue: 41 };
    const log = [act({ kind: 'finance', date: '2026-06-28', promiseDate: '2026-07-10', promiseAmount: 50_000_00 })];
    expect(collectionState(line, log, '2026-07-10')).toMatchObject({ nextActionDue: '2026-07-11', dueNow: false, why: 'promisePending' });
    expect(collectionState(line, log, '2026-07-12')).toMatchObject({
      suggested: 'finance',
      reached: 'finance',
      promise: { date: '2026-07-10', amount: 50_000_00 },
      nextActionDue: '2026-07-11',
      dueNow: true,
      why: 'promiseBroken',
    });
    // A later action after the promised day (a call that followed it up) closes the broken promise.
    const followed = [...log, act({ kind: 'note', date: '2026-07-11', note: '客户称下周付' })];
    expect(collectionState(line, followed, '2026-07-12')).toMatchObject({ nextActionDue: null, dueNow: false, why: null });
  });

  it('a dispute stops calendar escalation', () => {
    const s = collectionState({ dueDate: '2026-01-01', daysOverdue: 180 }, [act({ kind: 'note', dispute: true })], '2026-06-30');
    expect(s).toMatchObject({ dispute: true, nextActionDue: null, dueNow: false, why: 'disputed' });
  });
});

describe('credit control', () => {
  it('flags over-limit, over 90 days and an incomplete review', () => {
    expect(
      creditFlags({ creditLimit: 100_00, licence: 'ok', contract: 'ok', bank: 'ok' }, { outstanding: 100_01, maxDaysOverdue: 91 }),
    ).toEqual({ overLimit: true, over90: true, reviewIncomplete: false });
    expect(
      creditFlags({ creditLimit: null, licence: 'ok', contract: 'pending', bank: 'ok' }, { outstanding: 9e9, maxDaysOverdue: 90 }),
    ).toEqual({ overLimit: false, over90: false, reviewIncomplete: true });
  });
});
