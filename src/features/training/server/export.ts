import { writeWorkbook, type CellValue, type SheetSpec } from '../../../platform/excel/workbookWriter';
import type { Job } from '../../../platform/jobs';
import type { TrainingDetail, TrainingResults } from '../contract';
import { issueLabel } from '../cases';
import { sessionResults } from '../results';

export { importTraining } from './import';

// Training workbooks. Two layouts of the same results:
// - 'scores' (the CLI's contract, English, headers on row 1): sheets `Scores`
//   (Round, Pairing, Team, Side, Issue, Priority, Weight, Level, Score) and `Leaderboard`
//   (Rank, Team, Side, Total, Joint score, Guess accuracy);
// - 'rounds' (the app's export, in the user's language, with a title block): a summary
//   (the leaderboard), the deals (one row per pairing, with what was left on the table)
//   and one sheet per round (one row per pairing and issue).

type Lang = 'zh-CN' | 'en';

const L = {
  'zh-CN': {
    summary: '汇总',
    deals: '谈判结果',
    round: (n: number) => `第${n}轮`,
    roundCol: '轮次',
    rank: '名次',
    team: '小组',
    side: '角色',
    total: '总分',
    joint: '双方合计',
    accuracy: '猜中率',
    pairings: '谈判桌数',
    pairing: '谈判桌',
    vendorTeam: '厂家组',
    customerTeam: '客户组',
    status: '结果',
    vendorScore: '厂家得分',
    customerScore: '客户得分',
    left: '留在桌上的价值',
    gap: '距最高合计',
    issue: '谈判内容',
    vendorPriority: '厂家优先级',
    vendorLevel: '厂家等级',
    customerPriority: '客户优先级',
    customerLevel: '客户等级',
    term: '约定条款',
    vendor: '厂家',
    customer: '客户',
    signed: '已签约',
    brokenOff: '谈判破裂',
    incomplete: '未完成',
    date: '日期',
    timeLimit: '时限（分钟）',
    sumLabel: 'Total',
  },
  en: {
    summary: 'Summary',
    deals: 'Deals',
    round: (n: number) => `Round ${n}`,
    roundCol: 'Round',
    rank: 'Rank',
    team: 'Team',
    side: 'Side',
    total: 'Total',
    joint: 'Joint score',
    accuracy: 'Guess accuracy',
    pairings: 'Pairings',
    pairing: 'Pairing',
    vendorTeam: 'Vendor team',
    customerTeam: 'Customer team',
    status: 'Result',
    vendorScore: 'Vendor score',
    customerScore: 'Customer score',
    left: 'Left on the table',
    gap: 'Short of best joint',
    issue: 'Issue',
    vendorPriority: 'Vendor priority',
    vendorLevel: 'Vendor level',
    customerPriority: 'Customer priority',
    customerLevel: 'Customer level',
    term: 'Agreed term',
    vendor: 'Vendor',
    customer: 'Customer',
    signed: 'Signed',
    brokenOff: 'Broken off',
    incomplete: 'Incomplete',
    date: 'Date',
    timeLimit: 'Time limit (min)',
    sumLabel: 'Total',
  },
} as const;

/** Lookups by id; issues in `lang`, or as the session names them when lang is null. */
function names(d: TrainingDetail, lang: Lang | null) {
  const team = new Map(d.teams.map((t) => [t.id, t.name]));
  const issue = new Map(d.issues.map((i) => [i.id, lang ? issueLabel(i, lang) : i.name]));
  const pairing = new Map(d.pairings.map((p) => [p.id, p]));
  return {
    team: (id: string) => team.get(id) ?? '',
    issue: (id: string) => issue.get(id) ?? '',
    pairing: (id: string) => pairing.get(id)!,
  };
}

