import type { ConflictKind, FieldChanges, Op, RowData } from './protocol';

// The team server's merge rules (issue 21), pure: given the row as the server has it and the
// changes other people made to it since the pusher last pulled, what one pushed change does.
// Server order decides: a later change to a field wins; the loser keeps a conflict to act on.

export interface ServerRow {
  data: RowData;
  deletedAt: string | null;
}

/** A change another person made to the row after the pusher's basePosition. */
export interface LaterChange {
  personId: string;
  position: number;
  op: Op;
  fields: string[];
}

export interface IncomingChange {
  personId: string;
  op: Op;
  changes: FieldChanges;
  at: string;
}

export interface NewConflict {
  personId: string;
  field: string | null;
  kind: ConflictKind;
  mine: unknown;
  theirs: unknown;
}

export type MergeDecision =
  | { outcome: 'rejected'; reason: string }
  /** Not applied (an edit of a deleted row): recorded with nothing applied, listed for the pusher. */
  | { outcome: 'conflict'; conflicts: NewConflict[] }
  | { outcome: 'applied'; applied: FieldChanges; next: ServerRow; conflicts: NewConflict[] };

/** Columns the server keeps itself: a change never sets them. */
const META = new Set(['id', 'key', 'created_at', 'updated_at', 'version']);

export function mergeChange(
  incoming: IncomingChange,
  row: ServerRow | null,
  later: LaterChange[],
  opts: { appendOnly: boolean; idColumn: string; rowId: string },
): MergeDecision {
  const { op } = incoming;
  if (opts.appendOnly && (op === 'update' || op === 'restore')) return { outcome: 'rejected', reason: 'append-only' };
  const fields = Object.entries(incoming.changes).filter(([col]) => !META.has(col));

  if (op === 'insert') {
    if (row) return { outcome: 'rejected', reason: 'exists' };
    const data: RowData = { [opts.idColumn]: opts.rowId };
    const applied: FieldChanges = {};
    for (const [col, [, after]] of fields) {
      data[col] = after;
      applied[col] = [null, after];
    }
    Object.assign(data, { created_at: incoming.at, updated_at: incoming.at, version: 1 });
    const deletedAt = typeof data.deleted_at === 'string' ? data.deleted_at : null;
    return { outcome: 'applied', applied, next: { data, deletedAt }, conflicts: [] };
  }

  if (!row) return { outcome: 'rejected', reason: 'not-found' };
  const others = later.filter((c) => c.personId !== incoming.personId);

  if (op === 'update') {
    if (row.deletedAt !== null) {
      const conflicts = fields.map(([col, [, after]]) => ({
        personId: incoming.personId,
        field: col,
        kind: 'edit-on-deleted' as const,
        mine: after,
        theirs: null,
      }));
      return { outcome: 'conflict', conflicts };
    }
    const applied: FieldChanges = {};
    const conflicts: NewConflict[] = [];
    for (const [col, [, after]] of fields) {
      const current = row.data[col] ?? null;
      if (col === 'deleted_at') continue;
      if (current === after) continue;
      applied[col] = [current, after];
      const overwritten = lastToTouch(others, col);
      if (overwritten && !opts.appendOnly) {
        conflicts.push({ personId: overwritten, field: col, kind: 'same-field', mine: current, theirs: after });
      }
    }
    return { outcome: 'applied', applied, next: bump(row, applied, incoming.at), conflicts };
  }

  if (op === 'delete') {
    if (row.deletedAt !== null) return { outcome: 'applied', applied: {}, next: row, conflicts: [] };
    const at = stringOr(incoming.changes.deleted_at?.[1], incoming.at);
    const applied: FieldChanges = { deleted_at: [null, at] };
    // Whoever edited the row since the pusher last pulled sees that it was deleted under them.
    const editors = new Map<string, string[]>();
    for (const c of others) {
      if (c.op === 'delete') continue;
      editors.set(c.personId, [...(editors.get(c.personId) ?? []), ...c.fields]);
    }
    const conflicts: NewConflict[] = [...editors].map(([personId, cols]) => ({
      personId,
      field: null,
      kind: 'edit-on-deleted' as const,
      mine: Object.fromEntries([...new Set(cols)].filter((c) => !META.has(c)).map((c) => [c, row.data[c] ?? null])),
      theirs: null,
    }));
    return { outcome: 'applied', applied, next: { ...bump(row, applied, incoming.at), deletedAt: at }, conflicts };
  }

  // restore
  if (row.deletedAt === null) return { outcome: 'applied', applied: {}, next: row, conflicts: [] };
  const applied: FieldChanges = { deleted_at: [row.deletedAt, null] };
  return { outcome: 'applied', applied, next: { ...bump(row, applied, incoming.at), deletedAt: null }, conflicts: [] };
}

/** The person of the latest change by someone else to `col`, if any. */
function lastToTouch(others: LaterChange[], col: string): string | null {
  let best: LaterChange | null = null;
  for (const c of others) if (c.fields.includes(col) && (!best || c.position > best.position)) best = c;
  return best?.personId ?? null;
}

function bump(row: ServerRow, applied: FieldChanges, at: string): ServerRow {
  if (Object.keys(applied).length === 0) return row;
  const data: RowData = { ...row.data };
  for (const [col, [, after]] of Object.entries(applied)) data[col] = after;
  data.updated_at = at;
  data.version = (typeof row.data.version === 'number' ? row.data.version : 0) + 1;
  return { data, deletedAt: row.deletedAt };
}

const stringOr = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

/**
 * Money invariant of receivables, as the desktop's planAllocations keeps it: the live
 * allocations to an invoice never exceed its amount, and those of a payment never exceed the
 * payment. Returns why a new allocation breaks it, or null.
 */
export function allocationProblem(a: {
  amount: number;
  invoiceAmount: number | null;
  invoiceAllocated: number;
  paymentAmount: number | null;
  paymentAllocated: number;
}): string | null {
  if (!Number.isInteger(a.amount) || a.amount <= 0) return 'allocation amount must be a positive integer of fen';
  if (a.invoiceAmount === null) return 'invoice not found';
  if (a.paymentAmount === null) return 'payment not found';
  if (a.invoiceAllocated + a.amount > a.invoiceAmount) {
    return `over-allocated: the invoice has ${a.invoiceAmount - a.invoiceAllocated} fen outstanding, the allocation is ${a.amount}`;
  }
  if (a.paymentAllocated + a.amount > a.paymentAmount) {
    return `over-allocated: the payment has ${a.paymentAmount - a.paymentAllocated} fen left, the allocation is ${a.amount}`;
  }
  return null;
}

/** Finance reads accounts everywhere but writes only the receivable figure its payments move. */
export const FINANCE_ACCOUNT_FIELDS: ReadonlySet<string> = new Set(['receivable_fen']);

/**
 * What a row that follows a moved parent changes (`follows` in protocol.ts): its territory, and
 * for an open opportunity its owner, who must work in the territory: the account's owner there,
 * when it has one. A closed deal keeps who won or lost it.
 */
export function followerChanges(table: string, data: RowData, to: string | null, parentOwner: unknown): FieldChanges {
  const out: FieldChanges = {};
  if (data.territory_id !== to) out.territory_id = [data.territory_id ?? null, to];
  if (table === 'opportunities' && data.status === 'open' && typeof parentOwner === 'string' && data.owner_id !== parentOwner) {
    out.owner_id = [data.owner_id ?? null, parentOwner];
  }
  return out;
}
