import type { Db } from './db/connection';
import type { Clock } from './db/changeLog';
import { readLocalSetting, writeLocalSetting } from './settings';

// Who a book belongs to: the company's name and whether it is the demo company. Kept as
// one setting in the book itself, so a copied or reopened file still says what it is. It is
// this book's own (local_settings): a team's members each have their own book.

export interface BookIdentity {
  companyName: string;
  demo: boolean;
}

const KEY = 'book';

export function readBookIdentity(db: Db): BookIdentity {
  const v = readLocalSetting<Partial<BookIdentity>>(db, KEY, {});
  return { companyName: typeof v.companyName === 'string' ? v.companyName : '', demo: v.demo === true };
}

export function writeBookIdentity(db: Db, clock: Clock, identity: BookIdentity): void {
  writeLocalSetting(db, clock, KEY, identity);
}
