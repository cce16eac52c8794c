import type { ServerContext } from '../../../platform/context';
import type { Job } from '../../../platform/jobs';
import { writeWorkbook, type CellValue, type SheetSpec } from '../../../platform/excel/workbookWriter';
import { MOVEMENT_LABEL } from '../domain';
import { MOVEMENT_CLASSES } from '../reviewModel';
import type { ReviewOut } from '../contract';
import { buildReviewFromDb, type ReviewRequest } from './reviewService';

// The weekly review as one workbook. The first four sheets and their headers are a
// contract (the CLI's `export pipeline-review`): Funnel, Movement, Stalled, Forecast.
// Stage metrics, Bridge, By rep and Commitments follow for the meeting. Money in yuan,
// dates as real dates; names in the chosen language, headers in English.

type Lang = 'zh-CN' | 'en';

interface Names {
  stage(id: string | null): string;
  rep(id: string): string;
  territory(id: string): string;
}

function namesOf(ctx: ServerContext, lang: Lang): Names {
  const pick = (r: { name_zh: string; name_en: string }) => (lang === 'zh-CN' ? r.name_zh : r.name_en);
  const map = (sql: string) =>
    new Map((ctx.db.prepare(sql).all() as { id: string; name_zh: string; name_en: string }[]).map((r) => [r.id, pick(r)]));
  const stages = map('SELECT id, name_zh, name_en FROM stages');
  const reps = map('SELECT id, name_zh, name_en FROM reps');
  const territories = map('SELECT id, name_zh, name_en FROM territories');
  return {
    stage: (id) => (id ? (stages.get(id) ?? '') : ''),
    rep: (id) => reps.get(id) ?? '',
    territory: (id) => territories.get(id) ?? '',
  };
}

const bpToFraction = (bp: number | null) => (bp === null ? null : bp / 10_000);

type Labelled = ReviewOut['rows'][number] & { ref: string | null; name: string; accountName: string };

