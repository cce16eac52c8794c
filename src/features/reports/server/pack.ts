import type { Job } from '../../../platform/jobs';
import { writeWorkbook, type CellValue, type SheetSpec } from '../../../platform/excel/workbookWriter';
import { CATEGORY_LABEL } from '../forecast';
import type { Overview, RepLine } from './overview';

// The meeting pack: the Monday overview as one workbook, sheets Summary, Forecast, Movement,
// Stalled, Commitments, Visits, Receivables, each in the common layout (title block, header
// row, records, Total row). Every cell comes from the overview, so the pack and the screen
// agree; nothing here reads a clock.

export const PACK_SHEETS = ['Summary', 'Forecast', 'Movement', 'Stalled', 'Commitments', 'Visits', 'Receivables'] as const;
export const FORECAST_HEADERS = [
  'Owner',
  'Quota',
  'Won',
  'Commit',
  'Best case',
  'Pipeline',
  'Coverage',
  'Attainment',
  'Open in quarter',
  'Last week commit',
  'Last week best case',
  'Last week pipeline',
  'Month quota',
  'Month won',
  'Month attainment',
] as const;

const MOVEMENT_LABEL = {
  new: 'New',
  advanced: 'Advanced',
  movedBack: 'Moved back',
  won: 'Won',
  lost: 'Lost',
  slipped: 'Slipped',
  category: 'Category',
} as const;
const OUTCOME_LABEL = { kept: 'Kept', notKept: 'Missed', pending: 'Pending' } as const;
const RUNG_LABEL: Record<string, string> = {
  reminder: 'Reminder',
  notice: 'Overdue notice',
  finance: 'Finance collection',
  sales: 'Sales-team collection',
  lawyer: 'Lawyer',
};

export interface PackNames {
  rep(id: string): string;
  territory(id: string): string;
  stage(id: string | null): string;
  scope: string;
}

