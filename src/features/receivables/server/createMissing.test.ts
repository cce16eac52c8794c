import path from 'node:path';
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { insertRow } from '../../../platform/db/changeLog';
import type { Aging } from '../contract';
import { bookPerTest, TODAY } from './testBook';

// `import invoices IN.xlsx --create-missing`: a Customer the book does not have becomes an
// account in the row's Territory (owned by its Rep), with the territories and reps it needs,
// in the invoices' own all-or-nothing transaction; each is printed as `created territory
// East`, `created rep Li Na (East)`, `created account NAME (East)`. Without the flag the
// refusal names the row, the column and both fixes. Input workbooks are written with SheetJS.
// The book: territory 华东区 / East China with customers 甲公司, 乙公司, 丙公司 and no reps.

const { book, call, cli } = bookPerTest('sw-rcv-create-');

type Rows = (string | number | null)[][];
function workbook(rows: Rows, name = 'invoices.xlsx'): string {
  const file = path.join(book.dir, name);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Invoices');
  XLSX.writeFile(wb, file);
  return file;
}

const HEAD = ['Invoice', 'Customer', 'Territory', 'Rep', 'Invoice date', 'Due date', 'Amount'];
/** Two new customers in two new territories, one with a new rep, one named twice; and an existing customer whose Territory and Rep are ignored. */
const NEW_CUSTOMERS: Rows = [
  HEAD,
  ['N-1', '东方电气', 'East', 'Li Na', '2026-03-01', '2026-03-31', 1200.5],
  ['N-2', '西部矿业', 'West', null, '2026-06-01', '2026-07-01', 800],
  ['N-3', '东方电气', null, null, '2026-05-01', '2026-05-31', 300],
  ['N-4', '甲公司', 'Nowhere', 'Ghost', '2026-06-10', '2026-07-10', 50],
];

const counts = () =>
  book.ctx.db
    .prepare(
      `SELECT (SELECT count(*) FROM territories) AS territories, (SELECT count(*) FROM reps) AS reps, (SELECT count(*) FROM accounts) AS accounts,
              (SELECT count(*) FROM rcv_invoices) AS invoices, (SELECT count(*) FROM change_log) AS log, (SELECT count(*) FROM import_batches) AS batches`,
    )
    .get() as Record<string, number>;

