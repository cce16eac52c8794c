import type { Db } from '../../../platform/db/connection';
import type { IsoDate } from '../../../shared/dates';
import type { OppEvent, OppHistory, OppStatus } from '../domain';
import { stmt } from './sql';

// Loading opportunity histories for the review and the funnel, cut at the start of the
// period (see `sinceDate`): each live opportunity's state as of `since`, then its later
// events. The opportunities row is the state after the last event (the service writes
// both), so an opportunity unchanged since `since` needs no event read at all; one that
// changed needs its events after `since` and the one event before them. Opportunities
// already closed at `since` and unchanged after it are left out: no period starting at
// `since` counts them (not open, not moving, not won in it).

export interface HistoryScope {
  territoryId?: string | undefined;
  ownerId?: string | undefined;
}

type EventTuple = [
  opportunityId: string,
  seq: number,
  date: string,
  stageId: string,
  status: OppStatus,
  amount: number,
  expectedClose: string,
  probabilityBp: number | null,
  ownerId: string,
  stageSince: string,
  prevStageId: string | null,
  prevStatus: OppStatus | null,
  prevAmount: number | null,
  prevClose: string | null,
  prevProbabilityBp: number | null,
  prevOwnerId: string | null,
  prevStageSince: string | null,
];
const EVENT_COLUMNS = `opportunity_id, seq, date, stage_id, status, amount_fen, expected_close, probability_bp, owner_id, stage_since,
  prev_stage_id, prev_status, prev_amount_fen, prev_expected_close, prev_probability_bp, prev_owner_id, prev_stage_since`;

const toEvent = (t: EventTuple): OppEvent => ({
  date: t[2],
  stageId: t[3],
  status: t[4],
  amount: t[5],
  expectedClose: t[6],
  probabilityBp: t[7],
  ownerId: t[8],
  stageSince: t[9],
});

/** The state before an event (its prev_* columns), dated `date`; null for a first event. */
const priorOf = (t: EventTuple, date: IsoDate): OppEvent | null =>
  t[11] === null
    ? null
    : {
        date,
        stageId: t[10]!,
        status: t[11],
        amount: t[12]!,
        expectedClose: t[13]!,
        probabilityBp: t[14],
        ownerId: t[15]!,
        stageSince: t[16]!,
      };

export function loadHistories(db: Db, since: IsoDate, scope: HistoryScope = {}): OppHistory[] {
  const later = new Map<string, EventTuple[]>();
  for (const t of db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM opportunity_events WHERE date > ?`)
    .raw()
    .iterate(since) as IterableIterator<EventTuple>) {
    const list = later.get(t[0]);
    if (list) list.push(t);
    else later.set(t[0], [t]);
  }

  // Open ones through the covering index opportunities_state; closed ones only when they
  // changed after `since` (looked up by id).
  const scopeSql = `${scope.territoryId ? ' AND o.territory_id = @territory' : ''}${scope.ownerId ? ' AND o.owner_id = @owner' : ''}`;
  const params = { ...(scope.territoryId ? { territory: scope.territoryId } : {}), ...(scope.ownerId ? { owner: scope.ownerId } : {}) };
  const cols =
    'o.id, o.account_id, o.territory_id, o.stage_id, o.status, o.amount_fen, o.expected_close, o.probability_bp, o.owner_id, o.stage_since';
  type OppTuple = [string, string, string, string, OppStatus, number, string, number | null, string, string];
  const open = db
    .prepare(`SELECT ${cols} FROM opportunities o WHERE o.deleted_at IS NULL AND o.status = 'open'${scopeSql}`)
    .raw()
    .iterate(params) as IterableIterator<OppTuple>;
  const closed = db
    .prepare(
      `SELECT ${cols} FROM json_each(@ids) j JOIN opportunities o ON o.id = j.value WHERE o.deleted_at IS NULL AND o.status <> 'open'${scopeSql}`,
    )
    .raw()
    .iterate({ ...params, ids: JSON.stringify([...later.keys()]) }) as IterableIterator<OppTuple>;

  const out: OppHistory[] = [];
  const add = ([id, accountId, territoryId, stageId, status, amount, expectedClose, probabilityBp, ownerId, stageSince]: OppTuple) => {
    const changes = later.get(id);
    let events: OppEvent[];
    if (!changes) {
      // Unchanged since `since`: its current state is its state as of `since`.
      events = [{ date: since, stageId, status, amount, expectedClose, probabilityBp, ownerId, stageSince }];
    } else {
      changes.sort((a, b) => a[1] - b[1]);
      // Its state as of `since` is the state before its first later event.
      const prior = priorOf(changes[0]!, since);
      events = changes.map(toEvent);
      if (prior) events.unshift(prior);
    }
    out.push({ id, accountId, territoryId, events });
  };
  for (const t of open) add(t);
  for (const t of closed) add(t);
  return out;
}

type EventRow = {
  date: string;
  kind: string;
  stage_id: string;
  status: OppStatus;
  amount_fen: number;
  expected_close: string;
  probability_bp: number | null;
  owner_id: string;
  stage_since: string;
};

/** One opportunity's events in order (for its detail and for commitments). */
export function eventsOf(db: Db, opportunityId: string): (OppEvent & { kind: string })[] {
  const rows = stmt(
    db,
    'SELECT date, kind, stage_id, status, amount_fen, expected_close, probability_bp, owner_id, stage_since FROM opportunity_events WHERE opportunity_id = ? ORDER BY date, seq',
  ).all(opportunityId) as EventRow[];
  return rows.map((r) => ({
    date: r.date,
    kind: r.kind,
    stageId: r.stage_id,
    status: r.status,
    amount: r.amount_fen,
    expectedClose: r.expected_close,
    probabilityBp: r.probability_bp,
    ownerId: r.owner_id,
    stageSince: r.stage_since,
  }));
}
