import { AppError } from '../shared/errors';

/** Progress and cancellation for long work (imports, exports, reports). */
export interface Job {
  readonly signal: AbortSignal;
  report(done: number, total: number, label?: string): void;
  /** Throws AppError('cancelled') when the user cancelled; call between chunks. */
  throwIfCancelled(): void;
}

interface Entry {
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  label: string;
  controller: AbortController;
  finishedAt?: number;
}

export class JobRegistry {
  private readonly jobs = new Map<string, Entry>();

  start(jobId: string | undefined): Job & { finish(state: Entry['state']): void } {
    const controller = new AbortController();
    const entry: Entry = { state: 'running', done: 0, total: 0, label: '', controller };
    // A cancel that arrived before the work started still counts.
    if (jobId && this.jobs.get(jobId)?.state === 'cancelled') controller.abort();
    if (jobId) {
      this.prune();
      this.jobs.set(jobId, entry);
    }
    return {
      signal: controller.signal,
      report(done, total, label) {
        entry.done = done;
        entry.total = total;
        if (label !== undefined) entry.label = label;
      },
      throwIfCancelled() {
        if (controller.signal.aborted) throw new AppError('cancelled', 'Cancelled by the user; nothing was written.');
      },
      finish(state) {
        entry.state = state;
        entry.finishedAt = Date.now();
      },
    };
  }

  status(jobId: string) {
    const e = this.jobs.get(jobId);
    if (!e) return { jobId, state: 'unknown' as const, done: 0, total: 0, label: '' };
    return { jobId, state: e.state, done: e.done, total: e.total, label: e.label };
  }

  /** True while a long task (an import, an export) is still working. */
  anyRunning(): boolean {
    for (const e of this.jobs.values()) if (e.state === 'running') return true;
    return false;
  }

  cancel(jobId: string): void {
    const e = this.jobs.get(jobId);
    // Cancelling before the job registered still counts: remember it as cancelled.
    if (!e) {
      const controller = new AbortController();
      controller.abort();
      this.jobs.set(jobId, { state: 'cancelled', done: 0, total: 0, label: '', controller, finishedAt: Date.now() });
      return;
    }
    e.controller.abort();
  }

  private prune(): void {
    const cutoff = Date.now() - 10 * 60_000;
    for (const [id, e] of this.jobs) if (e.finishedAt && e.finishedAt < cutoff) this.jobs.delete(id);
  }
}

/** Yields to the event loop so progress polls and cancel requests get answered. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