export function reviewSheets(review: Omit<ReviewOut, 'rows'> & { rows: Labelled[] }, n: Names): SheetSpec[] {
  const open = review.perStage;
  const key = (r: Labelled) => r.ref ?? r.id;
  const byKey = (a: Labelled, b: Labelled) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const movement = [...review.rows].sort((a, b) => MOVEMENT_CLASSES.indexOf(a.change) - MOVEMENT_CLASSES.indexOf(b.change) || byKey(a, b));
  const stalled = review.rows.filter((r) => r.stalled).sort((a, b) => b.daysInStage! - a.daysInStage! || byKey(a, b));
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
  const period = `${review.from} → ${review.to}`;
  const b = review.bridge;

  return [
    {
      name: 'Funnel',
      columns: [
        { header: 'Stage', kind: 'text' },
        { header: 'Opportunities', kind: 'int' },
        { header: 'Amount', kind: 'money' },
        { header: 'Weighted amount', kind: 'money' },
      ],
      rows: open.map((s): CellValue[] => [n.stage(s.stageId), s.opportunities, s.amount, s.forecast]),
      totals: ['Total', sum(open, (s) => s.opportunities), sum(open, (s) => s.amount), sum(open, (s) => s.forecast)],
    },
    {
      name: 'Movement',
      columns: [
        { header: 'Id', kind: 'text' },
        { header: 'Opportunity', kind: 'text' },
        { header: 'Account', kind: 'text' },
        { header: 'Owner', kind: 'text' },
        { header: 'Stage at from', kind: 'text' },
        { header: 'Stage at to', kind: 'text' },
        { header: 'Change', kind: 'text' },
        { header: 'Amount at from', kind: 'money' },
        { header: 'Amount at to', kind: 'money' },
        { header: 'Close at from', kind: 'date' },
        { header: 'Close at to', kind: 'date' },
      ],
      rows: movement.map((r): CellValue[] => [
        r.ref ?? r.id,
        r.name,
        r.accountName,
        n.rep(r.ownerId),
        n.stage(r.stageFrom),
        n.stage(r.stageTo),
        MOVEMENT_LABEL[r.change],
        r.amountFrom,
        r.amountTo,
        r.closeFrom,
        r.closeTo,
      ]),
      rowCount: movement.length,
    },
    {
      name: 'Stalled',
      columns: [
        { header: 'Id', kind: 'text' },
        { header: 'Opportunity', kind: 'text' },
        { header: 'Stage', kind: 'text' },
        { header: 'Days in stage', kind: 'int' },
      ],
      rows: stalled.map((r): CellValue[] => [r.ref ?? r.id, r.name, n.stage(r.stageTo), r.daysInStage]),
    },
    {
      name: 'Forecast',
      columns: [
        { header: 'Month', kind: 'text' },
        { header: 'Amount', kind: 'money' },
        { header: 'Weighted amount', kind: 'money' },
      ],
      rows: review.forecast.map((m): CellValue[] => [m.month, m.amount, m.weighted]),
      totals: ['Total', sum(review.forecast, (m) => m.amount), sum(review.forecast, (m) => m.weighted)],
    },
    {
      name: 'Stage metrics',
      title: [`Pipeline review ${period}`, `Stalled: no stage change for ${review.stallDays} days or more`],
      landscape: true,
      columns: [
        { header: 'Stage', kind: 'text' },
        { header: 'Accounts', kind: 'int' },
        { header: 'Opportunities', kind: 'int' },
        { header: 'Amount', kind: 'money' },
        { header: 'Forecast', kind: 'money' },
        { header: 'Moved down', kind: 'int' },
        { header: 'Accounts moved down', kind: 'int' },
        { header: 'Average days before moving', kind: 'number' },
        { header: 'Lost', kind: 'int' },
        { header: 'Accounts lost', kind: 'int' },
        { header: 'Loss ratio', kind: 'percent' },
        { header: 'Stalled', kind: 'int' },
        { header: 'Accounts stalled', kind: 'int' },
        { header: 'Stall ratio', kind: 'percent' },
      ],
      rows: open.map((s): CellValue[] => [
        n.stage(s.stageId),
        s.accounts,
        s.opportunities,
        s.amount,
        s.forecast,
        s.movedDown,
        s.accountsMovedDown,
        s.speedDays,
        s.lost,
        s.accountsLost,
        bpToFraction(s.lossRatioBp),
        s.stalled,
        s.accountsStalled,
        bpToFraction(s.stallRatioBp),
      ]),
    },
    {
      name: 'Bridge',
      title: [
        `Pipeline bridge ${period}`,
        review.periodEnd ? `Pipeline: open opportunities expected to close by ${review.periodEnd}` : 'Pipeline: all open opportunities',
      ],
      columns: [
        { header: 'Step', kind: 'text' },
        { header: 'Amount', kind: 'money' },
      ],
      rows: [
        [`Pipeline at ${review.from}`, b.start],
        ['+ New', b.new],
        ['+ Increases', b.increase],
        ['− Decreases', -b.decrease],
        ['− Won', -b.won],
        ['− Lost', -b.lost],
        ['− Slipped out of the period', -b.slipped],
        [`Pipeline at ${review.to}`, b.end],
      ],
    },
    {
      name: 'By rep',
      title: [`Pipeline review ${period}, by rep`],
      landscape: true,
      columns: [
        { header: 'Rep', kind: 'text' },
        { header: 'New', kind: 'int' },
        { header: 'Advanced', kind: 'int' },
        { header: 'Moved back', kind: 'int' },
        { header: 'Won', kind: 'int' },
        { header: 'Lost', kind: 'int' },
        { header: 'Unchanged', kind: 'int' },
        { header: 'Stalled', kind: 'int' },
        { header: 'Slipped', kind: 'int' },
        { header: 'Pipeline at from', kind: 'money' },
        { header: 'Pipeline at to', kind: 'money' },
        { header: 'Weighted at to', kind: 'money' },
        { header: 'Won amount', kind: 'money' },
        { header: 'Lost amount', kind: 'money' },
      ],
      rows: review.byOwner.map((g): CellValue[] => [
        n.rep(g.key),
        g.counts.new,
        g.counts.advanced,
        g.counts.movedBack,
        g.counts.won,
        g.counts.lost,
        g.counts.unchanged,
        g.stalled,
        g.slipped,
        g.amountFrom,
        g.amountTo,
        g.weightedTo,
        g.wonAmount,
        g.lostAmount,
      ]),
    },
    {
      name: 'Commitments',
      title: [`Commitments from the review of ${review.from}, as of ${review.to}`],
      columns: [
        { header: 'Rep', kind: 'text' },
        { header: 'Opportunity', kind: 'text' },
        { header: 'Promised step', kind: 'text' },
        { header: 'Review date', kind: 'date' },
        { header: 'Due', kind: 'date' },
        { header: 'Outcome', kind: 'text' },
      ],
      rows: [...review.commitments.flatMap((g) => g.items), ...review.recorded].map((c): CellValue[] => [
        n.rep(c.ownerId),
        c.opportunityName,
        c.step,
        c.reviewDate,
        c.dueDate,
        c.reviewDate === review.to ? 'recorded' : c.outcome === 'notKept' ? 'not kept' : c.outcome,
      ]),
    },
  ];
}

export async function exportReview(
  ctx: ServerContext,
  filePath: string,
  req: ReviewRequest & { lang?: Lang },
  job?: Job,
): Promise<{ rows: number }> {
  const review = buildReviewFromDb(ctx.db, req);
  // The review's rows carry ids; the workbook names them.
  const label = new Map(
    // LEFT JOIN: a team book holds only what its person may see, which need not include the account.
    (
      ctx.db.prepare('SELECT o.id, o.ref, o.name, a.name FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id').raw().all() as [
        string,
        string | null,
        string,
        string,
      ][]
    ).map((r) => [r[0], r]),
  );
  const rows = review.rows.map((r) => {
    const l = label.get(r.id);
    return { ...r, ref: l?.[1] ?? null, name: l?.[2] ?? r.id, accountName: l?.[3] ?? '' };
  });
  const sheets = reviewSheets({ ...review, rows }, namesOf(ctx, req.lang ?? 'en'));
  const r = await writeWorkbook(filePath, sheets, job ? { job, date: req.to } : { date: req.to });
  return { rows: r.rows };
}