/** The CLI's contract: `Scores` and `Leaderboard`, English headers on row 1. */
export function scoresSheets(d: TrainingDetail, r: TrainingResults): SheetSpec[] {
  // Issues as the session names them, so the sheet reads like the workbook it came from.
  const n = names(d, null);
  const scores: CellValue[][] = [];
  for (const p of r.pairings) {
    for (const side of ['vendor', 'customer'] as const) {
      for (const l of p[side].lines) {
        scores.push([p.roundNo, p.label, n.team(p[side].teamId), side, n.issue(l.issueId), l.priority, l.weight, l.level, l.score]);
      }
    }
  }
  const board = [...r.leaderboard.vendor, ...r.leaderboard.customer].map((x): CellValue[] => [
    x.rank,
    x.name,
    x.side,
    x.total,
    x.joint,
    x.guessAccuracy,
  ]);
  return [
    {
      name: 'Scores',
      columns: [
        { header: 'Round', kind: 'int' },
        { header: 'Pairing', kind: 'text' },
        { header: 'Team', kind: 'text' },
        { header: 'Side', kind: 'text' },
        { header: 'Issue', kind: 'text' },
        { header: 'Priority', kind: 'int' },
        { header: 'Weight', kind: 'int' },
        { header: 'Level', kind: 'int' },
        { header: 'Score', kind: 'int' },
      ],
      rows: scores,
      rowCount: scores.length,
    },
    {
      name: 'Leaderboard',
      columns: [
        { header: 'Rank', kind: 'int' },
        { header: 'Team', kind: 'text' },
        { header: 'Side', kind: 'text' },
        { header: 'Total', kind: 'int' },
        { header: 'Joint score', kind: 'int' },
        { header: 'Guess accuracy', kind: 'percent' },
      ],
      rows: board,
      rowCount: board.length,
    },
  ];
}

/** The app's export: a summary, the deals, and one sheet per round. */
export function roundSheets(d: TrainingDetail, r: TrainingResults, lang: Lang): SheetSpec[] {
  const t = L[lang];
  const n = names(d, lang);
  const title = [d.session.name, `${t.date}: ${d.session.date} · ${t.timeLimit}: ${d.session.timeLimitMinutes}`];
  const sideLabel = (s: 'vendor' | 'customer') => t[s];
  const board = [...r.leaderboard.vendor, ...r.leaderboard.customer].map((x): CellValue[] => [
    x.rank,
    x.name,
    sideLabel(x.side),
    x.total,
    x.joint,
    x.guessAccuracy,
    x.pairings,
  ]);
  const deals = r.pairings.map((p): CellValue[] => [
    p.roundNo,
    p.label,
    n.team(p.vendor.teamId),
    n.team(p.customer.teamId),
    t[p.status],
    p.vendor.total,
    p.customer.total,
    p.joint,
    p.possible?.leftOnTable ?? null,
    p.possible?.gapToBestJoint ?? null,
  ]);
  const sheets: SheetSpec[] = [
    {
      name: t.summary,
      title,
      columns: [
        { header: t.rank, kind: 'int' },
        { header: t.team, kind: 'text' },
        { header: t.side, kind: 'text' },
        { header: t.total, kind: 'int' },
        { header: t.joint, kind: 'int' },
        { header: t.accuracy, kind: 'percent' },
        { header: t.pairings, kind: 'int' },
      ],
      rows: board,
      rowCount: board.length,
    },
    {
      name: t.deals,
      title,
      columns: [
        { header: t.roundCol, kind: 'int' },
        { header: t.pairing, kind: 'text' },
        { header: t.vendorTeam, kind: 'text' },
        { header: t.customerTeam, kind: 'text' },
        { header: t.status, kind: 'text' },
        { header: t.vendorScore, kind: 'int' },
        { header: t.customerScore, kind: 'int' },
        { header: t.joint, kind: 'int' },
        { header: t.left, kind: 'int' },
        { header: t.gap, kind: 'int' },
      ],
      rows: deals,
      rowCount: deals.length,
      landscape: true,
    },
  ];
  const outcome = new Map(d.outcomes.map((o) => [`${o.pairingId}|${o.issueId}`, o.term]));
  for (const roundNo of [...new Set(r.pairings.map((p) => p.roundNo))]) {
    const inRound = r.pairings.filter((p) => p.roundNo === roundNo);
    const rows: CellValue[][] = [];
    for (const p of inRound) {
      p.vendor.lines.forEach((v, i) => {
        const c = p.customer.lines[i]!;
        rows.push([
          p.label,
          n.team(p.vendor.teamId),
          n.team(p.customer.teamId),
          t[p.status],
          n.issue(v.issueId),
          outcome.get(`${p.pairingId}|${v.issueId}`) ?? null,
          v.priority,
          v.level,
          v.score,
          c.priority,
          c.level,
          c.score,
        ]);
      });
    }
    const sumOf = (side: 'vendor' | 'customer') => inRound.reduce((s, p) => s + p[side].total, 0);
    sheets.push({
      name: t.round(roundNo),
      title,
      columns: [
        { header: t.pairing, kind: 'text' },
        { header: t.vendorTeam, kind: 'text' },
        { header: t.customerTeam, kind: 'text' },
        { header: t.status, kind: 'text' },
        { header: t.issue, kind: 'text' },
        { header: t.term, kind: 'text' },
        { header: t.vendorPriority, kind: 'int' },
        { header: t.vendorLevel, kind: 'int' },
        { header: t.vendorScore, kind: 'int' },
        { header: t.customerPriority, kind: 'int' },
        { header: t.customerLevel, kind: 'int' },
        { header: t.customerScore, kind: 'int' },
      ],
      rows,
      rowCount: rows.length,
      totals: [t.sumLabel, null, null, null, null, null, null, null, sumOf('vendor'), null, null, sumOf('customer')],
      landscape: true,
    });
  }
  return sheets;
}

