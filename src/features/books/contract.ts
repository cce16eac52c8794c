import * as z from 'zod';
import { channel, zEmpty, zFileToken, zLang, zOk } from '../../shared/contract/define';
import { isTimeZone } from '../../shared/bookTime';

// Books: which database file is open, the first-start choice (the demo company in its own
// file, or a new empty book for the user's team), recent books and switching between them.

const zShelfBook = z.object({
  /** Opaque: the renderer never names a path. */
  id: z.string(),
  fileName: z.string(),
  companyName: z.string(),
  demo: z.boolean(),
  current: z.boolean(),
});
export type ShelfBookView = z.infer<typeof zShelfBook>;

export const zBookState = z.object({
  /** False on the first start: nothing is open until the user chooses. */
  open: z.boolean(),
  fileName: z.string(),
  companyName: z.string(),
  demo: z.boolean(),
  /** Recent books first, then the other books in the data folder. */
  books: z.array(zShelfBook),
  /** Whether this front door can switch books at all (the CLI and a bare test context cannot). */
  canSwitch: z.boolean(),
  /** Whether "Open a book…" may ask the platform for any file (Electron's dialog). */
  canPickFile: z.boolean(),
});
export type BookState = z.infer<typeof zBookState>;

const zCompanyName = z.string().trim().min(1, 'the company name is required').max(100);

export const zNewBook = z
  .object({
    companyName: zCompanyName,
    timeZone: z.string().refine(isTimeZone, { message: 'not a time zone this app knows (e.g. Asia/Shanghai)' }),
    locale: zLang,
  })
  .strict();
export type NewBook = z.infer<typeof zNewBook>;

/** What the open book holds yet: each empty screen says what to do first from this. */
export const zBookContents = z.object({
  territories: z.boolean(),
  reps: z.boolean(),
  accounts: z.boolean(),
  opportunities: z.boolean(),
  negotiations: z.boolean(),
  trainingSessions: z.boolean(),
  invoices: z.boolean(),
  payments: z.boolean(),
});
export type BookContents = z.infer<typeof zBookContents>;

export const booksContract = {
  'books:contents': channel(zEmpty, zBookContents),
  'books:state': channel(zEmpty, zBookState),
  /** Opens the demo company (its own file, made the first time). */
  'books:openDemo': channel(zEmpty, zOk),
  /** Makes a new, empty book for the user's team and opens it. */
  'books:create': channel(zNewBook, zOk),
  /** Renames the open book's company (Settings); the demo stays marked as the demo. */
  'books:rename': channel(z.object({ companyName: zCompanyName }).strict(), zOk),
  /** Opens a listed book (by id) or a file the platform's dialog gave (by token). */
  'books:open': channel(
    z.union([z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), z.object({ token: zFileToken }).strict()]),
    zOk,
  ),
} as const;
