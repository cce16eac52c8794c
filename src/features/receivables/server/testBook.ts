import path from 'node:path';
import { openBook } from '../../../server/book';
import { insertRow } from '../../../server/db/changeLog';
import type { ServerContext } from '../../../server/context';
import { fixedClock } from '../../../../test/db/helpers';

// A small real book for the receivables tests: one territory and a few named customers.

export const TODAY = '2026-06-30';

export async function receivablesBook(dir: string, customers = ['甲公司', '乙公司', '丙公司'], today = TODAY): Promise<{ ctx: ServerContext; accounts: string[] }> {
  const ctx = await openBook(path.join(dir, 'book.sqlite'), { clock: fixedClock(`${today}T04:00:00.000Z`, today), platform: 'test', dailyBackup: false });
  const accounts = ctx.db.transaction(() => {
    const territory = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East China' });
    return customers.map((name, i) => insertRow(ctx, 'accounts', { territory_id: territory, name, name_en: `Customer ${String.fromCharCode(65 + i)}` }));
  })();
  return { ctx, accounts };
}
