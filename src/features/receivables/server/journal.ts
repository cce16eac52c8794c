import os from 'node:os';
import type { Db } from '../../../platform/db/connection';
import { insertRow, softDeleteMany, type ChangeWriter } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { IsoDate } from '../../../shared/dates';
import { bookingProblem, provisionJournal } from '../domain';
import type { Booking, Journal } from '../contract';
import { agingOnBasis } from './aging';
import { readPolicies } from './policy';
import { accountNames } from './repo';

// The provision as booked (rcv_provision_bookings and their lines, migration 0008) and the
// journal that follows it. A booking records, for a date, the provision required then for
// each customer and bucket, who booked it and when; the journal of a period opens on the last
// booking on or before its start and closes on the booking at its end (or, not booked yet,
// on the requirement then). A change dated before a booking but entered after it shows as a
// prior-period adjustment in the next period, never as a silent rewrite of a booked figure.

interface RequirementLine {
  accountId: string;
  bucket: string;
  amount: number;
}

/** The provision required at a date, per customer and bucket, with the rates in force and the book's basis. */
export function requirementLines(db: Db, asOf: IsoDate): RequirementLine[] {
  const p = readPolicies(db, asOf);
  const { customers } = agingOnBasis(db, asOf, p.buckets, p.basis);
  const out: RequirementLine[] = [];
  for (const c of customers) {
    c.provisionByBucket.forEach((amount, i) => {
      if (amount !== 0) out.push({ accountId: c.accountId, bucket: p.buckets[i]!.label, amount });
    });
  }
  return out;
}

function byCustomer(lines: Iterable<{ accountId: string; amount: number }>): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.accountId, (m.get(l.accountId) ?? 0) + l.amount);
  return m;
}

const BOOKING_SELECT = `SELECT b.id, b.booked_to AS bookedTo, b.booked_by AS bookedBy, b.booked_at AS bookedAt, b.total_fen AS total,
  (SELECT count(DISTINCT l.account_id) FROM rcv_provision_booking_lines l WHERE l.booking_id = b.id AND l.kind = 'closing' AND l.deleted_at IS NULL) AS customers
  FROM rcv_provision_bookings b WHERE b.deleted_at IS NULL`;

/** Every live booking, latest first. */
export function listBookings(db: Db): Booking[] {
  return db.prepare(`${BOOKING_SELECT} ORDER BY b.booked_to DESC`).all() as Booking[];
}

function bookingWhere(db: Db, where: string, date: IsoDate): Booking | null {
  return (db.prepare(`${BOOKING_SELECT} AND ${where} ORDER BY b.booked_to DESC LIMIT 1`).get(date) as Booking | undefined) ?? null;
}
const bookingOnOrBefore = (db: Db, date: IsoDate) => bookingWhere(db, 'b.booked_to <= ?', date);
const bookingBefore = (db: Db, date: IsoDate) => bookingWhere(db, 'b.booked_to < ?', date);
const bookingAt = (db: Db, date: IsoDate) => bookingWhere(db, 'b.booked_to = ?', date);

function latestBooking(db: Db): Booking | null {
  return (db.prepare(`${BOOKING_SELECT} ORDER BY b.booked_to DESC LIMIT 1`).get() as Booking | undefined) ?? null;
}

function bookedByCustomer(db: Db, bookingId: string, kind: 'closing' | 'restated'): Map<string, number> {
  const rows = db
    .prepare(
      'SELECT account_id AS accountId, amount_fen AS amount FROM rcv_provision_booking_lines WHERE booking_id = ? AND kind = ? AND deleted_at IS NULL',
    )
    .all(bookingId, kind) as { accountId: string; amount: number }[];
  return byCustomer(rows);
}

/** The OS user's name: who books when no name is given. */
function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Books the provision required at `to`: one line per customer and bucket, and, when there
 * is an earlier booking, the requirement at its date as the book gives it now (the restated
 * opening), so the period's prior-period adjustment is kept as booked. Dated after the latest
 * booking and not after today; written through the change log in one transaction.
 */
