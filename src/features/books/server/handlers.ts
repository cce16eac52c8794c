import path from 'node:path';
import type { Handlers } from '../../../platform/registry';
import type { ServerContext, Shelf } from '../../../platform/context';
import { readBookIdentity, writeBookIdentity } from '../../../platform/bookIdentity';
import { AppError } from '../../../shared/errors';
import type { booksContract } from '../contract';

type C = typeof booksContract;

function shelfOf(ctx: ServerContext): Shelf {
  if (!ctx.shelf) throw new AppError('forbidden', 'Books are switched in the app; here the book is the one given with --db.');
  return ctx.shelf;
}

const ok = { ok: true as const };

// Each: is there at least one live row? (EXISTS stops at the first, whatever the size.)
const TABLES = {
  territories: 'territories',
  reps: 'reps',
  accounts: 'accounts',
  opportunities: 'opportunities',
  negotiations: 'negotiation_worksheets',
  trainingSessions: 'training_sessions',
  invoices: 'rcv_invoices',
  payments: 'rcv_payments',
} as const;

export const booksHandlers: Handlers<C> = {
  'books:contents': (_in, ctx) => {
    const has = (table: string) => ctx.db.prepare(`SELECT EXISTS (SELECT 1 FROM ${table} WHERE deleted_at IS NULL)`).pluck().get() === 1;
    return Object.fromEntries(Object.entries(TABLES).map(([k, table]) => [k, has(table)])) as Record<keyof typeof TABLES, boolean>;
  },
  'books:state': (_in, ctx) => {
    const shelf = ctx.shelf;
    const open = shelf ? shelf.isOpen() : true;
    const identity = open ? readBookIdentity(ctx.db) : { companyName: '', demo: false };
    return {
      open,
      fileName: open ? path.basename(ctx.dbPath) : '',
      ...identity,
      books: shelf ? shelf.list() : [],
      canSwitch: !!shelf,
      canPickFile: !!shelf && ctx.platform === 'electron',
    };
  },
  'books:openDemo': async (_in, ctx) => {
    await shelfOf(ctx).openDemo();
    return ok;
  },
  'books:create': async (input, ctx) => {
    await shelfOf(ctx).createBook(input);
    return ok;
  },
  'books:rename': ({ companyName }, ctx) => {
    writeBookIdentity(ctx.db, ctx.clock, { ...readBookIdentity(ctx.db), companyName });
    ctx.shelf?.identityChanged();
    return ok;
  },
  'books:open': async (input, ctx) => {
    const shelf = shelfOf(ctx);
    if ('id' in input) await shelf.openById(input.id);
    else await shelf.openPath(ctx.files.resolve(input.token, 'read').path);
    return ok;
  },
};
