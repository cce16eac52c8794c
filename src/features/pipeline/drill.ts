// Drilling through the weekly review: which review rows stand behind a number
// (docs/en/pipeline.md, "every number clicks through to the opportunities behind it").
import type { MovementClass } from './domain';
import type { BridgeParts, ReviewRow } from './reviewModel';

export type ReviewMetric =
  | 'all'
  | MovementClass
  | 'openFrom'
  | 'openTo'
  | 'stalled'
  | 'slipped'
  | 'increase'
  | 'decrease'
  | 'stageOpen'
  | 'stageMovedDown'
  | 'stageLost'
  | 'stageStalled'
  | 'stageVisited'
  | 'bridgeStart'
  | 'bridgeNew'
  | 'bridgeIncrease'
  | 'bridgeDecrease'
  | 'bridgeWon'
  | 'bridgeLost'
  | 'bridgeSlipped'
  | 'bridgeEnd';

/** The rows behind one number of the review; stageId/ownerId/territoryId narrow it. */
export interface Drill {
  metric: ReviewMetric;
  stageId?: string;
  ownerId?: string;
  territoryId?: string;
}

const BRIDGE_PART: Partial<Record<ReviewMetric, keyof BridgeParts>> = {
  bridgeStart: 'start',
  bridgeNew: 'new',
  bridgeIncrease: 'increase',
  bridgeDecrease: 'decrease',
  bridgeWon: 'won',
  bridgeLost: 'lost',
  bridgeSlipped: 'slipped',
  bridgeEnd: 'end',
};

export function matchesDrill(r: ReviewRow, d: Drill): boolean {
  if (d.ownerId !== undefined && r.ownerId !== d.ownerId) return false;
  if (d.territoryId !== undefined && r.territoryId !== d.territoryId) return false;
  const part = BRIDGE_PART[d.metric];
  if (part) return r.bridge[part] !== 0;
  switch (d.metric) {
    case 'all':
      return true;
    case 'openFrom':
      return r.statusFrom === 'open';
    case 'openTo':
      return r.statusTo === 'open';
    case 'stalled':
      return r.stalled;
    case 'slipped':
      return r.slippedDays !== null;
    case 'increase':
      return r.amountDelta > 0;
    case 'decrease':
      return r.amountDelta < 0;
    case 'stageOpen':
      return r.statusTo === 'open' && r.stageTo === d.stageId;
    case 'stageStalled':
      return r.stalled && r.stageTo === d.stageId;
    case 'stageMovedDown':
      return r.exits.some((x) => x.stageId === d.stageId && (x.exit === 'forward' || x.exit === 'won'));
    case 'stageLost':
      return r.exits.some((x) => x.stageId === d.stageId && x.exit === 'lost');
    case 'stageVisited':
      return r.visited.includes(d.stageId ?? '');
    default:
      return r.change === d.metric;
  }
}
