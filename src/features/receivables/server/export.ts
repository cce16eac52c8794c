import type { Db } from '../../../platform/db/connection';
import type { Job } from '../../../platform/jobs';
import {
  columnLetter,
  firstDataRowOf,
  writeWorkbook,
  type CellValue,
  type ColumnSpec,
  type SheetSpec,
} from '../../../platform/excel/workbookWriter';
import { agingBuckets, RUNGS, type ActionKind, type Bucket, type LadderPolicy, type ProvisionBasis } from '../domain';
import type { Booking, Journal } from '../contract';
import { agingOnBasis, detailLines, type DetailLine } from './aging';
import { FROM_THE_START, rateVersions, readPolicies, type Policies, type RateVersion } from './policy';
import { accountNames } from './repo';

// The finance aging workbook (sheets Summary, Detail, Rates) and the provision journal.
// Sheet names and the first headers are a contract with finance's own spreadsheets and the
// CLI; the collection columns come last so a chasing workbook can be annotated and
// re-imported (import.ts reads them back by invoice number).

export type Lang = 'zh-CN' | 'en';

export const SUMMARY_TAIL = ['Total', 'Provision'] as const;
export const DETAIL_HEADERS = [
  'Customer',
  'Invoice',
  'Contract',
  'Invoice date',
  'Due date',
  'Amount',
  'Paid',
  'Outstanding',
  'Days overdue',
  'Bucket',
  'Rate',
  'Provision',
  'Collection stage',
] as const;
/** The collection columns after the contract's headers: written on export, read back on re-import. */
export const COLLECTION_HEADERS = ['Suggested stage', 'Last action', 'Promise date', 'Promise amount', 'Dispute', 'Note'] as const;
export const RATES_HEADERS = ['Bucket', 'From days', 'To days', 'Rate', 'In force from'] as const;

const KIND_LABEL: Record<Lang, Record<ActionKind, string>> = {
  en: {
    reminder: 'Reminder',
    notice: 'Overdue notice',
    finance: 'Finance collection',
    sales: 'Sales-team collection',
    lawyer: 'Lawyer',
    note: 'Note',
  },
  'zh-CN': { reminder: '提醒', notice: '逾期通知书', finance: '财务催收', sales: '销售团队催收', lawyer: '律师催收', note: '备注' },
};
const YES: Record<Lang, string> = { en: 'Yes', 'zh-CN': '是' };

export function kindLabel(kind: ActionKind | null, lang: Lang): string {
  return kind ? KIND_LABEL[lang][kind] : '';
}

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

export function ratesLine(buckets: readonly Bucket[]): string {
  return `Provision rates: ${buckets.map((b) => `${b.label} ${pct(b.rateBp)}`).join(' · ')}`;
}

/** How the date a rate version took effect reads in a workbook. */
export function inForceFrom(effectiveFrom: string): string {
  return effectiveFrom === FROM_THE_START ? 'from the start' : effectiveFrom;
}

/** The provision basis as a workbook states it (domain.ts: why gross is the default, how credit is netted). */
export function basisLine(basis: ProvisionBasis): string {
  return basis === 'gross'
    ? 'Provision basis: gross outstanding. Unapplied customer credit is not netted: it has settled no invoice and may still be refunded.'
    : "Provision basis: net of unapplied credit. Each customer's unapplied credit as of the date is netted against its oldest buckets first; a bucket's provision falls by the credit netted × its rate, rounded to the fen. Detail shows each invoice's provision on its gross outstanding.";
}

function titleBlock(asOf: string, buckets: readonly Bucket[], ladder: LadderPolicy, what: string): string[] {
  return [
    `Accounts receivable aging 应收账款账龄分析 — ${what} — as of ${asOf}`,
    ratesLine(buckets),
    'Provision = outstanding × rate, rounded half away from zero to the fen for each invoice; customer and report totals are sums of those lines. Payments after the as-of date are not counted.',
    `Collection ladder from days overdue: ${RUNGS.map((r, i) => `${KIND_LABEL.en[r]} ${ladder.fromDays[i]}`).join(' · ')}. Collection columns: the log as of ${asOf}.`,
  ];
}

