import * as z from 'zod';
import { channel, zFen, zFileToken, zId, zIsoDate, zJobId, zLang, zOk, zOptText, zPositiveFen } from '../../shared/contract/define';
import { zAction, zActionInput, zCollectionItem, zNotice, zRung } from './collectionsContract';
import { zCreated, zCreateMissing } from '../org/contract';

// Receivables: invoices, payments and allocations, contracts with milestones, aging with
// provisions, collections, the provision journal, credit control and the finance workbook.
// Money in fen; rates in basis points; dates 'YYYY-MM-DD'.

export { zActionKind, zRung } from './collectionsContract';
export type { ActionRow, CollectionItem, Notice } from './collectionsContract';

const zBp = z.number().int().min(0).max(10_000);

export const zTrigger = z.enum(['signing', 'delivery', 'acceptance']);
export const zReview = z.enum(['pending', 'ok', 'problem']);
/** Provisions on gross outstanding, or net of a customer's unapplied credit (domain.ts says why gross is the default). */
export const zProvisionBasis = z.enum(['gross', 'netOfCredit']);

export const zRcvSettings = z
  .object({
    bounds: z.array(z.number().int().min(1).max(36_500)).min(1).max(20),
    ratesBp: z.array(zBp).min(3).max(22),
    ladderFromDays: z.array(z.number().int().min(1).max(36_500)).length(5),
    /** Provisions on gross outstanding (default) or net of unapplied credit; left out on save: unchanged. */
    provisionBasis: zProvisionBasis.optional(),
  })
  .strict();
export type RcvSettings = z.infer<typeof zRcvSettings>;

export const zBucket = z.object({
  index: z.number(),
  label: z.string(),
  fromDays: z.number().nullable(),
  toDays: z.number().nullable(),
  rateBp: z.number(),
});
export type BucketInfo = z.infer<typeof zBucket>;

export const zRateVersion = z.object({ effectiveFrom: z.string(), bounds: z.array(z.number()), ratesBp: z.array(z.number()) });
/** '0000-01-01' as effectiveFrom: the rates that apply from the start. */
export const zRcvPolicies = z.object({
  settings: zRcvSettings,
  buckets: z.array(zBucket),
  effectiveFrom: z.string(),
  versions: z.array(zRateVersion),
});

export const zCustomerAging = z.object({
  accountId: z.string(),
  customer: z.string(),
  byBucket: z.array(z.number()),
  total: z.number(),
  provision: z.number(),
  invoices: z.number(),
  maxDaysOverdue: z.number(),
  /** Payments received up to the as-of date not allocated to any invoice. */
  credit: z.number(),
});
export type CustomerAgingRow = z.infer<typeof zCustomerAging>;

export const zAging = z.object({
  asOf: z.string(),
  buckets: z.array(zBucket),
  customers: z.array(zCustomerAging),
  totals: z.object({
    byBucket: z.array(z.number()),
    provisionByBucket: z.array(z.number()),
    total: z.number(),
    provision: z.number(),
    credit: z.number(),
  }),
  /** The provision basis the provisions were taken on. */
  basis: zProvisionBasis,
});
export type Aging = z.infer<typeof zAging>;

export const zAgingLine = z.object({
  invoiceId: z.string(),
  invoiceNo: z.string(),
  accountId: z.string(),
  customer: z.string(),
  contractNo: z.string().nullable(),
  invoiceDate: z.string(),
  dueDate: z.string(),
  amount: z.number(),
  paid: z.number(),
  outstanding: z.number(),
  daysOverdue: z.number(),
  bucket: z.number(),
  rateBp: z.number(),
  provision: z.number(),
  reached: zRung.nullable(),
  suggested: zRung.nullable(),
});
export type AgingLineRow = z.infer<typeof zAgingLine>;

export const zInvoice = z.object({
  id: z.string(),
  invoiceNo: z.string(),
  contractNo: z.string().nullable(),
  accountId: z.string(),
  customer: z.string(),
  invoiceDate: z.string(),
  dueDate: z.string(),
  amount: z.number(),
  paid: z.number(),
  outstanding: z.number(),
  milestone: z.string().nullable(),
  note: z.string().nullable(),
});
export type InvoiceRow = z.infer<typeof zInvoice>;

export const zInvoiceInput = z
  .object({
    invoiceNo: z.string().trim().min(1).max(60),
    accountId: zId,
    contractNo: zOptText(60),
    invoiceDate: zIsoDate,
    dueDate: zIsoDate,
    amount: zPositiveFen,
    note: zOptText(2000),
  })
  .strict();