export function postBooking(w: ChangeWriter, to: IsoDate, by: string | undefined): Booking {
  const id = w.db.transaction(() => {
    const latest = latestBooking(w.db);
    const problem = bookingProblem(to, latest?.bookedTo ?? null, w.clock.today());
    if (problem) throw new AppError('conflict', problem, { field: 'to' });
    const closing = requirementLines(w.db, to);
    const restated = latest ? requirementLines(w.db, latest.bookedTo) : [];
    const territory = w.db.prepare('SELECT territory_id FROM accounts WHERE id = ?').pluck();
    const total = closing.reduce((s, l) => s + l.amount, 0);
    const bookingId = insertRow(w, 'rcv_provision_bookings', {
      booked_to: to,
      booked_by: by ?? osUserName(),
      booked_at: w.clock.now(),
      total_fen: total,
    });
    for (const [kind, lines] of [
      ['closing', closing],
      ['restated', restated],
    ] as const) {
      for (const l of lines) {
        insertRow(w, 'rcv_provision_booking_lines', {
          booking_id: bookingId,
          account_id: l.accountId,
          territory_id: territory.get(l.accountId),
          kind,
          bucket: l.bucket,
          amount_fen: l.amount,
        });
      }
    }
    return bookingId;
  })();
  return listBookings(w.db).find((b) => b.id === id)!;
}

/** Undoes the latest booking and its lines (soft delete, logged); an earlier booking stays once a later one exists. */
export function undoBooking(w: ChangeWriter, id: string): void {
  w.db.transaction(() => {
    const latest = latestBooking(w.db);
    if (!latest || latest.id !== id) {
      const gone = !listBookings(w.db).some((b) => b.id === id);
      throw new AppError(
        gone ? 'not-found' : 'conflict',
        gone
          ? 'This booking no longer exists (it may have been undone).'
          : `Only the latest booking can be undone: the provision is booked to ${latest!.bookedTo} after this one.`,
      );
    }
    const lines = w.db
      .prepare('SELECT id FROM rcv_provision_booking_lines WHERE booking_id = ? AND deleted_at IS NULL')
      .pluck()
      .all(id) as string[];
    softDeleteMany(w, 'rcv_provision_booking_lines', lines);
    softDeleteMany(w, 'rcv_provision_bookings', [id]);
  })();
}

/**
 * The journal from `from` to `to`. Opening: the last booking on or before `from` (0 if none).
 * Closing: the booking at `to` if there is one, else the requirement at `to`. Restated
 * opening: for a booked period that follows its opening booking directly, the figure kept
 * with the closing booking; otherwise the requirement at the opening date recomputed now.
 */
export function journalReport(db: Db, from: IsoDate, to: IsoDate): Journal {
  if (from >= to) throw new AppError('validation', 'The previous as-of date must be before the current one.', { field: 'from' });
  const openingBooking = bookingOnOrBefore(db, from);
  const closingBooking = bookingAt(db, to);
  const opening = openingBooking ? bookedByCustomer(db, openingBooking.id, 'closing') : new Map<string, number>();
  const closing = closingBooking ? bookedByCustomer(db, closingBooking.id, 'closing') : byCustomer(requirementLines(db, to));
  const keptWithClosing = closingBooking !== null && bookingBefore(db, to)?.id === openingBooking?.id;
  const restated = keptWithClosing
    ? bookedByCustomer(db, closingBooking.id, 'restated')
    : openingBooking
      ? byCustomer(requirementLines(db, openingBooking.bookedTo))
      : new Map<string, number>();
  const { movements, lines } = provisionJournal(opening, restated, closing);
  const names = accountNames(db);
  const byName = <T extends { accountId: string }>(xs: T[]) =>
    xs.map((x) => ({ ...x, customer: names.get(x.accountId) ?? '' })).sort((a, b) => a.customer.localeCompare(b.customer, 'zh-CN'));
  const sum = (k: 'opening' | 'adjustment' | 'movement' | 'closing' | 'change') => movements.reduce((s, m) => s + m[k], 0);
  return {
    from,
    to,
    basis: readPolicies(db, to).basis,
    openingBooking,
    closingBooking,
    movements: byName(movements),
    lines: byName(lines),
    totals: {
      opening: sum('opening'),
      adjustment: sum('adjustment'),
      movement: sum('movement'),
      closing: sum('closing'),
      change: sum('change'),
    },
  };
}
