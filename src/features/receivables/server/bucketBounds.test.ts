import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/db/helpers';
import type { ServerContext } from '../../../platform/context';
import { addDays } from '../../../shared/dates';
import { agingBuckets, bucketIndex, daysOverdue, provisionFor, type AgingPolicy } from '../domain';
import { agingByCustomerSql } from './aging';
import { insertInvoice } from './repo';
import { insertRow } from '../../../platform/db/changeLog';
import { receivablesBook } from './testBook';

// One rule, two runners: the summary's SQL buckets invoices by comparing due dates with
// thresholds generated from the domain's bucket bounds; the detail uses the domain's
// bucketIndex. At every bound (the last day of a bucket and the first of the next), for the
// default policy and an odd one, both must put an invoice in the same bucket with the same
// provision. Changing either side alone fails this test.

const AS_OF = '2026-06-30';
let ctx: ServerContext;
let cleanup: () => void;
let territory: string;
let n = 0;

beforeAll(async () => {
  const t = tempDir('sw-rcv-bounds-');
  cleanup = t.cleanup;
  ({ ctx } = await receivablesBook(t.dir, []));
  territory = ctx.db.prepare('SELECT id FROM territories LIMIT 1').pluck().get() as string;
});
afterAll(() => {
  ctx.db.close();
  cleanup();
});

const POLICIES: [string, AgingPolicy][] = [
  ['default', { bounds: [30, 60, 90, 180, 365, 730], ratesBp: [0, 1000, 2000, 3000, 5000, 10_000, 10_000, 10_000] }],
  ['odd', { bounds: [1, 7, 45, 46, 400], ratesBp: [0, 333, 1111, 2345, 5001, 9999, 10_000] }],
];

describe('aging buckets: the SQL and the domain agree at every bound', () => {
  it.each(POLICIES)('%s policy', (_name, policy) => {
    const buckets = agingBuckets(policy);
    // Days overdue at and around each bound, and around 0 (due today, due tomorrow).
    const days = [...new Set([-1, 0, 1, ...policy.bounds.flatMap((b) => [b - 1, b, b + 1])])].sort((a, b) => a - b);
    for (const d of days) {
      const account = ctx.db.transaction(() => {
        const accountId = insertRow(ctx, 'accounts', { territory_id: territory, name: `bound ${n++}` });
        insertInvoice(ctx, {
          invoiceNo: `B-${n}`,
          accountId,
          territoryId: territory,
          contractNo: null,
          invoiceDate: '2020-01-01',
          dueDate: addDays(AS_OF, -d),
          amount: 123_457,
        });
        return accountId;
      })();
      const fromSql = agingByCustomerSql(ctx.db, AS_OF, buckets).find((c) => c.accountId === account)!;
      const expected = bucketIndex(daysOverdue(addDays(AS_OF, -d), AS_OF), policy.bounds);
      expect({ d, bucket: fromSql.byBucket.findIndex((v) => v > 0) }).toEqual({ d, bucket: expected });
      expect({ d, provision: fromSql.provision }).toEqual({ d, provision: provisionFor(123_457, buckets[expected]!.rateBp) });
    }
  });
});
