import type { In, Out } from '../../../renderer/api/client';
import type { Scope } from '../../../shared/scope';
import type { ParetoParams } from '../contract';

// The analysis the Pareto screen asks for first, built in one place for the screen and for
// the page's entry, which asks for it as soon as the saved settings arrive (earlyCalls.ts):
// the same function gives the same input, so the screen takes the early answer.

/** The saved measure and thresholds, narrowed to the scope the link names. */
export function openingParams(saved: Out<'pareto:settings'>, scope: Scope): ParetoParams {
  return { measure: saved.measure, a: saved.a, b: saved.b, ...scope };
}

/** What the screen asks `pareto:analyze` for: the parameters, with at most 2,000 bars drawn. */
export function analyzeInput(params: ParetoParams): In<'pareto:analyze'> {
  return { params, maxBars: 2000 };
}
