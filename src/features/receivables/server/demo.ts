import seedrandom from 'seedrandom';
import { seededIds } from '../../../platform/seededIds';
import type { ServerContext } from '../../../platform/context';
import { addDays } from '../../../shared/dates';
import { RUNGS } from '../domain';
import { insertAction, saveCredit } from './collections';
import { insertContract, setContractEvent } from './salesContracts';
import { insertInvoice, recordPayment, syncReceivableBalance } from './repo';

// The demo company's receivables over about two years, seeded so every demo book holds the
// same rows (ids included) relative to its "today". Each account's open invoices add up to
// the receivable balance the account seed gave it, so accounts.receivable_fen stays true;
// only the few accounts that also get a project contract have it recomputed (repo's
// syncReceivableBalance). Open invoices are spread so the aging has every bucket.

// Share of open invoices per bucket (Current … over 730) and each bucket's days-overdue range.
const BUCKET_WEIGHTS = [34, 20, 12, 9, 10, 8, 5, 2];
const BUCKET_DAYS: [number, number][] = [
  [-60, 0],
  [1, 30],
  [31, 60],
  [61, 90],
  [91, 180],
  [181, 365],
  [366, 730],
  [731, 900],
];
const TERMS = [30, 45, 60, 90];

export function seedReceivablesDemo(ctx: ServerContext): void {
  const rng = seedrandom('sales-workstation-receivables-demo');
  const newId = seededIds(rng, Date.UTC(2026, 1, 1));
  const w = { ...ctx, newId };
  const today = ctx.clock.today();
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pickBucket = () => {
    let x = rng() * BUCKET_WEIGHTS.reduce((s, v) => s + v, 0);
    for (let i = 0; i < BUCKET_WEIGHTS.length; i++) if ((x -= BUCKET_WEIGHTS[i]!) < 0) return i;
    return 0;
  };
  let invoiceSeq = 0;
  const invoiceNo = (date: string) => `FP${date.slice(0, 4)}-${String(++invoiceSeq).padStart(5, '0')}`;

  const accounts = ctx.db
    .prepare('SELECT id, territory_id AS territoryId, receivable_fen AS receivable FROM accounts WHERE deleted_at IS NULL ORDER BY id')
    .all() as { id: string; territoryId: string; receivable: number }[];

  ctx.db.transaction(() => {
    const pay = (a: (typeof accounts)[number], invoiceId: string, paidOn: string, amount: number, extra = 0) => {
      recordPayment(
        w,
        { accountId: a.id, territoryId: a.territoryId, paidOn, amount: amount + extra, reference: `电汇 ${paidOn.replace(/-/g, '')}` },
        [{ invoiceId, amount }],
      );
    };
    const overdue: { id: string; accountId: string; territoryId: string; due: string; days: number }[] = [];

    for (const a of accounts) {
      // Settled history: invoices of the last two years paid in full, some late, some in two parts.
      for (let h = int(1, 4); h > 0; h--) {
        const invoiceDate = addDays(today, -int(60, 760));
        const due = addDays(invoiceDate, TERMS[int(0, 3)]!);
        const amount = int(20_000, 800_000) * 100;
        const id = insertInvoice(w, {
          invoiceNo: invoiceNo(invoiceDate),
          accountId: a.id,
          territoryId: a.territoryId,
          contractNo: null,
          invoiceDate,
          dueDate: due,
          amount,
        });
        const paidOn = addDays(due, int(-20, 75));
        const last = paidOn > today ? today : paidOn;
        if (rng() < 0.3) {
          const first = Math.round(amount * 0.4);
          pay(a, id, addDays(invoiceDate, int(1, 20)), first);
          pay(a, id, last, amount - first);
        } else {
          pay(a, id, last, amount, rng() < 0.03 ? int(1_000, 20_000) * 100 : 0); // a few overpayments leave credit
        }
      }
      // Open invoices adding up to the account's receivable balance.
      let left = a.receivable;
      for (let k = int(1, 3); left > 0; k--) {
        const part = k <= 1 ? left : Math.min(left, Math.round(left * (0.2 + rng() * 0.5)));
        left -= part;
        const bucket = pickBucket();
        const days = int(...BUCKET_DAYS[bucket]!);
        const due = addDays(today, -days);
        const issued = addDays(due, -TERMS[int(0, 3)]!);
        const invoiceDate = issued > today ? addDays(today, -int(0, 10)) : issued;
        const paidPart = rng() < 0.25 ? int(5_000, 200_000) * 100 : 0;
        const id = insertInvoice(w, {
          invoiceNo: invoiceNo(invoiceDate),
          accountId: a.id,
          territoryId: a.territoryId,
          contractNo: rng() < 0.4 ? `HT${invoiceDate.slice(2, 4)}-${int(100, 999)}` : null,
          invoiceDate,
          dueDate: due,
          amount: part + paidPart,
        });
        if (paidPart) {
          const paidOn = addDays(invoiceDate, int(5, 30));
          pay(a, id, paidOn > today ? invoiceDate : paidOn, paidPart);
        }
        if (days > 0) overdue.push({ id, accountId: a.id, territoryId: a.territoryId, due, days });
      }
    }

    // Project contracts with milestones on some large accounts, one of them the seeds' example:
    // 1,000,000; 30 % on signing (paid), 60 % within 7 days of acceptance 80 days ago (unpaid), 10 % retention.
    const big = [...accounts].sort((x, y) => y.receivable - x.receivable || (x.id < y.id ? -1 : 1)).slice(0, 8);
    big.forEach((a, i) => {
      const amount = i === 0 ? 1_000_000_00 : int(30, 300) * 1_000_000;
      const signed = addDays(today, -int(150, 420));
      const contractId = insertContract(w, {
        contractNo: `XM-${today.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`,
        accountId: a.id,
        amount,
        title: i === 0 ? '生产线自动化改造项目' : `设备供货项目 ${i + 1}`,
        milestones: [
          { label: '签约预付 30%', percentBp: 3000, trigger: 'signing', offsetDays: 0 },
          { label: '验收后 7 天内 60%', percentBp: 6000, trigger: 'acceptance', offsetDays: 7 },
          { label: '质保金 10%（验收一年后）', percentBp: 1000, trigger: 'acceptance', offsetDays: 365 },
        ],
      });
      setContractEvent(w, contractId, 'signing', signed);
      const advance = ctx.db
        .prepare('SELECT id FROM rcv_invoices WHERE contract_id = ? ORDER BY due_date LIMIT 1')
        .pluck()
        .get(contractId) as string;
      pay(a, advance, addDays(signed, int(3, 20)), Math.round(amount * 0.3));
      setContractEvent(w, contractId, 'delivery', addDays(signed, int(40, 90)));
      if (i === 0) setContractEvent(w, contractId, 'acceptance', addDays(today, -80));
      else if (i % 3 !== 2) setContractEvent(w, contractId, 'acceptance', addDays(today, -int(10, 120)));
    });
    syncReceivableBalance(
      w,
      big.map((a) => a.id),
    );

    // Collection actions: some overdue invoices were chased up the ladder, with promises and a dispute.
    for (const o of overdue) {
      if (rng() < 0.45) continue;
      const steps = Math.min(RUNGS.length, 1 + Math.floor(Math.log2(1 + o.days / 20)));
      for (let s = 0; s < steps && rng() < 0.85; s++) {
        const date = addDays(o.due, Math.min(o.days, [3, 16, 33, 65, 125][s]! + int(0, 5)));
        const promise = rng() < 0.2 ? { promiseDate: addDays(date, int(5, 25)), promiseAmount: int(1, 50) * 10_000_00 } : {};
        insertAction(w, { id: o.id, accountId: o.accountId }, o.territoryId, {
          date,
          kind: RUNGS[s]!,
          who: ['李娜', '财务 张会计', '王磊', '赵强'][s % 4]!,
          note: ['电话提醒', '已寄送逾期通知书', '财务发函催收', '销售经理上门拜访', '委托律师发函'][s]!,
          dispute: o.days > 200 && rng() < 0.1,
          ...promise,
          source: 'demo',
        });
      }
    }

    // Credit control for the forty largest balances.
    for (const a of [...accounts].sort((x, y) => y.receivable - x.receivable || (x.id < y.id ? -1 : 1)).slice(0, 40)) {
      const state = () => (rng() < 0.8 ? 'ok' : rng() < 0.6 ? 'pending' : 'problem') as 'ok' | 'pending' | 'problem';
      saveCredit(w, {
        accountId: a.id,
        creditLimit: Math.round((a.receivable * (0.7 + rng() * 0.9)) / 1_000_000) * 1_000_000,
        licence: state(),
        contract: state(),
        bank: state(),
        reviewedOn: addDays(today, -int(10, 400)),
      });
    }
  })();
}
