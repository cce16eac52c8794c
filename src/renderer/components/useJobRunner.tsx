import { lazy, Suspense, useCallback, useRef, useState, type ReactNode } from 'react';
import { call, newJobId, type In, type Out } from '../api/client';
import type { ChannelName } from '../../app/contract';
import type { JobState } from './JobDialog';

// The dialog's code loads with the first job, not with every screen that can start one.
const JobDialog = lazy(() => import('./JobDialog').then((m) => ({ default: m.JobDialog })));

/**
 * Runs a long channel (import, export, report) with a progress dialog and a Cancel button.
 * Progress is polled through jobs:status, so it works the same over IPC and HTTP.
 */
export function useJobRunner(): {
  run<K extends ChannelName>(channel: K, input: In<K>, title: string): Promise<Out<K>>;
  element: ReactNode;
} {
  const [state, setState] = useState<JobState | null>(null);
  const timer = useRef<number | null>(null);

  const run = useCallback(async <K extends ChannelName>(channel: K, input: In<K>, title: string): Promise<Out<K>> => {
    const jobId = newJobId();
    setState({ title, done: 0, total: 0, label: '', jobId });
    timer.current = window.setInterval(() => {
      call('jobs:status', { jobId })
        .then((s) => setState((prev) => (prev && prev.jobId === jobId ? { ...prev, done: s.done, total: s.total, label: s.label } : prev)))
        .catch(() => {});
    }, 250);
    try {
      return await call(channel, { ...(input as object), jobId } as In<K>);
    } finally {
      if (timer.current !== null) window.clearInterval(timer.current);
      timer.current = null;
      setState(null);
    }
  }, []);

  const element = state && (
    <Suspense fallback={null}>
      <JobDialog state={state} onCancel={() => void call('jobs:cancel', { jobId: state.jobId })} />
    </Suspense>
  );
  return { run, element };
}

/** The `run` of a job runner, handed to the parts of a screen that start long jobs. */
export type JobRun = ReturnType<typeof useJobRunner>['run'];
