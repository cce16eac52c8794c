import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import seedrandom from 'seedrandom';
import { v7 as uuidv7 } from 'uuid';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { addDays } from '../../src/shared/dates';
import { dateInZone, DEFAULT_TIME_ZONE } from '../../src/shared/bookTime';
import { extraTimings, type BenchCase } from '../harness';
import { makeAccountsBook } from '../data';

// The weekly pipeline review on 50,000 opportunities with 500,000 history events: the
// product path is the real handler (one scan of the events, the pure domain, names and
// commitments attached). The floor is one SQL query giving each opportunity's state at
// both dates through the (opportunity_id, date, seq) index — the reconstruction alone,
// without stays, stalls, bridge or totals.

const OPPS = Number(process.env.SW_BENCH_OPPS ?? 50_000);
const EVENTS = Number(process.env.SW_BENCH_EVENTS ?? 500_000);
export const pipelineSize = `${OPPS.toLocaleString('en-US')} opportunities, ${EVENTS.toLocaleString('en-US')} events`;
export const pipelineBookFile = (dir: string) => path.join(dir, 'pipeline.sqlite');
const file = pipelineBookFile;
const TO = dateInZone(new Date(), DEFAULT_TIME_ZONE);
const FROM = addDays(TO, -7);

/** Opportunities with random walks over the last year, written straight into the tables. */
function fillPipeline(dbFile: string): void {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  const rng = seedrandom('bench-pipeline');
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const id = () => uuidv7({ random: Uint8Array.from({ length: 16 }, () => Math.floor(rng() * 256)) });
  const stages = (
    db.prepare('SELECT s.id FROM stages s JOIN stage_models m ON m.id = s.model_id WHERE m.active = 1 ORDER BY s.position').raw().all() as [
      string,
    ][]
  ).map((r) => r[0]);
  const accounts = db.prepare('SELECT id, territory_id, owner_id FROM accounts').raw().all() as [string, string, string][];
  const at = new Date().toISOString();
  const insOpp = db.prepare(
    `INSERT INTO opportunities (id, territory_id, account_id, owner_id, name, amount_fen, expected_close, stage_id, status, created_on, stage_since, closed_on, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insEv = db.prepare(
    `INSERT INTO opportunity_events (id, opportunity_id, territory_id, seq, date, kind, stage_id, status, amount_fen, expected_close, probability_bp, owner_id, stage_since,
       prev_stage_id, prev_status, prev_amount_fen, prev_expected_close, prev_probability_bp, prev_owner_id, prev_stage_since, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const perOpp = Math.floor(EVENTS / OPPS);
  const allEvents: unknown[][] = [];
  db.transaction(() => {
    let spread = 0;
    for (let i = 0; i < OPPS; i++) {
      const [accountId, territoryId, ownerId] = accounts[i % accounts.length]!;
      const oppId = id();
      // Pairs of opportunities share 2 × perOpp events unevenly; the last takes the remainder.
      if (i % 2 === 0) spread = int(0, perOpp - 1);
      const last = i === OPPS - 1 ? EVENTS - perOpp * (OPPS - 1) : perOpp + (i % 2 === 0 ? spread : -spread);
      // Events spread uniformly between the opportunity’s creation (4 to 20 months ago) and today:
      // about 10 events a year each, so a week sees ~2 % of all events.
      const span = int(120, 600);
      const offsets = Array.from({ length: last }, (_, k) => (k === 0 ? 0 : int(0, span))).sort((a, b) => a - b);
      const start = addDays(TO, -span);
      let date = start;
      let stage = 0;
      let status = 'open';
      let amount = int(1, 500) * 1_000_000;
      let close = addDays(date, int(30, 180));
      let since = date;
      const created = date;
      const events: unknown[][] = [];
      let prev: unknown[] | null = null;
      let closedOn: string | null = null;
      for (let k = 0; k < last; k++) {
        if (k > 0) {
          date = addDays(start, offsets[k]!);
          const r = rng();
          if (status !== 'open') {
            if (r < 0.2) {
              status = 'open';
              since = date;
              closedOn = null;
            } else amount = Math.max(100_000, amount + int(-20, 20) * 100_000);
          } else if (r < 0.45 && stage < stages.length - 1) {
            stage++;
            since = date;
          } else if (r < 0.55 && stage > 0) {
            stage--;
            since = date;
          } else if (r < 0.7) amount = Math.max(100_000, amount + int(-20, 20) * 100_000);
          else if (r < 0.85) close = addDays(close, int(7, 45));
          else {
            status = rng() < 0.5 ? 'won' : 'lost';
            closedOn = date;
          }
        }
        const state = [stages[stage], status, amount, close, null, ownerId, since];
        events.push([
          id(),
          oppId,
          territoryId,
          k + 1,
          date,
          k === 0 ? 'create' : 'change',
          ...state,
          ...(prev ?? [null, null, null, null, null, null, null]),
          at,
          at,
        ]);
        prev = state;
      }
      insOpp.run(
        oppId,
        territoryId,
        accountId,
        ownerId,
        `机会 ${i}`,
        amount,
        close,
        stages[stage],
        status,
        created,
        since,
        closedOn,
        at,
        at,
      );
      allEvents.push(...events);
    }
    // Events are appended as changes happen, so a book's events lie roughly in date order.
    allEvents.sort((a, b) => (a[4]! < b[4]! ? -1 : a[4]! > b[4]! ? 1 : 0));
    for (const e of allEvents) insEv.run(...e);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The pipeline case's book: 5,000 accounts, then OPPS opportunities and EVENTS events (also the funnel-chart case's). */
export async function makePipelineBook(dbFile: string): Promise<void> {
  await makeAccountsBook(dbFile, 5_000);
  fillPipeline(dbFile);
}

export const pipelineCases: BenchCase[] = [
  {
    name: 'pipeline-review',
    size: pipelineSize,
    target: '< 1000 ms',
    async prepare(dir) {
      if (!fs.existsSync(file(dir))) await makePipelineBook(file(dir));
    },
    async product(dir) {
      const ctx = await openBook(file(dir), { dailyBackup: false, platform: 'cli' });
      const reg = createRegistry();
      const t0 = performance.now();
      const r = await reg.call<{ rows: unknown[] }>(ctx, 'pipeline:review', { from: FROM, to: TO });
      extraTimings.reviewMs = performance.now() - t0;
      if (r.rows.length < 1000) throw new Error(`review has only ${r.rows.length} rows`);
      ctx.db.close();
    },
    async floor(dir) {
      const db = new Database(file(dir), { readonly: true });
      // Each opportunity's state at both dates: the last event on or before each date.
      const rows = db
        .prepare(
          `SELECT o.id, f.stage_id, f.status, f.amount_fen, f.expected_close, t.stage_id, t.status, t.amount_fen, t.expected_close
           FROM opportunities o
           JOIN opportunity_events t ON t.rowid = (SELECT rowid FROM opportunity_events WHERE opportunity_id = o.id AND date <= ? ORDER BY date DESC, seq DESC LIMIT 1)
           LEFT JOIN opportunity_events f ON f.rowid = (SELECT rowid FROM opportunity_events WHERE opportunity_id = o.id AND date <= ? ORDER BY date DESC, seq DESC LIMIT 1)
           WHERE o.deleted_at IS NULL`,
        )
        .raw()
        .all(TO, FROM);
      if (rows.length !== OPPS) throw new Error(`floor read ${rows.length} opportunities`);
      db.close();
    },
  },
];
