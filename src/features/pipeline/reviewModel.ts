import type { Fen } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import type { ExitKind, MovementClass, OppStatus, StageRef, StageIndex } from './domain';

// What the weekly review is made of (./review builds it, ./reviewTotals sums it): its inputs,
// one row per opportunity, and the totals the screen, the workbook and the drill-down show.

export interface ReviewInput {
  from: IsoDate;
  to: IsoDate;
  /** An open opportunity is stalled when its stage has not changed for this many days. */
  stallDays: number;
  /** The bridge's pipeline: open opportunities expected to close on or before this date (null: all). */
  periodEnd: IsoDate | null;
  /** The active model's stages by position. */
  stages: readonly StageRef[];
  index: StageIndex;
}

/** How one opportunity moves the pipeline amount from `from` to `to`; all parts are ≥ 0. */
export interface BridgeParts {
  start: Fen;
  new: Fen;
  increase: Fen;
  decrease: Fen;
  won: Fen;
  lost: Fen;
  slipped: Fen;
  end: Fen;
}

/** Why an opportunity entered the bridge's pipeline during the period. */
export type EntryReason = 'new' | 'reopened' | 'pulledIn';

export interface StageExit {
  stageId: string;
  exit: ExitKind;
  /** Days spent in the stage before leaving it. */
  days: number;
}

export interface ReviewRow {
  id: string;
  accountId: string;
  territoryId: string;
  /** Owner as of `to`. */
  ownerId: string;
  stageFrom: string | null;
  stageTo: string;
  statusFrom: OppStatus | null;
  statusTo: OppStatus;
  amountFrom: Fen | null;
  amountTo: Fen;
  closeFrom: IsoDate | null;
  closeTo: IsoDate;
  /** Weighted amount at `to` when open there, else 0. */
  weightedTo: Fen;
  change: MovementClass;
  /** Closed at `from`, open at `to`. */
  reopened: boolean;
  daysInStage: number | null;
  stalled: boolean;
  /** Open at both dates and the expected close moved later by this many days. */
  slippedDays: number | null;
  /** amountTo − amountFrom when open at `from`, else 0. */
  amountDelta: Fen;
  /** Stages left during (from, to]. */
  exits: StageExit[];
  /** Stages it was open in at some time during [from, to]. */
  visited: string[];
  bridge: BridgeParts;
  entry: EntryReason | null;
}

export interface StageMetrics {
  stageId: string;
  opportunities: number;
  accounts: number;
  amount: Fen;
  forecast: Fen;
  movedDown: number;
  accountsMovedDown: number;
  /** Average days in the stage of those that moved down; null when none did. */
  speedDays: number | null;
  lost: number;
  accountsLost: number;
  /** Opportunities that were in the stage at some time in the period: the loss ratio's base. */
  visited: number;
  lossRatioBp: number | null;
  stalled: number;
  accountsStalled: number;
  stallRatioBp: number | null;
}

export interface GroupTotals {
  key: string;
  counts: Record<MovementClass, number>;
  openFrom: number;
  amountFrom: Fen;
  openTo: number;
  amountTo: Fen;
  weightedTo: Fen;
  wonAmount: Fen;
  lostAmount: Fen;
  stalled: number;
  slipped: number;
}

export interface ForecastMonth {
  month: string;
  count: number;
  amount: Fen;
  weighted: Fen;
}

export interface Review {
  from: IsoDate;
  to: IsoDate;
  stallDays: number;
  periodEnd: IsoDate | null;
  rows: ReviewRow[];
  counts: Record<MovementClass, number>;
  stalled: number;
  slipped: number;
  increases: { count: number; amount: Fen };
  decreases: { count: number; amount: Fen };
  pipelineFrom: { count: number; amount: Fen };
  pipelineTo: { count: number; amount: Fen; weighted: Fen };
  perStage: StageMetrics[];
  byOwner: GroupTotals[];
  byTerritory: GroupTotals[];
  bridge: BridgeParts;
  forecast: ForecastMonth[];
}

export const MOVEMENT_CLASSES: readonly MovementClass[] = ['new', 'advanced', 'movedBack', 'won', 'lost', 'unchanged'];
