import type { ServerContext } from '../../../platform/context';
import { readSyncState } from './state';
import { syncNow } from './sync';

// Changes made offline reach the team without anyone pressing "Sync now": while a team book is
// open and signed in, a sync runs every `everyMs`. A sync that finds the server unreachable
// records why (the status shows it) and leaves the changes pending for the next round; nothing
// here throws. The app shell (Electron main, the local web server) starts it for its open book.

export const AUTO_SYNC_EVERY_MS = 60_000;

/** Starts the timer; returns the function that stops it. `current` gives the open book, or null. */
export function startAutoSync(current: () => ServerContext | null, everyMs = AUTO_SYNC_EVERY_MS): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    const ctx = current();
    if (!ctx) return;
    busy = true;
    try {
      const s = readSyncState(ctx.db);
      if (s.serverUrl && s.token) await syncNow(ctx);
    } catch {
      // A closed or switched book, or a bug in one round: the next round tries again; the
      // status channel shows the last error recorded by the sync itself.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
