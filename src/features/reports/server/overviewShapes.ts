import type { ServerContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/connection';
import type { IsoDate } from '../../../shared/dates';
import type { Fen } from '../../../shared/money';
import type { CommitmentItem, ReviewOut, Stage } from '../../pipeline/contract';
import type { PlanGrade } from '../../pareto/visitPlan';
import type { ParetoAnalysis, ParetoSettings, VisitPlanOut } from '../../pareto/contract';
import type { CollectionItem } from '../../receivables/contract';
import type { ReportWeek } from '../periods';
import type { ForecastReview } from './forecastService';
import type { Scope } from './repo';

// The overview's shapes (what it reads from other features, what it answers), apart from
// overview.ts so the visits module can use them without an import cycle.

/**
 * What the overview reads from the pipeline, Pareto and receivables features. A feature may
 * not import another's server/, so src/app (the composition root, src/app/overviewSources.ts)
 * supplies these, each the very function that feature's own channel runs.
 */
export interface OverviewSources {
  /** The pipeline review between two days: movement, stalled deals, the open pipeline. */
  review(db: Db, req: Scope & { from: IsoDate; to: IsoDate }): ReviewOut;
  commitment(db: Db, id: string, asOf: IsoDate): CommitmentItem;
  /** The active sales model's stages. */
  stages(db: Db): Stage[];
  paretoSettings(db: Db): ParetoSettings;
  /** A rep's monthly visit plan (what `pareto:visitPlan` answers). */
  visitPlan(ctx: ServerContext, month: string, ownerId: string): VisitPlanOut;
  /** The A/B/C composition of the accounts in scope, by the book's Pareto settings. */
  composition(db: Db, scope: Scope): ParetoAnalysis['composition'];
  /** Every overdue open invoice on `asOf` with its place on the collection ladder. */
  overdue(db: Db, asOf: IsoDate): CollectionItem[];
}

export interface RepLine {
  ownerId: string;
  nameZh: string;
  nameEn: string;
  territoryId: string;
  quotaMonth: Fen;
  wonMonth: Fen;
  quotaQuarter: Fen;
  wonQuarter: Fen;
  /** Open opportunities (as of the report day) expected to close in the quarter. */
  openQuarter: Fen;
  attainmentMonth: number | null;
  attainmentQuarter: number | null;
  coverage: number | null;
}

export type MovementKind = 'new' | 'advanced' | 'movedBack' | 'won' | 'lost' | 'slipped';
export const MOVEMENT_KINDS: readonly MovementKind[] = ['new', 'advanced', 'movedBack', 'won', 'lost', 'slipped'];

export interface MovementLine {
  opportunityId: string;
  name: string;
  ownerId: string;
  kind: MovementKind;
  from: string | null;
  to: string | null;
  amount: Fen;
}

export interface Overview {
  week: ReportWeek;
  quarter: string;
  reps: RepLine[];
  total: Omit<RepLine, 'ownerId' | 'nameZh' | 'nameEn' | 'territoryId'>;
  forecast: ForecastReview;
  movement: { lines: MovementLine[]; counts: Record<MovementKind, number>; amounts: Record<MovementKind, Fen> };
  stalled: {
    opportunityId: string;
    name: string;
    accountName: string;
    ownerId: string;
    stageId: string;
    days: number;
    amount: Fen;
    expectedClose: IsoDate;
  }[];
  stallDays: number;
  commitments: {
    id: string;
    opportunityId: string;
    opportunityName: string;
    ownerId: string;
    step: string;
    reviewDate: IsoDate;
    dueDate: IsoDate;
    outcome: 'kept' | 'notKept' | 'pending';
    week: 'this' | 'last';
  }[];
  visits: {
    dueByClass: Record<PlanGrade, { visits: number; calls: number }>;
    accounts: {
      accountId: string;
      name: string;
      ownerId: string;
      grade: PlanGrade;
      planned: number;
      lastVisit: IsoDate | null;
      daysSince: number | null;
      allowedDays: number | null;
      overdue: boolean;
    }[];
    overdue: number;
  };
  receivables: {
    invoiceId: string;
    invoiceNo: string;
    accountId: string;
    customer: string;
    dueDate: IsoDate;
    daysOverdue: number;
    outstanding: Fen;
    reached: string | null;
    suggested: string | null;
  }[];
  overdueTotal: { count: number; amount: Fen };
  composition: { cls: 'A' | 'B' | 'C'; accounts: number; accountShare: number; healthyShare: number }[];
  negotiations: { id: string; name: string; opportunityName: string | null; rounds: number; lastHeld: IsoDate | null; nextRound: number }[];
  stages: { id: string; nameZh: string; nameEn: string }[];
}

export interface OverviewInput extends Scope {
  week: IsoDate;
  today?: IsoDate | undefined;
}
