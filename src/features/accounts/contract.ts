import * as z from 'zod';
import { channel, zFen, zFileToken, zId, zImportError, zIsoDate, zJobId, zLang, zOk, type ImportError } from '../../shared/contract/define';
import { vocabKeys } from '../../shared/vocab';
import { zAccountView } from './view';
import { ACCOUNT_TEXT_MAX as MAX } from './domain';
import { zCreated, zCreateMissing } from '../org/contract';

const zGrade = z.enum(vocabKeys('grade'));
const opt = <T extends z.ZodType>(t: T) => t.nullable().optional();

/** An account as the grid shows it: money in fen, territory/owner by id. */
export const zAccount = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  territoryId: z.string(),
  ownerId: z.string().nullable(),
  industry: z.string().nullable(),
  city: z.string().nullable(),
  size: z.string().nullable(),
  nature: z.string().nullable(),
  sales: z.number(),
  salesLastYear: z.number(),
  profit: z.number(),
  receivable: z.number(),
  grade: z.string().nullable(),
  gradeSource: z.string().nullable(),
  relationshipStage: z.string().nullable(),
  relationshipType: z.string().nullable(),
  communicationStyle: z.string().nullable(),
  valueType: z.string().nullable(),
  loyaltyType: z.string().nullable(),
  productsInUse: z.string().nullable(),
  lastVisit: z.string().nullable(),
  nextVisit: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof zAccount>;

/** Editable fields; every one optional in a patch. Strict: unknown fields are refused. */
export const zAccountPatch = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(MAX.name),
    nameEn: opt(z.string().max(MAX.nameEn)),
    territoryId: zId,
    ownerId: opt(zId),
    industry: opt(z.string().max(MAX.industry)),
    city: opt(z.string().max(MAX.city)),
    size: opt(z.string().max(MAX.size)),
    nature: opt(z.string().max(MAX.nature)),
    sales: zFen.min(0, 'sales cannot be negative'),
    salesLastYear: zFen.min(0, 'sales cannot be negative'),
    profit: zFen,
    receivable: zFen,
    grade: opt(zGrade),
    relationshipStage: opt(z.enum(vocabKeys('relationshipStage'))),
    relationshipType: opt(z.enum(vocabKeys('relationshipType'))),
    communicationStyle: opt(z.enum(vocabKeys('communicationStyle'))),
    valueType: opt(z.enum(vocabKeys('valueType'))),
    loyaltyType: opt(z.enum(vocabKeys('loyaltyType'))),
    productsInUse: opt(z.string().max(MAX.productsInUse)),
    lastVisit: opt(zIsoDate),
    nextVisit: opt(zIsoDate),
    notes: opt(z.string().max(MAX.notes)),
  })
  .partial()
  .strict();
export type AccountPatch = z.infer<typeof zAccountPatch>;

export const zContact = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  department: z.string().nullable(),
  level: z.string().nullable(),
  buyingRole: z.string().nullable(),
  persona: z.string().nullable(),
  coachLevel: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
});
export type Contact = z.infer<typeof zContact>;

export const zContactInput = z
  .object({
    id: zId.optional(),
    accountId: zId,
    name: z.string().trim().min(1).max(100),
    title: opt(z.string().max(100)),
    phone: opt(z.string().max(50)),
    email: opt(z.string().max(200)),
    department: opt(z.enum(vocabKeys('department'))),
    level: opt(z.enum(vocabKeys('level'))),
    buyingRole: opt(z.enum(vocabKeys('buyingRole'))),
    persona: opt(z.enum(vocabKeys('persona'))),
    coachLevel: opt(z.enum(vocabKeys('coachLevel'))),
    notes: opt(z.string().max(5000)),
  })
  .strict();

export const zCompetitor = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  history: z.string().nullable(),
  rep: z.string().nullable(),
  style: z.string().nullable(),
  ourStrengths: z.string().nullable(),
  ourWeaknesses: z.string().nullable(),
  version: z.number(),
});
export type Competitor = z.infer<typeof zCompetitor>;

export const zCompetitorInput = z
  .object({
    id: zId.optional(),
    accountId: zId,
    name: z.string().trim().min(1).max(200),
    history: opt(z.string().max(5000)),
    rep: opt(z.string().max(200)),
    style: opt(z.string().max(500)),
    ourStrengths: opt(z.string().max(5000)),
    ourWeaknesses: opt(z.string().max(5000)),
  })
  .strict();

export const zLookups = z.object({
  territories: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() })),
  /** The reps (people who work a territory), deactivated ones too: their names stay on what they owned. */
  reps: z.array(z.object({ id: z.string(), territoryId: z.string(), nameZh: z.string(), nameEn: z.string(), active: z.boolean() })),
});
export type Lookups = z.infer<typeof zLookups>;

/** The account picker's answer: a page of matches, and whether more match than it shows. */
export const zPickedAccounts = z.object({
  accounts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      territoryId: z.string(),
      ownerId: z.string().nullable(),
      city: z.string().nullable(),
    }),
  ),
  more: z.boolean(),
});
export type PickedAccounts = z.infer<typeof zPickedAccounts>;

