import type { Db } from '../../../platform/db/connection';
import { insertRow, softDelete, type ChangeWriter } from '../../../platform/db/changeLog';
import { readSetting, writeSetting } from '../../../platform/settings';
import { AppError } from '../../../shared/errors';
import type { IsoDate } from '../../../shared/dates';
import {
  agingBuckets,
  agingPolicyProblems,
  defaultAgingPolicy,
  defaultLadderPolicy,
  DEFAULT_PROVISION_BASIS,
  ladderProblems,
  PROVISION_BASES,
  type AgingPolicy,
  type Bucket,
  type LadderPolicy,
  type ProvisionBasis,
} from '../domain';
import type { RcvSettings } from '../contract';

// Buckets and provision rates are versioned (rcv_rate_versions): a change takes effect from
// a date the user gives, and everything computed as of D uses the version in force on D.
// The ladder thresholds are one current setting (they steer today's chasing, not a past
// figure). A stored policy that is not valid is an error the user sees, never a silent
// fall-back to the defaults: a provision computed from rates nobody chose is worse than none.
// The provision basis (gross, or net of unapplied credit; see domain.ts) is one current
// setting beside the ladder; every workbook states the basis it was made on.

const KEY = 'receivables';
/** effective_from of the rates that apply from the start (before any dated change). */
export const FROM_THE_START = '0000-01-01';

export const defaultRcvSettings: RcvSettings = {
  bounds: defaultAgingPolicy.bounds,
  ratesBp: defaultAgingPolicy.ratesBp,
  ladderFromDays: defaultLadderPolicy.fromDays,
  provisionBasis: DEFAULT_PROVISION_BASIS,
};

export interface Policies {
  settings: RcvSettings;
  aging: AgingPolicy;
  ladder: LadderPolicy;
  buckets: Bucket[];
  basis: ProvisionBasis;
  /** The date the rates in force took effect; FROM_THE_START when they were never changed. */
  effectiveFrom: IsoDate;
}

export interface RateVersion extends AgingPolicy {
  effectiveFrom: IsoDate;
}

function policiesOf(settings: RcvSettings, effectiveFrom: IsoDate): Policies {
  const aging = { bounds: settings.bounds, ratesBp: settings.ratesBp };
  const basis = settings.provisionBasis ?? DEFAULT_PROVISION_BASIS;
  return { settings, aging, ladder: { fromDays: settings.ladderFromDays }, buckets: agingBuckets(aging), basis, effectiveFrom };
}

/** The stored current setting: the ladder, and the rates from the start for a book with no versions. */
function storedSetting(db: Db): RcvSettings {
  return { ...defaultRcvSettings, ...readSetting<Partial<RcvSettings>>(db, KEY, {}) };
}

function parseJsonArray(text: string): number[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as number[]) : [];
  } catch {
    return [];
  }
}

/** Every rate version, oldest first (the implicit one from the start when none was saved). */
export function rateVersions(db: Db): RateVersion[] {
  const rows = db
    .prepare('SELECT effective_from, bounds, rates_bp FROM rcv_rate_versions WHERE deleted_at IS NULL ORDER BY effective_from')
    .all() as { effective_from: string; bounds: string; rates_bp: string }[];
  if (rows.length === 0) {
    const s = storedSetting(db);
    return [{ effectiveFrom: FROM_THE_START, bounds: s.bounds, ratesBp: s.ratesBp }];
  }
  return rows.map((r) => ({ effectiveFrom: r.effective_from, bounds: parseJsonArray(r.bounds), ratesBp: parseJsonArray(r.rates_bp) }));
}

/** The version in force on `asOf`: the latest that took effect on or before it. */
export function rateVersionOn(versions: readonly RateVersion[], asOf: IsoDate): RateVersion | null {
  let found: RateVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= asOf) found = v;
  return found;
}

const since = (from: IsoDate) => (from === FROM_THE_START ? 'from the start' : `effective from ${from}`);