export async function writeMeetingPack(file: string, o: Overview, names: PackNames, job?: Job): Promise<{ rows: number }> {
  const w = o.week;
  const head = (what: string) => [
    `Meeting pack — ${what}`,
    `Week ${w.weekStart} to ${w.weekEnd}, as of ${w.asOf}; month ${w.month}, quarter ${o.quarter}; scope: ${names.scope}`,
  ];
  const count = (n: number): CellValue => n;
  const sumOf = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);
  const byOwner = new Map(o.forecast.reps.map((r) => [r.ownerId, r]));

  // Summary: the roll-up by territory (quarter), then the team.
  const territories = new Map<string, RepLine[]>();
  for (const r of o.reps) territories.set(r.territoryId, [...(territories.get(r.territoryId) ?? []), r]);
  const callOf = (ids: string[], k: 'commit' | 'bestCase' | 'pipeline') => sumOf(ids, (id) => byOwner.get(id)?.thisWeek.quarter[k] ?? 0);
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
  const summaryRow = (label: string, reps: RepLine[]): CellValue[] => {
    const quota = sumOf(reps, (r) => r.quotaQuarter);
    const won = sumOf(reps, (r) => r.wonQuarter);
    const open = sumOf(reps, (r) => r.openQuarter);
    const ids = reps.map((r) => r.ownerId);
    return [
      label,
      quota,
      won,
      ratio(won, quota),
      callOf(ids, 'commit'),
      callOf(ids, 'bestCase'),
      callOf(ids, 'pipeline'),
      open,
      ratio(open, quota - won),
    ];
  };
  const summary: SheetSpec = {
    name: 'Summary',
    title: [
      ...head('summary'),
      `Month: quota ${money(o.total.quotaMonth)}, won ${money(o.total.wonMonth)}, attainment ${pct(o.total.attainmentMonth)}. Quarter: attainment ${pct(o.total.attainmentQuarter)}, coverage ${times(o.total.coverage)} (3× is healthy).`,
      `Movement since ${w.previousAsOf}: ${(['new', 'advanced', 'movedBack', 'won', 'lost', 'slipped'] as const).map((k) => `${MOVEMENT_LABEL[k]} ${o.movement.counts[k]}`).join(', ')}. Stalled ${o.stalled.length}. Overdue visits ${o.visits.overdue}. Overdue receivables ${o.overdueTotal.count} (${money(o.overdueTotal.amount)}).`,
    ],
    columns: [
      { header: 'Territory', kind: 'text' },
      { header: 'Quota', kind: 'money' },
      { header: 'Won', kind: 'money' },
      { header: 'Attainment', kind: 'percent' },
      { header: 'Commit', kind: 'money' },
      { header: 'Best case', kind: 'money' },
      { header: 'Pipeline', kind: 'money' },
      { header: 'Open in quarter', kind: 'money' },
      { header: 'Coverage', kind: 'number' },
    ],
    rows: [...territories.entries()].map(([t, reps]) => summaryRow(names.territory(t), reps)),
    totals: ['Total', ...summaryRow('', o.reps).slice(1)],
  };

  const forecast: SheetSpec = {
    name: 'Forecast',
    title: [
      ...head('forecast by rep'),
      `Quota, Won, Coverage and the call (Commit, Best case, Pipeline) are for the quarter ${o.quarter}; Coverage = open in quarter ÷ (quota − won).`,
    ],
    columns: FORECAST_HEADERS.map((h) => ({
      header: h,
      kind: h === 'Owner' ? 'text' : h === 'Coverage' ? 'number' : /attainment/i.test(h) ? 'percent' : 'money',
    })),
    rows: o.reps.map((r) => {
      const f = byOwner.get(r.ownerId);
      return [
        names.rep(r.ownerId),
        r.quotaQuarter,
        r.wonQuarter,
        f?.thisWeek.quarter.commit ?? 0,
        f?.thisWeek.quarter.bestCase ?? 0,
        f?.thisWeek.quarter.pipeline ?? 0,
        r.coverage,
        r.attainmentQuarter,
        r.openQuarter,
        f?.lastWeek?.quarter.commit ?? null,
        f?.lastWeek?.quarter.bestCase ?? null,
        f?.lastWeek?.quarter.pipeline ?? null,
        r.quotaMonth,
        r.wonMonth,
        r.attainmentMonth,
      ];
    }),
    totals: [
      'Total',
      o.total.quotaQuarter,
      o.total.wonQuarter,
      callOf(
        o.reps.map((r) => r.ownerId),
        'commit',
      ),
      callOf(
        o.reps.map((r) => r.ownerId),
        'bestCase',
      ),
      callOf(
        o.reps.map((r) => r.ownerId),
        'pipeline',
      ),
      o.total.coverage,
      o.total.attainmentQuarter,
      o.total.openQuarter,
      sumOf(o.forecast.reps, (r) => r.lastWeek?.quarter.commit ?? 0),
      sumOf(o.forecast.reps, (r) => r.lastWeek?.quarter.bestCase ?? 0),
      sumOf(o.forecast.reps, (r) => r.lastWeek?.quarter.pipeline ?? 0),
      o.total.quotaMonth,
      o.total.wonMonth,
      o.total.attainmentMonth,
    ],
  };

  const moveRows: CellValue[][] = [
    ...o.movement.lines.map((m) => [
      m.name,
      names.rep(m.ownerId),
      MOVEMENT_LABEL[m.kind],
      m.kind === 'slipped' ? m.from : names.stage(m.from),
      m.kind === 'slipped' || m.kind === 'won' || m.kind === 'lost'
        ? m.kind === 'slipped'
          ? m.to
          : MOVEMENT_LABEL[m.kind]
        : names.stage(m.to),
      m.amount,
    ]),
    ...o.forecast.moves.map((m) => [
      m.name,
      names.rep(m.ownerId),
      MOVEMENT_LABEL.category,
      CATEGORY_LABEL[m.from],
      CATEGORY_LABEL[m.to],
      m.amount,
    ]),
  ];
  const movement: SheetSpec = {
    name: 'Movement',
    title: [
      ...head(`movement since ${w.previousAsOf}`),
      "Stage changes, wins, losses and slipped close dates from the pipeline history; Category rows are deals whose forecast category changed since last week's call.",
    ],
    columns: [
      { header: 'Opportunity', kind: 'text' },
      { header: 'Owner', kind: 'text' },
      { header: 'Change', kind: 'text' },
      { header: 'From', kind: 'text' },
      { header: 'To', kind: 'text' },
      { header: 'Amount', kind: 'money' },
    ],
    rows: moveRows,
    totals: ['Total', null, count(moveRows.length), null, null, sumOf(moveRows, (r) => r[5] as number)],
  };

  const stalled: SheetSpec = {
    name: 'Stalled',
    title: [...head('stalled deals'), `Open and in the same stage for ${o.stallDays} days or more on ${w.asOf}.`],
    columns: [
      { header: 'Opportunity', kind: 'text' },
      { header: 'Account', kind: 'text' },
      { header: 'Owner', kind: 'text' },
      { header: 'Stage', kind: 'text' },
      { header: 'Days in stage', kind: 'int' },
      { header: 'Expected close', kind: 'date' },
      { header: 'Amount', kind: 'money' },
    ],
    rows: o.stalled.map((s) => [s.name, s.accountName, names.rep(s.ownerId), names.stage(s.stageId), s.days, s.expectedClose, s.amount]),
    totals: ['Total', null, null, null, null, null, sumOf(o.stalled, (s) => s.amount)],
  };

  const commitments: SheetSpec = {
    name: 'Commitments',
    title: [
      ...head('commitments'),
      `Due this week (${w.weekStart} to ${w.weekEnd}) and last week, each as kept, missed or pending on ${w.asOf}.`,
    ],
    columns: [
      { header: 'Opportunity', kind: 'text' },
      { header: 'Owner', kind: 'text' },
      { header: 'Step', kind: 'text' },
      { header: 'Review date', kind: 'date' },
      { header: 'Due date', kind: 'date' },
      { header: 'Week', kind: 'text' },
      { header: 'Outcome', kind: 'text' },
    ],
    rows: o.commitments.map((c) => [
      c.opportunityName,
      names.rep(c.ownerId),
      c.step,
      c.reviewDate,
      c.dueDate,
      c.week === 'this' ? 'This week' : 'Last week',
      OUTCOME_LABEL[c.outcome],
    ]),
    totals: [
      'Total',
      null,
      count(o.commitments.length),
      null,
      null,
      null,
      `Kept ${o.commitments.filter((c) => c.outcome === 'kept').length}, missed ${o.commitments.filter((c) => c.outcome === 'notKept').length}`,
    ],
  };

  const visits: SheetSpec = {
    name: 'Visits',
    title: [
      ...head('visits'),
      `Planned this week by class: ${(['A', 'B', 'C', 'D'] as const).map((g) => `${g} ${o.visits.dueByClass[g].visits} visits, ${o.visits.dueByClass[g].calls} calls`).join('; ')}. Overdue: last visit older than the class allows (A 10, B 15, C 30 days).`,
    ],
    columns: [
      { header: 'Account', kind: 'text' },
      { header: 'Owner', kind: 'text' },
      { header: 'Class', kind: 'text' },
      { header: 'Planned this week', kind: 'int' },
      { header: 'Last visit', kind: 'date' },
      { header: 'Days since', kind: 'int' },
      { header: 'Allowed days', kind: 'int' },
      { header: 'Overdue', kind: 'text' },
    ],
    rows: o.visits.accounts.map((a) => [
      a.name,
      names.rep(a.ownerId),
      a.grade,
      a.planned,
      a.lastVisit,
      a.daysSince,
      a.allowedDays,
      a.overdue ? 'Yes' : 'No',
    ]),
    totals: ['Total', null, null, sumOf(o.visits.accounts, (a) => a.planned), null, null, null, `${o.visits.overdue} overdue`],
  };

  const receivables: SheetSpec = {
    name: 'Receivables',
    title: [
      ...head('largest overdue receivables'),
      `The ten largest of ${o.overdueTotal.count} overdue invoices (${money(o.overdueTotal.amount)} overdue in all) on ${w.asOf}, with their place on the collection ladder.`,
    ],
    columns: [
      { header: 'Invoice', kind: 'text' },
      { header: 'Customer', kind: 'text' },
      { header: 'Due date', kind: 'date' },
      { header: 'Days overdue', kind: 'int' },
      { header: 'Collection stage', kind: 'text' },
      { header: 'Next step', kind: 'text' },
      { header: 'Outstanding', kind: 'money' },
    ],
    rows: o.receivables.map((r) => [
      r.invoiceNo,
      r.customer,
      r.dueDate,
      r.daysOverdue,
      r.reached ? (RUNG_LABEL[r.reached] ?? r.reached) : 'None yet',
      r.suggested ? (RUNG_LABEL[r.suggested] ?? r.suggested) : null,
      r.outstanding,
    ]),
    totals: ['Total', null, null, null, null, null, sumOf(o.receivables, (r) => r.outstanding)],
  };

  return writeWorkbook(file, [summary, forecast, movement, stalled, commitments, visits, receivables], job ? { job } : {});
}

const money = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const times = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}×`);