describe('import invoices --create-missing', () => {
  it('creates the customers, territories and reps the file names, prints each, and the aging shows the invoices under the new customers', async () => {
    const r = await cli('import', 'invoices', workbook(NEW_CUSTOMERS), '--create-missing');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'created territory East',
      'created rep Li Na (East)',
      'created account 东方电气 (East)',
      'created territory West',
      'created account 西部矿业 (West)',
      'Imported 4 invoices.',
    ]);
    const accounts = book.ctx.db
      .prepare(
        `SELECT a.name, t.name_en AS territory, r.name_en AS owner, r.territory_id = a.territory_id AS ownerInTerritory, a.receivable_fen AS receivable
         FROM accounts a JOIN territories t ON t.id = a.territory_id LEFT JOIN reps r ON r.id = a.owner_id ORDER BY a.rowid`,
      )
      .all();
    expect(accounts).toEqual([
      { name: '甲公司', territory: 'East China', owner: null, ownerInTerritory: null, receivable: 50_00 },
      { name: '乙公司', territory: 'East China', owner: null, ownerInTerritory: null, receivable: 0 },
      { name: '丙公司', territory: 'East China', owner: null, ownerInTerritory: null, receivable: 0 },
      { name: '东方电气', territory: 'East', owner: 'Li Na', ownerInTerritory: 1, receivable: 1500_50 },
      { name: '西部矿业', territory: 'West', owner: null, ownerInTerritory: null, receivable: 800_00 },
    ]);
    // Nothing of the existing customer's row (Nowhere, Ghost) was created.
    expect(counts()).toMatchObject({ territories: 3, reps: 1, accounts: 5, invoices: 4 });
    // Every created row is logged in the import's batch, with the invoices.
    const logged = book.ctx.db
      .prepare(
        "SELECT table_name, count(*) AS n FROM change_log WHERE op = 'insert' AND batch_id = (SELECT id FROM import_batches WHERE kind = 'receivables.invoices') GROUP BY table_name ORDER BY table_name",
      )
      .all();
    expect(logged).toEqual([
      { table_name: 'accounts', n: 2 },
      { table_name: 'rcv_invoices', n: 4 },
      { table_name: 'reps', n: 1 },
      { table_name: 'territories', n: 2 },
    ]);

    const aging = await call<Aging>('receivables:aging', { asOf: TODAY });
    const byCustomer = Object.fromEntries(
      aging.customers.map((c) => [c.customer, { total: c.total, invoices: c.invoices, maxDaysOverdue: c.maxDaysOverdue }]),
    );
    expect(byCustomer).toEqual({
      东方电气: { total: 1500_50, invoices: 2, maxDaysOverdue: 91 },
      西部矿业: { total: 800_00, invoices: 1, maxDaysOverdue: 0 },
      甲公司: { total: 50_00, invoices: 1, maxDaysOverdue: 0 },
    });
  });

  it('without the flag refuses, naming row, column and both fixes, and writes nothing', async () => {
    const before = counts();
    const r = await cli('import', 'invoices', workbook(NEW_CUSTOMERS));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual([
      'Rejected: 3 problem(s) in the invoices; nothing was imported. The file names customers, territories or reps the book does not have (East, Li Na, 东方电气, West, 西部矿业): ' +
        'import again with --create-missing to create them, or add them first with import org / import accounts.',
      '  row 2, Customer: no account has this name (东方电气)',
      '  row 3, Customer: no account has this name (西部矿业)',
      '  row 4, Customer: no account has this name (东方电气)',
    ]);
    expect(counts()).toEqual(before);
  });

  it('the channel: a refusal carries what the app lists to create; with createMissing the result says what was created', async () => {
    const file = book.ctx.files.register(workbook(NEW_CUSTOMERS), 'read').token;
    const refused = await call('receivables:importInvoices', { file }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'import-rejected', details: { errorCount: 3 } });
    const { missing } = (refused as { details: { missing: unknown[] } }).details;
    expect(missing).toEqual([
      { kind: 'territory', name: 'East', territory: null },
      { kind: 'rep', name: 'Li Na', territory: 'East' },
      { kind: 'account', name: '东方电气', territory: 'East' },
      { kind: 'territory', name: 'West', territory: null },
      { kind: 'account', name: '西部矿业', territory: 'West' },
    ]);
    expect(await call('receivables:importInvoices', { file, createMissing: true })).toEqual({ inserted: 4, created: missing });
  });

  it('one bad row among good ones writes nothing at all: no territory, rep or account either', async () => {
    const before = counts();
    const file = workbook([...NEW_CUSTOMERS, ['N-5', '北方重工', null, 'Zhou Min', '2026-06-01', '2026-06-30', 10]]);
    const r = await cli('import', 'invoices', file, '--create-missing');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual([
      'Rejected: 1 problem(s) in the invoices; nothing was imported.',
      '  row 6, Territory: a new customer needs a Territory',
    ]);
    expect(counts()).toEqual(before);
  });

  it('a file without a Territory column names the column a new customer needs', async () => {
    const r = await cli(
      'import',
      'invoices',
      workbook([
        ['Invoice', 'Customer', 'Invoice date', 'Due date', 'Amount'],
        ['Q-1', '新客户', '2026-06-01', '2026-06-30', 10],
      ]),
      '--create-missing',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('  row 2, Territory: a new customer needs a Territory');
    expect(counts().accounts).toBe(3);
  });

  it("a new customer's Rep must be active and work the row's Territory; a rep the book lacks is created there", async () => {
    const east = book.ctx.db.prepare("SELECT id FROM territories WHERE name_en = 'East China'").pluck().get() as string;
    const north = insertRow(book.ctx, 'territories', { name_zh: '华北区', name_en: 'North' });
    insertRow(book.ctx, 'reps', { territory_id: east, name_zh: '张伟', name_en: 'Zhang Wei', role: 'rep' });
    insertRow(book.ctx, 'reps', {
      territory_id: east,
      name_zh: '王芳',
      name_en: 'Wang Fang',
      role: 'rep',
      deactivated_at: '2026-05-01T00:00:00.000Z',
    });
    const before = counts();
    const refused = await cli(
      'import',
      'invoices',
      workbook([
        HEAD,
        ['R-1', '新客户一', '华北区', 'Zhang Wei', '2026-06-01', '2026-06-30', 10],
        ['R-2', '新客户二', '华东区', '王芳', '2026-06-01', '2026-06-30', 10],
      ]),
      '--create-missing',
    );
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n').slice(1)).toEqual([
      '  row 2, Rep: does not work in territory 华北区 (Zhang Wei)',
      '  row 3, Rep: deactivated: choose an active rep (or reactivate them in Settings) (王芳)',
    ]);
    expect(counts()).toEqual(before);

    // Chinese headers (销售区域, 销售) as the accounts import takes them; the book's territory by its Chinese name.
    const ok = await cli(
      'import',
      'invoices',
      workbook([
        ['发票号', '客户名称', '销售区域', '销售', '开票日期', '到期日', '金额'],
        ['R-1', '新客户一', '华北区', '赵磊', '2026-06-01', '2026-06-30', 10],
        ['R-2', '新客户二', '华东区', 'Zhang Wei', '2026-06-01', '2026-06-30', 20],
      ]),
      '--create-missing',
    );
    expect(ok.err).toBe('');
    expect(ok.out.split('\n')).toEqual([
      'created rep 赵磊 (North)',
      'created account 新客户一 (North)',
      'created account 新客户二 (East China)',
      'Imported 2 invoices.',
    ]);
    const owners = book.ctx.db
      .prepare(
        "SELECT a.name, r.name_en AS owner, r.territory_id AS repTerritory, a.territory_id AS territory FROM accounts a JOIN reps r ON r.id = a.owner_id WHERE a.name LIKE '新客户%' ORDER BY a.name",
      )
      .all();
    expect(owners).toEqual([
      { name: '新客户一', owner: '赵磊', repTerritory: north, territory: north },
      { name: '新客户二', owner: 'Zhang Wei', repTerritory: east, territory: east },
    ]);
  });
});