// Shared by every feature's import; re-exported here for the accounts UI.
export { zImportError, type ImportError };

const zMapping = z.record(z.string().max(200), z.string().max(50)).refine((m) => Object.keys(m).length <= 200, 'too many mappings');

export const zImportPreview = z.object({
  fileName: z.string(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  unknownHeaders: z.array(z.string()),
  rows: z.number(),
  newRows: z.number(),
  updateRows: z.number(),
  errors: z.array(zImportError),
  errorCount: z.number(),
  /** Territories and reps the file names that the book lacks (created with createMissing). */
  missing: z.array(zCreated),
});
export type ImportPreview = z.infer<typeof zImportPreview>;

export const zScope = z.object({ territoryId: zId.optional(), ownerId: zId.optional() }).strict();

export const accountsContract = {
  'accounts:lookups': channel(z.object({}).strict(), zLookups),
  // The whole (scoped) list in name order, for scripts and checks; the grid pages through accounts:page.
  'accounts:list': channel(zScope, z.array(zAccount)),
  // A picker's search as the user types: a page of accounts whose names match, never the whole book;
  // or, given ids, the accounts a form already holds, for their names.
  'accounts:pick': channel(
    z
      .object({
        search: z.string().max(200).default(''),
        territoryId: zId.optional(),
        limit: z.number().int().min(1).max(50).default(20),
        /** Instead of a search: these accounts (deleted ones too), to name what a form already holds. */
        ids: z.array(zId).min(1).max(50).optional(),
      })
      .strict(),
    zPickedAccounts,
  ),
  // The grid's pages: rows of the view from `offset`; `count` asks for the view's size too.
  'accounts:page': channel(
    z
      .object({
        view: zAccountView,
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(1_000),
        count: z.boolean().default(false),
      })
      .strict(),
    z.object({ rows: z.array(zAccount), total: z.number().int().nullable() }),
  ),
  /** Every id in the view, in order: select-all takes the rows the view holds, loaded or not. */
  'accounts:ids': channel(z.object({ view: zAccountView }).strict(), z.array(z.string())),
  'accounts:get': channel(
    z.object({ id: zId }).strict(),
    z.object({ account: zAccount, contacts: z.array(zContact), competitors: z.array(zCompetitor) }),
  ),
  'accounts:create': channel(zAccountPatch.required({ name: true, territoryId: true }), zAccount),
  'accounts:update': channel(z.object({ id: zId, version: z.number().int().optional(), patch: zAccountPatch }).strict(), zAccount),
  'accounts:delete': channel(z.object({ ids: z.array(zId).min(1).max(200_000) }).strict(), z.object({ deleted: z.number() })),
  'accounts:undelete': channel(z.object({ ids: z.array(zId).min(1).max(200_000) }).strict(), z.object({ restored: z.number() })),
  'accounts:history': channel(
    z.object({ id: zId }).strict(),
    z.array(z.object({ at: z.string(), op: z.string(), field: z.string(), before: z.unknown(), after: z.unknown() })),
  ),
  'accounts:importPreview': channel(
    z.object({ file: zFileToken, mapping: zMapping.optional(), createMissing: zCreateMissing, jobId: zJobId }).strict(),
    zImportPreview,
    { long: true },
  ),
  'accounts:import': channel(
    z.object({ file: zFileToken, mapping: zMapping.optional(), createMissing: zCreateMissing, jobId: zJobId }).strict(),
    /** unchanged: rows that matched an account and changed nothing; created: territories and reps createMissing added. */
    z.object({ batchId: z.string(), inserted: z.number(), updated: z.number(), unchanged: z.number(), created: z.array(zCreated) }),
    { long: true },
  ),
  'accounts:importBatches': channel(
    z.object({}).strict(),
    z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        inserted: z.number(),
        updated: z.number(),
        createdAt: z.string(),
        undoneAt: z.string().nullable(),
      }),
    ),
  ),
  'accounts:undoImport': channel(
    z.object({ batchId: zId }).strict(),
    z.object({ removed: z.number(), reverted: z.number(), skipped: z.number() }),
  ),
  'accounts:saveImportErrors': channel(z.object({ file: zFileToken, errors: z.array(zImportError).max(1_000_000) }).strict(), zOk),
  'accounts:export': channel(
    z
      .object({
        file: zFileToken,
        lang: zLang.default('en'),
        /** The grid's current view (its rows in its order), or given rows in order; else every account. */
        view: zAccountView.optional(),
        ids: z.array(zId).max(2_000_000).optional(),
        /** The visible field keys, in order. */
        columns: z.array(z.string().max(50)).max(100).optional(),
        jobId: zJobId,
      })
      .strict(),
    z.object({ rows: z.number() }),
    { long: true },
  ),
  'accounts:template': channel(z.object({ file: zFileToken, lang: zLang.default('en') }).strict(), zOk),
  'contacts:save': channel(zContactInput, zContact),
  'contacts:delete': channel(z.object({ id: zId }).strict(), zOk),
  'competitors:save': channel(zCompetitorInput, zCompetitor),
  'competitors:delete': channel(z.object({ id: zId }).strict(), zOk),
} as const;