export async function exportTraining(
  d: TrainingDetail,
  file: string,
  opts: { layout: 'rounds' | 'scores'; lang: Lang; job?: Job },
): Promise<{ sheets: string[]; rows: number }> {
  const r = sessionResults(d);
  const sheets = opts.layout === 'scores' ? scoresSheets(d, r) : roundSheets(d, r, opts.lang);
  // The class's own date is the document date: the workbook is a function of the session alone.
  const { rows } = await writeWorkbook(file, sheets, opts.job ? { job: opts.job, date: d.session.date } : { date: d.session.date });
  return { sheets: sheets.map((s) => s.name), rows };
}

/** The import workbook with its five sheets, headers on row 1 and the seeds' example class. */
export async function writeTrainingTemplate(file: string): Promise<void> {
  const text = (header: string) => ({ header, kind: 'text' as const });
  const int = (header: string) => ({ header, kind: 'int' as const });
  const vendors = ['Vendor A', 'Vendor B', 'Vendor C'];
  const vendorOrder: [string, number][] = [
    ['Price', 2],
    ['Payment', 1],
    ['Service', 3],
    ['Delivery', 4],
  ];
  const customerOrder: [string, number][] = [
    ['Price', 1],
    ['Payment', 4],
    ['Service', 3],
    ['Delivery', 2],
  ];
  await writeWorkbook(file, [
    { name: 'Teams', columns: [text('Team'), text('Side')], rows: [...vendors.map((v) => [v, 'vendor']), ['Customer', 'customer']] },
    {
      name: 'Priorities',
      columns: [text('Team'), text('Issue'), int('Priority')],
      rows: [...vendors.flatMap((v) => vendorOrder.map(([i, p]) => [v, i, p])), ...customerOrder.map(([i, p]) => ['Customer', i, p])],
    },
    {
      name: 'Pairings',
      columns: [int('Round'), text('Pairing'), text('Vendor team'), text('Customer team'), text('Signed')],
      rows: vendors.map((v, i) => [1, String.fromCharCode(65 + i), v, 'Customer', i < 2 ? 'yes' : 'no']),
    },
    {
      name: 'Outcomes',
      columns: [int('Round'), text('Pairing'), text('Issue'), int('Vendor level'), int('Customer level')],
      rows: ['A', 'B'].flatMap((p) => vendorOrder.map(([i]) => [1, p, i, 3, 3])),
    },
    {
      name: 'Guesses',
      columns: [text('Team'), text('Issue'), int('Guessed priority')],
      rows: customerOrder.map(([i, p]) => ['Vendor A', i, p]),
    },
  ]);
}
