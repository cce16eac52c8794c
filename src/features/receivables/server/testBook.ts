import path from 'node:path';
import seedrandom from 'seedrandom';
import { afterEach, beforeEach } from 'vitest';
import { runCli } from '../../../app/cli/main';
import { createRegistry } from '../../../app/handlers';
import { openBook } from '../../../app/book';
import { insertRow } from '../../../platform/db/changeLog';
import type { ServerContext } from '../../../platform/context';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import { addDays } from '../../../shared/dates';
import { insertInvoice, recordPayment, syncReceivableBalance } from './repo';

// A small real book for the receivables tests: one territory and a few named customers.

export const TODAY = '2026-06-30';

export async function receivablesBook(
  dir: string,
  customers = ['甲公司', '乙公司', '丙公司'],
  today = TODAY,
): Promise<{ ctx: ServerContext; accounts: string[] }> {
  const ctx = await openBook(path.join(dir, 'book.sqlite'), {
    clock: fixedClock(`${today}T04:00:00.000Z`, today),
    platform: 'test',
    dailyBackup: false,
  });
  const accounts = ctx.db.transaction(() => {
    const territory = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East China' });
    return customers.map((name, i) =>
      insertRow(ctx, 'accounts', { territory_id: territory, name, name_en: `Customer ${String.fromCharCode(65 + i)}` }),
    );
  })();
  return { ctx, accounts };
}

/**
 * Invoices over three years with partial, late and future payments, written through the
 * repository (as the handlers do). Deterministic for a seed.
 */
export function randomReceivables(ctx: ServerContext, accounts: string[], seed: string, n: number, today = TODAY): void {
  const rng = seedrandom(seed);
  const territory = ctx.db.prepare('SELECT territory_id FROM accounts WHERE id = ?').pluck();
  ctx.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const accountId = accounts[i % accounts.length]!;
      const territoryId = territory.get(accountId) as string;
      const invoiceDate = addDays(today, -Math.floor(rng() * 1100));
      const dueDate = addDays(invoiceDate, [0, 30, 60, 90][Math.floor(rng() * 4)]!);
      const amount = 100 + Math.floor(rng() * 50_000_000);
      const id = insertInvoice(ctx, {
        invoiceNo: `RND-${seed}-${i}`,
        accountId,
        territoryId,
        contractNo: rng() < 0.5 ? `HT-${i % 17}` : null,
        invoiceDate,
        dueDate,
        amount,
      });
      let left = amount;
      for (let k = 0; k < 2 && rng() < 0.5; k++) {
        const pay = k === 1 ? left : 1 + Math.floor(rng() * left);
        const paidOn = addDays(invoiceDate, Math.floor(rng() * 500));
        recordPayment(ctx, { accountId, territoryId, paidOn, amount: pay }, [{ invoiceId: id, amount: pay }]);
        left -= pay;
      }
    }
    syncReceivableBalance(ctx, accounts);
  })();
}

/**
 * A fresh receivables book for each test of a file (created before, closed and removed after):
 * `book` holds the current one; `call` goes through the registry and `cli` through the CLI's
 * entry point, as a user's command would, with `--today` pinned to the book's today.
 */
export function bookPerTest(prefix: string, customers?: string[], today = TODAY) {
  const registry = createRegistry({ validateOutput: true });
  const book = {} as { dir: string; db: string; ctx: ServerContext; accounts: string[] };
  let cleanup = () => {};
  beforeEach(async () => {
    const t = tempDir(prefix);
    cleanup = t.cleanup;
    Object.assign(book, { dir: t.dir, db: path.join(t.dir, 'book.sqlite') }, await receivablesBook(t.dir, customers, today));
  });
  afterEach(() => {
    book.ctx.db.close();
    cleanup();
  });
  const call = <T>(channel: string, input: unknown) => registry.call<T>(book.ctx, channel, input);
  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['--db', book.db, '--today', today, ...args],
      (s) => out.push(s),
      (s) => err.push(s),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  return { book, call, cli };
}