export const zAllocationInput = z.object({ invoiceId: zId, amount: zPositiveFen }).strict();

export const zPayment = z.object({
  id: z.string(),
  accountId: z.string(),
  customer: z.string(),
  paidOn: z.string(),
  amount: z.number(),
  allocated: z.number(),
  credit: z.number(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  allocations: z.array(z.object({ invoiceId: z.string(), invoiceNo: z.string(), amount: z.number() })),
});
export type PaymentRow = z.infer<typeof zPayment>;

export const zMilestone = z.object({
  id: z.string(),
  seq: z.number(),
  label: z.string(),
  percentBp: z.number(),
  trigger: zTrigger,
  offsetDays: z.number(),
  amount: z.number(),
  invoiceId: z.string().nullable(),
  invoiceNo: z.string().nullable(),
  dueDate: z.string().nullable(),
});

export const zContract = z.object({
  id: z.string(),
  contractNo: z.string(),
  accountId: z.string(),
  customer: z.string(),
  title: z.string().nullable(),
  amount: z.number(),
  signedOn: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  milestones: z.array(zMilestone),
  outstanding: z.number(),
  version: z.number(),
});
export type ContractRow = z.infer<typeof zContract>;

export const zContractInput = z
  .object({
    contractNo: z.string().trim().min(1).max(60),
    accountId: zId,
    title: zOptText(200),
    amount: zPositiveFen,
    milestones: z
      .array(
        z
          .object({
            label: z.string().trim().min(1).max(100),
            percentBp: z.number().int().min(1).max(10_000),
            trigger: zTrigger,
            offsetDays: z.number().int().min(0).max(3650),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    signedOn: zIsoDate.nullable().optional(),
    deliveredOn: zIsoDate.nullable().optional(),
    acceptedOn: zIsoDate.nullable().optional(),
  })
  .strict();
export type ContractInput = z.infer<typeof zContractInput>;

/** A booking: the provision as booked to a date, by whom and when. */
export const zBooking = z.object({
  id: z.string(),
  bookedTo: z.string(),
  bookedBy: z.string(),
  bookedAt: z.string(),
  total: z.number(),
  customers: z.number(),
});
export type Booking = z.infer<typeof zBooking>;

const zJournalFigures = { opening: z.number(), adjustment: z.number(), movement: z.number(), closing: z.number(), change: z.number() };
/**
 * The provision journal for a period: opening = the last booking on or before `from` (0 if
 * none); adjustment = prior-period adjustment (the opening date's requirement recomputed −
 * the booked figure); movement = closing − recomputed opening; closing = the booking at
 * `to` when there is one, else the requirement at `to`; change = what the lines post.
 */
export const zJournal = z.object({
  from: z.string(),
  to: z.string(),
  basis: zProvisionBasis,
  openingBooking: zBooking.nullable(),
  closingBooking: zBooking.nullable(),
  movements: z.array(z.object({ accountId: z.string(), customer: z.string(), ...zJournalFigures })),
  lines: z.array(
    z.object({
      accountId: z.string(),
      customer: z.string(),
      ledger: z.enum(['badDebtExpense', 'allowanceForDoubtfulAccounts']),
      debit: z.number(),
      credit: z.number(),
    }),
  ),
  totals: z.object(zJournalFigures),
});
export type Journal = z.infer<typeof zJournal>;

export const zCreditRow = z.object({
  accountId: z.string(),
  customer: z.string(),
  creditLimit: z.number().nullable(),
  licence: zReview,
  contract: zReview,
  bank: zReview,
  reviewedOn: z.string().nullable(),
  note: z.string().nullable(),
  outstanding: z.number(),
  maxDaysOverdue: z.number(),
  overLimit: z.boolean(),
  over90: z.boolean(),
  reviewIncomplete: z.boolean(),
});
export type CreditRow = z.infer<typeof zCreditRow>;

export const zRcvImportError = z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() });
const zMapping = z.record(z.string().max(200), z.string().max(50)).refine((m) => Object.keys(m).length <= 50, 'too many mappings');
const zImportArgs = z.object({ file: zFileToken, mapping: zMapping.optional(), jobId: zJobId }).strict();
const zAccountFilter = z.object({ accountId: zId.optional() }).strict();

export const receivablesContract = {
  /** The policies in force on `asOf` (default: the book's today) and every dated rate version. */
  'receivables:settings': channel(z.object({ asOf: zIsoDate.optional() }).strict(), zRcvPolicies),
  /** Saves buckets and rates effective from a date (default: the book's today), and the ladder. */
  'receivables:saveSettings': channel(zRcvSettings.extend({ effectiveFrom: zIsoDate.optional() }).strict(), zRcvPolicies),
  'receivables:aging': channel(z.object({ asOf: zIsoDate }).strict(), zAging),
  'receivables:agingDetail': channel(
    z.object({ asOf: zIsoDate, accountId: zId.optional(), bucket: z.number().int().min(0).max(21).optional() }).strict(),
    z.array(zAgingLine),
  ),
  'receivables:invoices': channel(zAccountFilter, z.array(zInvoice)),
  'receivables:createInvoice': channel(zInvoiceInput, zInvoice),
  'receivables:payments': channel(zAccountFilter, z.array(zPayment)),
  'receivables:recordPayment': channel(
    z
      .object({
        accountId: zId,
        paidOn: zIsoDate,
        amount: zPositiveFen,
        reference: zOptText(100),
        note: zOptText(2000),
        allocations: z.array(zAllocationInput).max(500),
      })
      .strict(),
    zPayment,
  ),
  /** Applies a payment's unallocated credit to invoices. */
  'receivables:allocate': channel(z.object({ paymentId: zId, allocations: z.array(zAllocationInput).min(1).max(500) }).strict(), zPayment),
  'receivables:voidPayment': channel(z.object({ paymentId: zId }).strict(), zOk),
  'receivables:contracts': channel(zAccountFilter, z.array(zContract)),
  'receivables:createContract': channel(zContractInput, zContract),
  'receivables:setContractEvent': channel(z.object({ contractId: zId, event: zTrigger, date: zIsoDate.nullable() }).strict(), zContract),
  /** What is due on `today`; optionally only the customers of a territory and/or a rep (the Reports tiles' scope). */
  'receivables:worklist': channel(
    z.object({ today: zIsoDate, dueOnly: z.boolean().default(false), territoryId: zId.optional(), ownerId: zId.optional() }).strict(),
    z.array(zCollectionItem),
  ),
  'receivables:ladder': channel(
    z.object({ invoiceId: zId, today: zIsoDate }).strict(),
    z.object({ item: zCollectionItem, actions: z.array(zAction) }),
  ),
  'receivables:logAction': channel(zActionInput, zAction),
  'receivables:notice': channel(z.object({ accountId: zId, asOf: zIsoDate }).strict(), zNotice),
  'receivables:journal': channel(z.object({ from: zIsoDate, to: zIsoDate }).strict(), zJournal),
  'receivables:exportJournal': channel(
    z.object({ file: zFileToken, from: zIsoDate, to: zIsoDate, jobId: zJobId }).strict(),
    z.object({ rows: z.number() }),
    { long: true },
  ),
  /** Books the provision required at `to` (after the latest booking, not after today); `by` defaults to the OS user name. */
  'receivables:postJournal': channel(z.object({ to: zIsoDate, by: z.string().trim().min(1).max(100).optional() }).strict(), zBooking),
  /** Undoes the latest booking (soft delete); an earlier one cannot be undone once a later one exists. */
  'receivables:undoBooking': channel(z.object({ id: zId }).strict(), zOk),
  /** Every live booking, latest first. */
  'receivables:bookings': channel(z.object({}).strict(), z.array(zBooking)),
  'receivables:credit': channel(z.object({ asOf: zIsoDate }).strict(), z.array(zCreditRow)),
  'receivables:saveCredit': channel(
    z
      .object({
        accountId: zId,
        creditLimit: zFen.min(0).nullable(),
        licence: zReview,
        contract: zReview,
        bank: zReview,
        reviewedOn: zIsoDate.nullable(),
        note: zOptText(2000),
      })
      .strict(),
    zCreditRow,
  ),
  'receivables:exportAging': channel(
    z.object({ file: zFileToken, asOf: zIsoDate, lang: zLang.default('en'), jobId: zJobId }).strict(),
    z.object({ customers: z.number(), invoices: z.number() }),
    { long: true },
  ),
  /** createMissing: a Customer no account has becomes one (in the row's Territory, owned by its Rep), with the territories and reps it needs. */
  'receivables:importInvoices': channel(
    zImportArgs.extend({ createMissing: zCreateMissing }).strict(),
    z.object({ inserted: z.number(), created: z.array(zCreated) }),
    { long: true },
  ),
  'receivables:importPayments': channel(zImportArgs, z.object({ inserted: z.number() }), { long: true }),
  /** Re-imports the collection columns finance annotated in an exported aging workbook's Detail sheet. */
  'receivables:importCollections': channel(zImportArgs, z.object({ rows: z.number(), recorded: z.number() }), { long: true }),
} as const;
