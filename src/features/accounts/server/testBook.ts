import fs from 'node:fs';
import path from 'node:path';
import { openBook } from '../../../app/book';
import type { ServerContext } from '../../../platform/context';
import { insertRow } from '../../../platform/db/changeLog';
import { createRegistry } from '../../../app/handlers';
import type { Account, AccountPatch } from '../contract';

export interface AccountsBook {
  ctx: ServerContext;
  call<T = unknown>(channel: string, input: unknown): Promise<T>;
  /** Registers a file as a dialog would and returns its token. */
  read(file: string): string;
  write(file: string): string;
  territories: { east: string; north: string };
  reps: { wang: string; li: string; zhang: string };
  count(): number;
  accounts(): Account[];
  close(): void;
}

/** A real book (SQLite file, migrations) in `dir` with two territories and three reps. */
export async function accountsBook(dir: string): Promise<AccountsBook> {
  fs.mkdirSync(dir, { recursive: true });
  const ctx = await openBook(path.join(dir, 'book.sqlite'), { platform: 'test', dailyBackup: false });
  const registry = createRegistry({ validateOutput: true });
  const [east, north, wang, li, zhang] = ctx.db.transaction(() => {
    const e = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East China' });
    const n = insertRow(ctx, 'territories', { name_zh: '华北区', name_en: 'North China' });
    return [
      e,
      n,
      insertRow(ctx, 'reps', { territory_id: e, name_zh: '王磊', name_en: 'Wang Lei' }),
      insertRow(ctx, 'reps', { territory_id: e, name_zh: '李娜', name_en: 'Li Na' }),
      insertRow(ctx, 'reps', { territory_id: n, name_zh: '张伟', name_en: 'Zhang Wei' }),
    ];
  })();
  const book: AccountsBook = {
    ctx,
    call: (channel, input) => registry.call(ctx, channel, input),
    read: (file) => ctx.files.register(file, 'read').token,
    write: (file) => ctx.files.register(file, 'write').token,
    territories: { east: east!, north: north! },
    reps: { wang: wang!, li: li!, zhang: zhang! },
    count: () => (ctx.db.prepare('SELECT count(*) AS n FROM accounts WHERE deleted_at IS NULL').get() as { n: number }).n,
    accounts: () => [],
    close: () => ctx.db.close(),
  };
  book.accounts = () =>
    (ctx.db.prepare('SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[]).map((id) =>
      getAccount(ctx, id),
    );
  return book;
}

function getAccount(ctx: ServerContext, id: string): Account {
  const r = ctx.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Record<string, unknown>;
  return {
    id: r.id,
    name: r.name,
    nameEn: r.name_en,
    territoryId: r.territory_id,
    ownerId: r.owner_id,
    industry: r.industry,
    city: r.city,
    size: r.size,
    nature: r.nature,
    sales: r.sales_fen,
    salesLastYear: r.sales_last_year_fen,
    profit: r.profit_fen,
    receivable: r.receivable_fen,
    grade: r.grade,
    gradeSource: r.grade_source,
    relationshipStage: r.relationship_stage,
    relationshipType: r.relationship_type,
    communicationStyle: r.communication_style,
    valueType: r.value_type,
    loyaltyType: r.loyalty_type,
    productsInUse: r.products_in_use,
    lastVisit: r.last_visit,
    nextVisit: r.next_visit,
    notes: r.notes,
    version: r.version,
    updatedAt: r.updated_at,
  } as Account;
}

/** Accounts with every field filled in awkward ways: Chinese, emoji, quotes, commas, long notes. */
export async function seedAwkwardAccounts(book: AccountsBook): Promise<Account[]> {
  const { east, north } = book.territories;
  const longNote = Array.from({ length: 300 }, (_, i) => `第${i}行 line ${i}, "quoted" & <tag> 😀`).join('\r\n');
  const patches: (AccountPatch & { name: string; territoryId: string })[] = [
    {
      name: '华东机械制造有限公司',
      nameEn: 'Huadong Machinery Co., Ltd.',
      territoryId: east,
      ownerId: book.reps.wang,
      industry: '制造业',
      city: '上海',
      size: '大型',
      nature: '国有',
      sales: 123456789,
      salesLastYear: 100000000,
      profit: -1234567,
      receivable: -50,
      grade: 'A',
      relationshipStage: 'trusted',
      relationshipType: 'partner',
      communicationStyle: 'owl',
      valueType: 'strategic',
      loyaltyType: 'superValue',
      productsInUse: 'PLC, 伺服, "drives"',
      lastVisit: '2026-03-05',
      nextVisit: '2026-12-31',
      notes: longNote,
    },
    {
      name: 'Client "B", Ltd. 😀',
      territoryId: north,
      ownerId: book.reps.zhang,
      sales: 1,
      salesLastYear: 0,
      profit: 99,
      grade: 'D',
      notes: '=1+2',
      city: '+x',
      industry: '-y',
      size: '@z',
      nature: '\tabc',
    },
    { name: '  spaced? no: trimmed  ', territoryId: east, sales: 0, lastVisit: '1999-12-31', productsInUse: '_x0041_ literal' },
  ];
  const out: Account[] = [];
  for (const p of patches) out.push(await book.call<Account>('accounts:create', p));
  return out;
}
