import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../../platform/excel/workbookWriter';
import { accountsBook, seedAwkwardAccounts, type AccountsBook } from './testBook';
import { tempDir } from '../../../../test/excel/helpers';

process.env.TZ = 'America/Los_Angeles';

let t: ReturnType<typeof tempDir>;
let book: AccountsBook;
beforeEach(async () => {
  t = tempDir();
  book = await accountsBook(t.file('db'));
  await seedAwkwardAccounts(book);
});
afterEach(() => {
  book.close();
  t.cleanup();
});

/** Preview and import both refuse the file the same way, and nothing changes. */
async function expectRefused(file: string, expected: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const before = book.accounts();
  const changes = () => (book.ctx.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
  const logBefore = changes();
  // The preview says the same before anything is attempted.
  const preview = book.call<{ errorCount: number; errors: unknown[] }>('accounts:importPreview', { file: book.read(file) });
  if (expected.code === 'import-rejected') expect((await preview).errorCount).toBeGreaterThan(0);
  else if (expected.code === 'bad-file') await expect(preview).rejects.toMatchObject({ code: 'bad-file' });
  else await preview.catch(() => undefined);
  await expect(book.call('accounts:import', { file: book.read(file), ...extra })).rejects.toMatchObject(expected);
  expect(book.accounts()).toEqual(before);
  expect(changes()).toBe(logBefore);
}

async function accountsXlsx(file: string, rows: unknown[][], headers = ['Name', 'Territory', 'Sales']) {
  await writeWorkbook(file, [
    { name: 'Accounts', columns: headers.map((h) => ({ header: h, kind: 'text' as const })), rows: rows as never },
  ]);
}

describe('bad input is refused with a clear error and changes nothing', () => {
  it('an empty file', async () => {
    const file = t.file('empty.xlsx');
    fs.writeFileSync(file, '');
    await expectRefused(file, { code: 'bad-file', message: 'empty.xlsx is empty.' });
  });

  it('a non-Excel file renamed .xlsx', async () => {
    const file = t.file('notes.xlsx');
    fs.writeFileSync(file, 'Meeting notes\nnot a workbook at all');
    await expectRefused(file, { code: 'bad-file', message: expect.stringMatching(/^notes\.xlsx is not an Excel workbook/) });
  });

  it('a truncated .xlsx', async () => {
    const file = t.file('cut.xlsx');
    await accountsXlsx(
      file,
      Array.from({ length: 2000 }, (_, i) => [`Account ${i}`, '华东区', String(i)]),
    );
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(file, { code: 'bad-file', message: expect.stringMatching(/^cut\.xlsx is damaged or incomplete/) });
  });

  it('a text value in a money column', async () => {
    const file = t.file('money.xlsx');
    await accountsXlsx(file, [
      ['A', '华东区', '100'],
      ['B', '华东区', 'about 5k'],
    ]);
    await expectRefused(file, {
      code: 'import-rejected',
      message: '1 cell was rejected; nothing was written.',
      details: { errors: [{ row: 3, column: 'Sales', value: 'about 5k', reason: expect.stringMatching(/^not a money amount/) }] },
    });
  });

  it('an empty required name', async () => {
    const file = t.file('name.xlsx');
    await accountsXlsx(file, [
      ['A', '华东区', '1'],
      ['', '华东区', '2'],
      ['   ', '华东区', '3'],
    ]);
    await expectRefused(file, {
      code: 'import-rejected',
      details: {
        errors: [
          { row: 3, column: 'Name', value: '', reason: 'required: this cell is empty' },
          { row: 4, column: 'Name', value: '', reason: 'required: this cell is empty' },
        ],
      },
    });
  });

  it('a duplicate header', async () => {
    const file = t.file('dup.xlsx');
    await accountsXlsx(file, [['A', '华东区', 'B']], ['Name', 'Territory', '客户名称']);
    await expectRefused(file, {
      code: 'import-rejected',
      details: {
        errors: [
          { row: 1, column: '客户名称', value: '客户名称', reason: expect.stringMatching(/^duplicate column: "Name" \(column A\)/) },
        ],
      },
    });
  });

  it('10,000 valid rows with one invalid row near the end', async () => {
    const file = t.file('big.xlsx');
    const rows = Array.from({ length: 10_000 }, (_, i) => [`客户 ${i}`, i % 2 ? '华东区' : 'North China', String(i * 3.25)]);
    rows[9_990]![2] = '12.345';
    await accountsXlsx(file, rows);
    await expectRefused(file, {
      code: 'import-rejected',
      details: { errors: [{ row: 9_992, column: 'Sales', value: '12.345', reason: expect.stringMatching(/^more than two decimals/) }] },
    });
    // The same file with the row fixed imports all 10,000.
    rows[9_990]![2] = '12.34';
    await accountsXlsx(file, rows);
    const before = book.count();
    expect(await book.call('accounts:import', { file: book.read(file) })).toMatchObject({ inserted: 10_000 });
    expect(book.count()).toBe(before + 10_000);
  });

  it('a cancelled import writes nothing', async () => {
    const file = t.file('cancel.xlsx');
    await accountsXlsx(
      file,
      Array.from({ length: 3000 }, (_, i) => [`C ${i}`, '华东区', '1']),
    );
    const jobId = crypto.randomUUID();
    book.ctx.jobs.cancel(jobId);
    await expectRefused(file, { code: 'cancelled' }, { jobId });
  });
});
