import type { IsoDate } from './dates';

// A book lives in one time zone (a setting, Asia/Shanghai by default). "Today" is the
// calendar date there, whatever zone the machine running the app, the CLI or a test is
// in, so every date the product derives from the clock is a function of the book and the
// instant alone. Pure: Intl only, usable by the renderer and the server alike.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name this runtime knows (e.g. 'Asia/Shanghai', 'UTC'). */
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  y: string;
  mo: string;
  d: string;
  h: string;
  mi: string;
  s: string;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! };
}

/** The calendar date at `instant` in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  const w = wallClock(instant, timeZone);
  return `${w.y}-${w.mo}-${w.d}`;
}

/** `YYYYMMDD-HHMMSSmmm` at `instant` in `timeZone`: sorts in time order, names files. */
export function stampInZone(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.y}${w.mo}${w.d}-${w.h}${w.mi}${w.s}${String(instant.getUTCMilliseconds()).padStart(3, '0')}`;
}
