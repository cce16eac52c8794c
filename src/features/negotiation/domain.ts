import { mulDivRound } from '../../shared/money';
import type { Direction } from './contract';
import { formatIssueValue, type Lang } from './units';

// The concession ladder and its checks (docs/en/negotiation.md). Pure: plain data in, plain data out,
// so the editor runs it on every keystroke and the exporter writes the same checks.
//
// Sign convention: for an issue where higher is better for us (price) a concession lowers
// the value; where lower is better (payment days) it raises it. With d = +1 (higher) or -1
// (lower), "goodness" is d·value, a step's size is d·(previous − position) — positive when
// the step concedes toward the floor — and the margin is d·(quote − floor).

export interface PlanStep {
  entered: 'position' | 'size';
  position: number | null;
  size: number | null;
  exchange: string;
  tradedIssueId: string | null;
  tradedAmount: number | null;
}

export interface PlanIssue {
  id: string;
  name: string;
  unit: string;
  direction: Direction;
  quote: number | null;
  target: number | null;
  floor: number | null;
  theirOpening: number | null;
  theirFloor: number | null;
  ourPriority: number;
  theirPriority: number;
  steps: PlanStep[];
}

export interface LadderStep {
  stepNo: number;
  /** Position after the step (typed, or derived from the size). */
  position: number | null;
  /** Size of the step toward the floor (typed, or derived from the positions). */
  size: number | null;
  /** Concession from the quote up to and including this step. */
  cumulative: number | null;
  /** cumulative / margin in basis points (rounded half away from zero); null without a margin. */
  percentOfMarginBp: number | null;
}

export interface Ladder {
  /** Negotiation margin (谈判获利空间): d·(quote − floor); null when either is missing. */
  margin: number | null;
  steps: LadderStep[];
  /** Where the plan ends: the last step's position, or the quote when there are no steps. */
  finalPosition: number | null;
  totalConcession: number | null;
  percentOfMarginBp: number | null;
  /** Zone of agreement between our floor and our estimate of theirs, when it is not empty. */
  zopa: { from: number; to: number } | null;
}

export type Severity = 'error' | 'warning';
export type RuleCode =
  | 'order'
  | 'past-floor'
  | 'no-exchange'
  | 'not-toward-floor'
  | 'growing-steps'
  | 'short-of-target'
  | 'beyond-target'
  | 'margin'
  | 'their-floor-beyond-quote'
  | 'empty-zopa';
/** The field a check is shown beside. */
export type CheckField = 'quote' | 'target' | 'floor' | 'position' | 'exchange' | 'theirFloor';

export interface Check {
  rule: RuleCode;
  severity: Severity;
  issueId: string;
  issueName: string;
  /** 1-based step number for step checks; null for checks of the issue as a whole. */
  stepNo: number | null;
  field: CheckField;
  message: Record<Lang, string>;
}

export const ruleSeverity: Record<RuleCode, Severity> = {
  order: 'error',
  'past-floor': 'error',
  'no-exchange': 'error',
  'not-toward-floor': 'error',
  margin: 'error',
  'growing-steps': 'warning',
  'short-of-target': 'warning',
  'beyond-target': 'warning',
  'their-floor-beyond-quote': 'warning',
  'empty-zopa': 'warning',
};

/** docs/en/negotiation.md's rule words (the seeds' Chinese and our English), quoted in every message. */
export const ruleWords = {
  ladder: { 'zh-CN': '让步阶梯从报价走向目标价，永远不越过底价', en: 'the ladder runs quote → … → target, never past the floor' },
  authority: { 'zh-CN': '让步必须在授权范围之内', en: 'stay within your authority' },
  exchange: { 'zh-CN': '让步必须有交换条件', en: 'never concede without an exchange' },
  shrink: { 'zh-CN': '让步幅度应逐次递减', en: 'good practice: steps shrink' },
  margin: { 'zh-CN': '谈判获利空间 = 报价 − 底价', en: 'negotiation margin = quote − floor' },
  floorSecret: { 'zh-CN': '永远不要暴露自己底线', en: 'never reveal the floor' },
} as const;

const sign = (d: Direction) => (d === 'higher' ? 1 : -1);

/** The ladder of one issue with every derived number. */
export function ladderOf(issue: PlanIssue): Ladder {
  const d = sign(issue.direction);
  const { quote, floor } = issue;
  const margin = quote !== null && floor !== null ? d * (quote - floor) : null;
  const pct = (c: number | null) => (c !== null && margin !== null && margin > 0 ? mulDivRound(c, 10_000, margin) : null);
  let prev = quote;
  const steps = issue.steps.map((s, i): LadderStep => {
    let position: number | null;
    let size: number | null;
    if (s.entered === 'size') {
      size = s.size;
      position = prev !== null && size !== null ? prev - d * size : null;
    } else {
      position = s.position;
      size = prev !== null && position !== null ? d * (prev - position) : null;
    }
    prev = position;
    const cumulative = quote !== null && position !== null ? d * (quote - position) : null;
    return { stepNo: i + 1, position, size, cumulative, percentOfMarginBp: pct(cumulative) };
  });
  const finalPosition = steps.length ? steps[steps.length - 1]!.position : quote;
  const totalConcession = quote !== null && finalPosition !== null ? d * (quote - finalPosition) : null;
  const tf = issue.theirFloor;
  const zopa = floor !== null && tf !== null && d * tf >= d * floor ? { from: floor, to: tf } : null;
  return { margin, steps, finalPosition, totalConcession, percentOfMarginBp: pct(totalConcession), zopa };
}

