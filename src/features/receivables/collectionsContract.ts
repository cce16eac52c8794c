import * as z from 'zod';
import { zId, zIsoDate, zOptText, zPositiveFen } from '../../shared/contract/define';

// Collections: the ladder's rungs, the actions logged against an overdue invoice, the work
// list built from them and the overdue notice (re-exported by ./contract with the channels).

export const zRung = z.enum(['reminder', 'notice', 'finance', 'sales', 'lawyer']);
export const zActionKind = z.enum(['reminder', 'notice', 'finance', 'sales', 'lawyer', 'note']);

export const zAction = z.object({
  id: z.string(),
  date: z.string(),
  kind: zActionKind,
  who: z.string().nullable(),
  note: z.string().nullable(),
  promiseDate: z.string().nullable(),
  promiseAmount: z.number().nullable(),
  dispute: z.boolean(),
  nextActionDate: z.string().nullable(),
  source: z.string(),
});
export type ActionRow = z.infer<typeof zAction>;

export const zCollectionItem = z.object({
  invoiceId: z.string(),
  invoiceNo: z.string(),
  accountId: z.string(),
  customer: z.string(),
  dueDate: z.string(),
  outstanding: z.number(),
  daysOverdue: z.number(),
  suggested: zRung.nullable(),
  reached: zRung.nullable(),
  lastDate: z.string().nullable(),
  lastKind: zActionKind.nullable(),
  promiseDate: z.string().nullable(),
  promiseAmount: z.number().nullable(),
  dispute: z.boolean(),
  nextActionDue: z.string().nullable(),
  dueNow: z.boolean(),
  why: z.enum(['scheduled', 'escalate', 'promiseBroken', 'promisePending', 'disputed']).nullable(),
});
export type CollectionItem = z.infer<typeof zCollectionItem>;

export const zActionInput = z
  .object({
    invoiceId: zId,
    date: zIsoDate,
    kind: zActionKind,
    who: zOptText(100),
    note: zOptText(2000),
    promiseDate: zIsoDate.nullable().optional(),
    promiseAmount: zPositiveFen.nullable().optional(),
    dispute: z.boolean().default(false),
    nextActionDate: zIsoDate.nullable().optional(),
  })
  .strict();

export const zNotice = z.object({
  noticeNo: z.string(),
  asOf: z.string(),
  customer: z.object({ name: z.string(), nameEn: z.string().nullable(), city: z.string().nullable() }),
  lines: z.array(
    z.object({
      invoiceNo: z.string(),
      contractNo: z.string().nullable(),
      invoiceDate: z.string(),
      dueDate: z.string(),
      outstanding: z.number(),
      daysOverdue: z.number(),
    }),
  ),
  total: z.number(),
  payBy: z.string(),
});
export type Notice = z.infer<typeof zNotice>;
