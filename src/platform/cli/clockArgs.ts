import { isIsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import type { ClockOptions } from '../context';

/**
 * The CLI's clock: `--today YYYY-MM-DD` (any command) fixes the book's "today";
 * SW_NOW=<ISO instant> pins the instant the clock reads, for scripts and tests that must
 * run the same at any hour. Neither is read anywhere but the CLI and the web entry point.
 */
export function clockOptions(today: string | undefined, env: NodeJS.ProcessEnv): ClockOptions {
  const out: ClockOptions = {};
  if (today !== undefined) {
    if (!isIsoDate(today)) throw new AppError('invalid-input', `--today expects a date YYYY-MM-DD, got "${today}"`);
    out.today = today;
  }
  const now = env.SW_NOW;
  if (now) {
    const t = new Date(now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(now) || Number.isNaN(t.getTime()))
      throw new AppError('invalid-input', `SW_NOW expects an ISO instant such as 2026-12-03T16:01:00Z, got "${now}"`);
    out.instant = () => t;
  }
  return out;
}