/** A column total as a live formula with its value cached, so the file shows numbers before recalculation. */
function sumCell(col: number, firstRow: number, lastRow: number, result: number): CellValue {
  const c = columnLetter(col);
  return { formula: lastRow >= firstRow ? `SUM(${c}${firstRow}:${c}${lastRow})` : '0', result };
}

function detailRow(l: DetailLine, customer: string, buckets: readonly Bucket[], lang: Lang): CellValue[] {
  const s = l.collection;
  const last = s.last ? `${s.last.date} ${kindLabel(s.last.kind, lang)}${s.last.who ? ` (${s.last.who})` : ''}` : '';
  return [
    customer,
    l.invoiceNo,
    l.contractNo,
    l.invoiceDate,
    l.dueDate,
    l.amount,
    l.paid,
    l.outstanding,
    l.daysOverdue,
    buckets[l.bucket]!.label,
    l.rateBp / 10_000,
    l.provision,
    kindLabel(s.reached, lang),
    kindLabel(s.suggested, lang),
    last,
    s.promise?.date ?? null,
    s.promise?.amount ?? null,
    s.dispute ? YES[lang] : null,
    s.last?.note ?? null,
  ];
}

/**
 * The aging workbook as of a date: a function of the book and the date alone. Payments,
 * allocations and the collection log count up to the as-of date, and the rates are those in
 * force on it, so the workbook for 2026-11-30 made next month is the same workbook.
 */
export async function exportAgingWorkbook(
  db: Db,
  filePath: string,
  asOf: string,
  lang: Lang,
  job?: Job,
): Promise<{ customers: number; invoices: number }> {
  const p = readPolicies(db, asOf);
  const names = accountNames(db);
  const { customers } = agingOnBasis(db, asOf, p.buckets, p.basis);
  const nb = p.buckets.length;

  const summaryColumns: ColumnSpec[] = [
    { header: 'Customer', kind: 'text', width: 36 },
    ...p.buckets.map((b): ColumnSpec => ({ header: b.label, kind: 'money' })),
    { header: 'Total', kind: 'money' },
    { header: 'Provision', kind: 'money' },
  ];
  const summaryTitle = [...titleBlock(asOf, p.buckets, p.ladder, 'Summary by customer'), basisLine(p.basis)];
  const first = firstDataRowOf({ title: summaryTitle });
  const last = first + customers.length - 1;
  const totalCol = nb + 2;
  const summaryRows = customers.map((c, i): CellValue[] => [
    names.get(c.accountId) ?? '',
    ...c.byBucket,
    // The row total is a formula over its buckets too: an auditor sees how it is made.
    { formula: `SUM(B${first + i}:${columnLetter(nb + 1)}${first + i})`, result: c.total },
    c.provision,
  ]);
  const sums = {
    byBucket: p.buckets.map((_, i) => customers.reduce((s, c) => s + c.byBucket[i]!, 0)),
    total: customers.reduce((s, c) => s + c.total, 0),
    provision: customers.reduce((s, c) => s + c.provision, 0),
  };
  const summary: SheetSpec = {
    name: 'Summary',
    title: summaryTitle,
    columns: summaryColumns,
    rows: summaryRows,
    rowCount: customers.length,
    totals: [
      'Total',
      ...sums.byBucket.map((v, i) => sumCell(i + 2, first, last, v)),
      sumCell(totalCol, first, last, sums.total),
      sumCell(totalCol + 1, first, last, sums.provision),
    ],
    landscape: true,
  };

  const detailTitle = titleBlock(asOf, p.buckets, p.ladder, 'Detail by invoice');
  const dFirst = firstDataRowOf({ title: detailTitle });
  const invoiceCount = customers.reduce((s, c) => s + c.invoices, 0);
  const detailTotals = { amount: 0, paid: 0, outstanding: 0, provision: 0 };
  let written = 0;
  function* rows(): Generator<CellValue[]> {
    for (const l of detailLines(
      db,
      customers.map((c) => c.accountId),
      asOf,
      p.buckets,
      p.ladder,
    )) {
      detailTotals.amount += l.amount;
      detailTotals.paid += l.paid;
      detailTotals.outstanding += l.outstanding;
      detailTotals.provision += l.provision;
      written++;
      yield detailRow(l, names.get(l.accountId) ?? '', p.buckets, lang);
    }
  }
  const detailColumns: ColumnSpec[] = [
    { header: 'Customer', kind: 'text', width: 30 },
    { header: 'Invoice', kind: 'text', width: 16 },
    { header: 'Contract', kind: 'text', width: 14 },
    { header: 'Invoice date', kind: 'date' },
    { header: 'Due date', kind: 'date' },
    { header: 'Amount', kind: 'money', width: 15 },
    { header: 'Paid', kind: 'money', width: 15 },
    { header: 'Outstanding', kind: 'money', width: 15 },
    { header: 'Days overdue', kind: 'int', width: 9 },
    { header: 'Bucket', kind: 'text', width: 9 },
    { header: 'Rate', kind: 'percent', width: 8 },
    { header: 'Provision', kind: 'money', width: 15 },
    { header: 'Collection stage', kind: 'text', width: 14 },
    { header: 'Suggested stage', kind: 'text', width: 14 },
    { header: 'Last action', kind: 'text', width: 26 },
    { header: 'Promise date', kind: 'date' },
    { header: 'Promise amount', kind: 'money', width: 14 },
    { header: 'Dispute', kind: 'text', width: 8 },
    { header: 'Note', kind: 'text', width: 30 },
  ];
  // Totals are summed while the rows stream; the writer reads `totals` after the last row.
  const detail: SheetSpec = {
    name: 'Detail',
    title: detailTitle,
    columns: detailColumns,
    rows: rows(),
    rowCount: invoiceCount,
    landscape: true,
    get totals(): CellValue[] {
      const dLast = dFirst + written - 1;
      const t: CellValue[] = [
        'Total',
        null,
        null,
        null,
        null,
        sumCell(6, dFirst, dLast, detailTotals.amount),
        sumCell(7, dFirst, dLast, detailTotals.paid),
        sumCell(8, dFirst, dLast, detailTotals.outstanding),
        null,
        null,
        null,
      ];
      t.push(sumCell(12, dFirst, dLast, detailTotals.provision));
      return t;
    },
  };

  await writeWorkbook(filePath, [summary, detail, ratesSheet(db, asOf, p)], { job, date: asOf });
  return { customers: customers.length, invoices: written };
}

