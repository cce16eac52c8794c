// The time zone the e2e browser runs in (a Chinese user's), the same as the demo book's own
// zone (Asia/Shanghai, the default). The app's "today" is the book's date, so a test that
// compares with the app computes today in this zone, never in the test process's — they
// differ for eight hours of every day when CI runs in UTC.
export const BROWSER_TIME_ZONE = 'Asia/Shanghai';

/** Today's date (YYYY-MM-DD) as the browser sees it. */
export function browserToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BROWSER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