/** The policies in force on `asOf`. Throws a 'bad-setting' error naming what is wrong. */
export function readPolicies(db: Db, asOf: IsoDate): Policies {
  const stored = storedSetting(db);
  const ladderBad = ladderProblems({ fromDays: stored.ladderFromDays });
  if (ladderBad.length)
    throw new AppError(
      'bad-setting',
      `The stored collection-ladder thresholds are not valid (${ladderBad.join('; ')}). Correct them under Receivables → Rates.`,
    );
  if (!(PROVISION_BASES as readonly unknown[]).includes(stored.provisionBasis)) {
    throw new AppError(
      'bad-setting',
      `The stored provision basis ${JSON.stringify(stored.provisionBasis)} is not one of ${PROVISION_BASES.join(', ')}. Choose it again under Receivables → Rates.`,
    );
  }
  const v = rateVersionOn(rateVersions(db), asOf);
  if (!v)
    throw new AppError(
      'bad-setting',
      `No provision rates are in force on ${asOf}: the earliest rates take effect later. Add rates effective on or before ${asOf} under Receivables → Rates.`,
    );
  const bad = agingPolicyProblems(v);
  if (bad.length)
    throw new AppError(
      'bad-setting',
      `The stored provision rates ${since(v.effectiveFrom)} are not valid (${bad.join('; ')}). Correct them under Receivables → Rates.`,
    );
  return policiesOf(
    { bounds: v.bounds, ratesBp: v.ratesBp, ladderFromDays: stored.ladderFromDays, provisionBasis: stored.provisionBasis },
    v.effectiveFrom,
  );
}

/**
 * Saves buckets and rates effective from `effectiveFrom` (replacing a version of the same
 * date) and the ladder thresholds. The first dated change first records the rates that
 * applied until then as the version from the start, so earlier agings keep their figures.
 */
export function savePolicies(w: ChangeWriter, settings: RcvSettings, effectiveFrom: IsoDate): Policies {
  const bad = [
    ...agingPolicyProblems({ bounds: settings.bounds, ratesBp: settings.ratesBp }),
    ...ladderProblems({ fromDays: settings.ladderFromDays }),
  ];
  if (bad.length) throw new AppError('validation', bad.join('; '), { problems: bad });
  w.db.transaction(() => {
    const saved = w.db.prepare('SELECT count(*) FROM rcv_rate_versions WHERE deleted_at IS NULL').pluck().get() as number;
    if (saved === 0 && effectiveFrom !== FROM_THE_START) {
      const before = storedSetting(w.db);
      insertRow(w, 'rcv_rate_versions', {
        effective_from: FROM_THE_START,
        bounds: JSON.stringify(before.bounds),
        rates_bp: JSON.stringify(before.ratesBp),
      });
    }
    const same = w.db
      .prepare('SELECT id FROM rcv_rate_versions WHERE effective_from = ? AND deleted_at IS NULL')
      .pluck()
      .get(effectiveFrom) as string | undefined;
    if (same) softDelete(w, 'rcv_rate_versions', same);
    insertRow(w, 'rcv_rate_versions', {
      effective_from: effectiveFrom,
      bounds: JSON.stringify(settings.bounds),
      rates_bp: JSON.stringify(settings.ratesBp),
    });
    // The ladder and the basis are a team setting: written only when they change, so in a team
    // book finance (who may write rates) saves new rates without touching the admin's setting.
    const current = storedSetting(w.db);
    const ladderChanged = JSON.stringify(current.ladderFromDays) !== JSON.stringify(settings.ladderFromDays);
    const basisChanged =
      settings.provisionBasis !== undefined && settings.provisionBasis !== (current.provisionBasis ?? DEFAULT_PROVISION_BASIS);
    if (ladderChanged || basisChanged) {
      writeSetting(w, KEY, {
        ...readSetting<Partial<RcvSettings>>(w.db, KEY, {}),
        ladderFromDays: settings.ladderFromDays,
        ...(settings.provisionBasis ? { provisionBasis: settings.provisionBasis } : {}),
      });
    }
  })();
  return readPolicies(w.db, effectiveFrom);
}