/**
 * The date since which a bucket (same days, same rate) has been in force: the version in
 * force, walked back through earlier versions while they had the bucket unchanged.
 */
function bucketInForceSince(versions: readonly RateVersion[], effectiveFrom: string, bucket: Bucket): string {
  const upTo = versions.filter((v) => v.effectiveFrom <= effectiveFrom);
  let since = effectiveFrom;
  for (let i = upTo.length - 2; i >= 0; i--) {
    const same = agingBuckets(upTo[i]!).some((b) => b.label === bucket.label && b.rateBp === bucket.rateBp);
    if (!same) break;
    since = upTo[i]!.effectiveFrom;
  }
  return since;
}

/** The rates in force on the as-of date, each with the date it took effect, and the versions around it. */
function ratesSheet(db: Db, asOf: string, p: Policies): SheetSpec {
  const versions = rateVersions(db);
  const later = versions.filter((v) => v.effectiveFrom > asOf).map((v) => v.effectiveFrom);
  const earlier = versions.filter((v) => v.effectiveFrom < p.effectiveFrom).map((v) => inForceFrom(v.effectiveFrom));
  return {
    name: 'Rates',
    title: [
      `Provision rates in force on ${asOf}: the rates effective ${inForceFrom(p.effectiveFrom)}`,
      'Days overdue = as-of date − due date in calendar days; Current = not yet due (0 days or fewer).',
      `Rate changes take effect from their date; an aging as of a date uses the rates in force on it.${earlier.length ? ` Earlier rates: ${earlier.join(', ')}.` : ''}${later.length ? ` Later changes not applied here: ${later.join(', ')}.` : ''}`,
    ],
    columns: RATES_HEADERS.map((h, i): ColumnSpec => ({
      header: h,
      kind: i === 0 || i === 4 ? 'text' : i === 3 ? 'percent' : 'int',
      width: i === 0 ? 12 : i === 4 ? 16 : 10,
    })),
    rows: p.buckets.map((b) => [
      b.label,
      b.fromDays,
      b.toDays,
      b.rateBp / 10_000,
      inForceFrom(bucketInForceSince(versions, p.effectiveFrom, b)),
    ]),
  };
}

