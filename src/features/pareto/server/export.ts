import type { Db } from '../../../platform/db/connection';
import type { Job } from '../../../platform/jobs';
import { writeWorkbook, type CellValue, type SheetSpec } from '../../../platform/excel/workbookWriter';
import type { VisitPlanOut } from '../contract';
import type { ParetoThresholds } from '../domain';
import { boundaries, classAt, cumulativeBefore, getRanking, type RankScope } from './ranking';
import { detailsByRowid } from './repo';

// The Pareto workbook (the CLI's contract: sheet `Pareto` with Rank, Account, Territory,
// Owner, Value, Share, Cumulative share, Class; sheet `Summary` with Class, Accounts,
// Account share, Value, Value share) and the visit plan workbook.

type Lang = 'zh-CN' | 'en';

const PARETO_HEADERS = {
  en: {
    sheet: 'Pareto',
    summary: 'Summary',
    cols: ['Rank', 'Account', 'Territory', 'Owner', 'Value', 'Share', 'Cumulative share', 'Class'],
    sum: ['Class', 'Accounts', 'Account share', 'Value', 'Value share'],
  },
  'zh-CN': {
    sheet: 'ABC分析',
    summary: '汇总',
    cols: ['排名', '客户', '区域', '销售代表', '数值', '占比', '累计占比', '类别'],
    sum: ['类别', '客户数', '客户占比', '数值', '数值占比'],
  },
} as const;

const CHUNK = 2000;

/** `today` (the book's) is the workbook's document date; nothing in the cells depends on it. */
export async function writeParetoWorkbook(
  db: Db,
  file: string,
  scope: RankScope,
  t: ParetoThresholds,
  lang: Lang,
  today: string,
  job?: Job,
): Promise<{ rows: number }> {
  const { ranking: r } = getRanking(db, scope);
  const b = boundaries(r, t);
  const total = Number(r.total);
  const h = PARETO_HEADERS[lang];
  const zh = lang === 'zh-CN';

  function* rows(): Generator<CellValue[]> {
    for (let from = 0; from < r.n; from += CHUNK) {
      const to = Math.min(from + CHUNK, r.n);
      const details = detailsByRowid(db, r.rowids.subarray(from, to));
      for (let i = from; i < to; i++) {
        const d = details.get(r.rowids[i]!);
        if (!d) continue;
        const v = r.values[i]!;
        const pos = v > 0 ? v : 0;
        yield [
          i + 1,
          d.name,
          zh ? d.t_zh : d.t_en,
          (zh ? d.o_zh : d.o_en) ?? '',
          v,
          total > 0 ? pos / total : 0,
          total > 0 ? (cumulativeBefore(r, i) + pos) / total : 0,
          classAt(i, b),
        ];
      }
    }
  }

  const counts = { A: b.aEnd, B: b.bEnd - b.aEnd, C: r.n - b.bEnd };
  const cumA = cumulativeBefore(r, b.aEnd);
  const cumB = cumulativeBefore(r, b.bEnd);
  const values = { A: cumA, B: cumB - cumA, C: total - cumB };
  const summary: CellValue[][] = (['A', 'B', 'C'] as const).map((cls) => [
    cls,
    counts[cls],
    r.n > 0 ? counts[cls] / r.n : 0,
    values[cls],
    total > 0 ? values[cls] / total : 0,
  ]);

  const kinds = ['int', 'text', 'text', 'text', 'money', 'percent', 'percent', 'text'] as const;
  const sheets: SheetSpec[] = [
    { name: h.sheet, columns: h.cols.map((header, i) => ({ header, kind: kinds[i]! })), rows: rows(), rowCount: r.n },
    {
      name: h.summary,
      columns: h.sum.map((header, i) => ({ header, kind: (['text', 'int', 'percent', 'money', 'percent'] as const)[i]! })),
      rows: summary,
    },
  ];
  await writeWorkbook(file, sheets, job ? { job, date: today } : { date: today });
  return { rows: r.n };
}

const PLAN_TEXT = {
  en: {
    plan: 'Plan',
    workload: 'Workload',
    planCols: ['Date', 'Week', 'City', 'Account', 'Grade', 'Contact', 'Visit no.'],
    loadCols: ['Grade', 'Accounts', 'Per account', 'Contact', 'Contacts', 'Days'],
    visit: 'visit',
    call: 'phone call',
    title: (rep: string, month: string) => `Visit plan — ${rep} — ${month}`,
    summary: (p: VisitPlanOut) => `Working days ${p.workingDays}; days needed ${p.daysNeeded}${p.overloaded ? ' — OVERLOADED' : ''}`,
  },
  'zh-CN': {
    plan: '拜访计划',
    workload: '工作量',
    planCols: ['日期', '周', '城市', '客户', '等级', '方式', '第几次'],
    loadCols: ['等级', '客户数', '每户次数', '方式', '总次数', '所需天数'],
    visit: '拜访',
    call: '电话',
    title: (rep: string, month: string) => `拜访计划 — ${rep} — ${month}`,
    summary: (p: VisitPlanOut) => `工作日 ${p.workingDays} 天；需要 ${p.daysNeeded} 天${p.overloaded ? '——超负荷' : ''}`,
  },
} as const;

/** Returns the number of planned contacts (rows of the Plan sheet). */
export async function writeVisitPlanWorkbook(file: string, plan: VisitPlanOut, repName: string, lang: Lang): Promise<{ rows: number }> {
  const x = PLAN_TEXT[lang];
  const planRows: CellValue[][] = [];
  for (const d of plan.days) {
    for (const g of d.groups) {
      for (const c of g.contacts)
        planRows.push([d.date, d.week, c.city ?? '', c.name, c.grade, c.mode === 'visit' ? x.visit : x.call, `${c.n}/${c.of}`]);
    }
  }
  const loadRows: CellValue[][] = plan.byGrade.map((g) => [
    g.grade,
    g.accounts,
    g.perAccount,
    g.mode === 'visit' ? x.visit : x.call,
    g.contacts,
    g.days,
  ]);
  const title = [x.title(repName, plan.month), x.summary(plan)];
  await writeWorkbook(
    file,
    [
      {
        name: x.plan,
        title,
        columns: x.planCols.map((header, i) => ({ header, kind: (['date', 'int', 'text', 'text', 'text', 'text', 'text'] as const)[i]! })),
        rows: planRows,
      },
      {
        name: x.workload,
        title,
        columns: x.loadCols.map((header, i) => ({ header, kind: (['text', 'int', 'int', 'text', 'int', 'number'] as const)[i]! })),
        rows: loadRows,
        totals: ['Total', plan.byGrade.reduce((s, g) => s + g.accounts, 0), null, null, plan.visits + plan.calls, plan.daysNeeded],
      },
    ],
    { date: `${plan.month}-01` },
  );
  return { rows: planRows.length };
}