/** "81.97%" from basis points. */
export function formatBp(bp: number | null): string {
  if (bp === null) return '—';
  const abs = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

type Text = Record<Lang, string>;
const both = (f: (lang: Lang) => string): Text => ({ 'zh-CN': f('zh-CN'), en: f('en') });

/** Every failed check of every issue, in issue order then step order. */
export function concessionChecks(worksheet: { issues: PlanIssue[] }): Check[] {
  return worksheet.issues.flatMap(issueChecks);
}

export function issueChecks(issue: PlanIssue): Check[] {
  const out: Check[] = [];
  const d = sign(issue.direction);
  const g = (x: number) => d * x;
  const v = (x: number | null, lang: Lang) => formatIssueValue(x, issue.unit, lang);
  const add = (rule: RuleCode, field: CheckField, stepNo: number | null, message: Text) =>
    out.push({ rule, severity: ruleSeverity[rule], issueId: issue.id, issueName: issue.name, stepNo, field, message });
  const { quote: q, target: t, floor: f, theirFloor: tf } = issue;
  const name = issue.name;
  const stepLabel = (n: number, lang: Lang) => (lang === 'zh-CN' ? `${name} 第${n}次让步` : `${name}, step ${n}`);

  // Quote, target and floor in order for the direction: d·quote ≥ d·target ≥ d·floor.
  const disorder =
    (q !== null && t !== null && g(t) > g(q)) || (t !== null && f !== null && g(t) < g(f)) || (q !== null && f !== null && g(f) > g(q));
  if (disorder) {
    const field: CheckField = q !== null && f !== null && g(f) > g(q) ? 'floor' : 'target';
    add(
      'order',
      field,
      null,
      both((lang) => {
        const vals =
          lang === 'zh-CN'
            ? `报价 ${v(q, lang)}、目标价 ${v(t, lang)}、底价 ${v(f, lang)}`
            : `quote ${v(q, lang)}, target ${v(t, lang)} and floor ${v(f, lang)}`;
        return lang === 'zh-CN'
          ? `${name}：${vals} 顺序不对——此项越${d > 0 ? '高' : '低'}对我方越有利，应为 报价 ${d > 0 ? '≥' : '≤'} 目标价 ${d > 0 ? '≥' : '≤'} 底价（${ruleWords.ladder[lang]}）。`
          : `${name}: ${vals} are out of order — ${d > 0 ? 'higher' : 'lower'} is better for us here, so quote ${d > 0 ? '≥' : '≤'} target ${d > 0 ? '≥' : '≤'} floor (${ruleWords.ladder[lang]}).`;
      }),
    );
  }

  const ladder = ladderOf(issue);
  let prevSize: number | null = null;
  let prevPos = q;
  ladder.steps.forEach((s, i) => {
    const step = issue.steps[i]!;
    const n = s.stepNo;
    if (s.size !== null && s.size <= 0) {
      add(
        'not-toward-floor',
        'position',
        n,
        both((lang) =>
          lang === 'zh-CN'
            ? `${stepLabel(n, lang)}：${v(prevPos, lang)} → ${v(s.position, lang)} 没有向底价方向让步——每一次让步都从报价向目标价移动（${ruleWords.ladder[lang]}）。`
            : `${stepLabel(n, lang)}: ${v(prevPos, lang)} → ${v(s.position, lang)} does not move toward the floor — each step concedes from the quote toward the target (${ruleWords.ladder[lang]}).`,
        ),
      );
    }
    if (f !== null && s.position !== null && g(s.position) < g(f)) {
      add(
        'past-floor',
        'position',
        n,
        both((lang) =>
          lang === 'zh-CN'
            ? `${stepLabel(n, lang)}：让步后 ${v(s.position, lang)} 越过了底价 ${v(f, lang)}——${ruleWords.ladder[lang]}；${ruleWords.authority[lang]}。`
            : `${stepLabel(n, lang)}: ${v(s.position, lang)} goes past the floor ${v(f, lang)} — ${ruleWords.ladder[lang]}; ${ruleWords.authority[lang]}.`,
        ),
      );
    }
    if (step.exchange.trim() === '' && step.tradedIssueId === null) {
      add(
        'no-exchange',
        'exchange',
        n,
        both((lang) =>
          lang === 'zh-CN'
            ? `${stepLabel(n, lang)}：没有提出交换条件——${ruleWords.exchange[lang]}。`
            : `${stepLabel(n, lang)}: no exchange demanded — ${ruleWords.exchange[lang]}.`,
        ),
      );
    }
    if (prevSize !== null && s.size !== null && prevSize > 0 && s.size > prevSize) {
      const before = prevSize;
      add(
        'growing-steps',
        'position',
        n,
        both((lang) =>
          lang === 'zh-CN'
            ? `${stepLabel(n, lang)}：让步幅度 ${v(s.size, lang)} 大于上一次的 ${v(before, lang)}——${ruleWords.shrink[lang]}。`
            : `${stepLabel(n, lang)}: this step (${v(s.size, lang)}) is larger than the one before (${v(before, lang)}) — ${ruleWords.shrink[lang]}.`,
        ),
      );
    }
    prevSize = s.size;
    prevPos = s.position;
  });

  // Where the plan ends compared with the target (only once there is a plan: no steps
  // means the issue's concessions are not planned yet, which is no failure).
  const end = ladder.finalPosition;
  const last = ladder.steps.length;
  if (last > 0 && end !== null && t !== null) {
    if (g(end) > g(t)) {
      add(
        'short-of-target',
        'position',
        last,
        both((lang) =>
          lang === 'zh-CN'
            ? `${name}：计划的让步止于 ${v(end, lang)}，尚未到达目标价 ${v(t, lang)}——${ruleWords.ladder[lang]}。`
            : `${name}: the plan ends at ${v(end, lang)}, short of the target ${v(t, lang)} — ${ruleWords.ladder[lang]}.`,
        ),
      );
    } else if (g(end) < g(t) && (f === null || g(end) >= g(f))) {
      // Past the floor is reported by past-floor; this is the plan giving more than the target.
      add(
        'beyond-target',
        'position',
        last,
        both((lang) =>
          lang === 'zh-CN'
            ? `${name}：计划的让步止于 ${v(end, lang)}，超过了目标价 ${v(t, lang)}——让出的比目标多（${ruleWords.ladder[lang]}）。`
            : `${name}: the plan ends at ${v(end, lang)}, beyond the target ${v(t, lang)} — it gives away more than the target (${ruleWords.ladder[lang]}).`,
        ),
      );
    }
  }

  // Total planned concession against the margin: a failure only when it exceeds the margin.
  if (last > 0 && ladder.margin !== null && ladder.totalConcession !== null && ladder.totalConcession > ladder.margin) {
    add(
      'margin',
      'position',
      last,
      both(
        (lang) =>
          `${marginText(issue, ladder, lang)}${lang === 'zh-CN' ? `——超出了谈判获利空间；${ruleWords.authority[lang]}。` : ` — more than the margin; ${ruleWords.authority[lang]}.`}`,
      ),
    );
  }

  // Our estimate of the customer's floor: beyond our quote, or no zone of agreement.
  if (tf !== null && q !== null && g(tf) > g(q)) {
    add(
      'their-floor-beyond-quote',
      'theirFloor',
      null,
      both((lang) =>
        lang === 'zh-CN'
          ? `${name}：我们估计客户的底线是 ${v(tf, lang)}，${d > 0 ? '高于' : '低于'}我方报价 ${v(q, lang)}——客户能接受的比我们要的更多，请重新考虑报价。`
          : `${name}: we estimate the customer's floor at ${v(tf, lang)}, ${d > 0 ? 'above' : 'below'} our quote ${v(q, lang)} — they would accept more than we ask; reconsider the quote.`,
      ),
    );
  }
  if (tf !== null && f !== null && g(tf) < g(f)) {
    add(
      'empty-zopa',
      'theirFloor',
      null,
      both((lang) =>
        lang === 'zh-CN'
          ? `${name}：没有可成交区间（ZOPA）——估计客户底线 ${v(tf, lang)} ${d > 0 ? '低于' : '高于'}我方底价 ${v(f, lang)}；按此估计，这一项单独无法成交，只能用其他条件交换。`
          : `${name}: no zone of agreement (ZOPA) — we estimate the customer's floor at ${v(tf, lang)}, ${d > 0 ? 'below' : 'above'} our floor ${v(f, lang)}; on this estimate there is no deal on this issue alone, only by trading other issues.`,
      ),
    );
  }
  return out;
}

/** "Planned concessions total ¥1,000,000 = 81.97% of the negotiation margin ¥1,220,000 (quote − floor)". */
export function marginText(issue: PlanIssue, ladder: Ladder, lang: Lang): string {
  const v = (x: number | null) => formatIssueValue(x, issue.unit, lang);
  const pct =
    ladder.margin === 0
      ? lang === 'zh-CN'
        ? '无获利空间（报价 = 底价）'
        : 'no margin (quote = floor)'
      : formatBp(ladder.percentOfMarginBp);
  return lang === 'zh-CN'
    ? `${issue.name}：计划让步合计 ${v(ladder.totalConcession)}，占谈判获利空间 ${v(ladder.margin)}（报价 − 底价）的 ${pct}`
    : `${issue.name}: planned concessions total ${v(ladder.totalConcession)} = ${pct} of the negotiation margin ${v(ladder.margin)} (quote − floor)`;
}
