import * as z from 'zod';

/**
 * One channel of the contract: its name is the key in a feature's contract object
 * ('domain:verb'), its input is one object validated by `input`, its result by `output`.
 * `long` marks work that reports progress and can be cancelled through a job id.
 */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  long?: boolean;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, opts: { long?: boolean } = {}): ChannelSpec<I, O> {
  return { input, output, ...opts };
}

export type ContractShape = Record<string, ChannelSpec>;

/** Merges feature contracts, refusing a channel declared twice. */
export function mergeContracts<T extends ContractShape[]>(...parts: T): UnionToIntersection<T[number]> {
  const out: ContractShape = {};
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part)) {
      if (name in out) throw new Error(`channel declared twice: ${name}`);
      if (!/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/.test(name)) throw new Error(`bad channel name: ${name}`);
      out[name] = spec;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

// Shared schema pieces. Strict objects everywhere: an unknown field is an error, not ignored.
export const zId = z.string().uuid();
export const zIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const zFen = z.number().int().min(-9e15).max(9e15);
export const zNonNegFen = zFen.min(0);
export const zPositiveFen = zFen.min(1, 'the amount must be positive');
export const zText = (max = 500) => z.string().max(max);
/** Text a user may leave out or clear. */
export const zOptText = (max: number) => z.string().max(max).nullable().optional();
export const zJobId = z.string().uuid().optional();
export const zFileToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
export const zLang = z.enum(['zh-CN', 'en']);

export const zEmpty = z.object({}).strict();
export const zOk = z.object({ ok: z.literal(true) }).strict();

/** One rejected cell of an import: the spreadsheet's own row number (header = row 1). */
export const zImportError = z.object({
  /** The sheet, for an import that reads several sheets of one workbook (negotiation, training). */
  sheet: z.string().optional(),
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type ImportError = z.infer<typeof zImportError>;