const LEDGER_LABEL: Record<string, string> = {
  badDebtExpense: 'Bad-debt expense 信用减值损失（坏账损失）',
  allowanceForDoubtfulAccounts: 'Allowance for doubtful accounts 坏账准备',
};

export const MOVEMENTS_HEADERS = [
  'Customer',
  'Opening balance',
  'Prior-period adjustment',
  'Period movement',
  'Closing balance',
  'Total movement',
] as const;

function bookingText(b: Booking): string {
  return `the provision booked to ${b.bookedTo} by ${b.bookedBy} at ${b.bookedAt}`;
}

/** What the journal's balances are: which bookings, which requirement, and how the movement splits. */
function journalTitle(j: Journal): string[] {
  const openedOn = j.openingBooking?.bookedTo;
  return [
    `Bad-debt provision journal 坏账准备计提 — ${j.from} → ${j.to}`,
    `Opening balance: ${j.openingBooking ? bookingText(j.openingBooking) : `nothing booked on or before ${j.from} (0)`}. Closing balance: ${j.closingBooking ? bookingText(j.closingBooking) : `the provision required at ${j.to}, not booked yet`}.`,
    openedOn
      ? `Prior-period adjustment = the requirement at ${openedOn} recomputed${j.closingBooking ? ' when the closing balance was booked' : ''} − the figure booked then (changes dated before ${openedOn}, entered after it). Period movement = closing balance − recomputed opening.`
      : 'No opening booking: the period movement is the whole closing balance.',
    basisLine(j.basis),
    'Journal lines post the total movement. Increase: debit bad-debt expense, credit allowance. Decrease: the reverse.',
  ];
}

/** The provision journal: the journal lines to post, then the movements by customer. */
export async function exportJournalWorkbook(filePath: string, j: Journal, job?: Job): Promise<{ rows: number }> {
  const title = journalTitle(j);
  const first = firstDataRowOf({ title });
  const lLast = first + j.lines.length - 1;
  const mLast = first + j.movements.length - 1;
  const sumDebit = j.lines.reduce((s, l) => s + l.debit, 0);
  const sumCredit = j.lines.reduce((s, l) => s + l.credit, 0);
  const figures = ['opening', 'adjustment', 'movement', 'closing', 'change'] as const;
  await writeWorkbook(
    filePath,
    [
      {
        name: 'Journal',
        title,
        columns: [
          { header: 'Customer', kind: 'text', width: 36 },
          { header: 'Ledger account', kind: 'text', width: 44 },
          { header: 'Debit', kind: 'money' },
          { header: 'Credit', kind: 'money' },
        ],
        rows: j.lines.map((l) => [l.customer, LEDGER_LABEL[l.ledger] ?? l.ledger, l.debit || null, l.credit || null]),
        totals: ['Total', null, sumCell(3, first, lLast, sumDebit), sumCell(4, first, lLast, sumCredit)],
      },
      {
        name: 'Movements',
        title,
        columns: MOVEMENTS_HEADERS.map((header, i): ColumnSpec =>
          i === 0 ? { header, kind: 'text', width: 36 } : { header, kind: 'money', width: 16 },
        ),
        rows: j.movements.map((m) => [m.customer, ...figures.map((k) => m[k])]),
        totals: ['Total', ...figures.map((k, i) => sumCell(i + 2, first, mLast, j.totals[k]))],
      },
    ],
    { job, date: j.to },
  );
  return { rows: j.lines.length };
}
