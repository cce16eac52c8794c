import type { Db } from '../../../server/db/connection';
import type { Clock } from '../../../server/db/changeLog';
import { readSetting, writeSetting } from '../../../server/settings';
import { AppError } from '../../../shared/errors';
import {
  agingBuckets, agingPolicyProblems, defaultAgingPolicy, defaultLadderPolicy, ladderProblems,
  type AgingPolicy, type Bucket, type LadderPolicy,
} from '../domain';
import type { RcvSettings } from '../contract';

// Buckets, provision rates and ladder thresholds are settings (one JSON value under the
// key 'receivables'); a stored value that is no longer valid falls back to the defaults.

const KEY = 'receivables';

export const defaultRcvSettings: RcvSettings = {
  bounds: defaultAgingPolicy.bounds,
  ratesBp: defaultAgingPolicy.ratesBp,
  ladderFromDays: defaultLadderPolicy.fromDays,
};

export interface Policies {
  settings: RcvSettings;
  aging: AgingPolicy;
  ladder: LadderPolicy;
  buckets: Bucket[];
}

function problems(s: RcvSettings): string[] {
  return [...agingPolicyProblems({ bounds: s.bounds, ratesBp: s.ratesBp }), ...ladderProblems({ fromDays: s.ladderFromDays })];
}

function policiesOf(settings: RcvSettings): Policies {
  const aging = { bounds: settings.bounds, ratesBp: settings.ratesBp };
  return { settings, aging, ladder: { fromDays: settings.ladderFromDays }, buckets: agingBuckets(aging) };
}

export function readPolicies(db: Db): Policies {
  const stored = readSetting<Partial<RcvSettings>>(db, KEY, {});
  const merged = { ...defaultRcvSettings, ...stored };
  return policiesOf(problems(merged).length ? defaultRcvSettings : merged);
}

export function savePolicies(db: Db, clock: Clock, settings: RcvSettings): Policies {
  const bad = problems(settings);
  if (bad.length) throw new AppError('validation', bad.join('; '), { problems: bad });
  writeSetting(db, clock, KEY, settings);
  return policiesOf(settings);
}
