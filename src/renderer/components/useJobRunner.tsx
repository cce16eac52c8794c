import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Button, Modal, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, newJobId, type In, type Out } from '../api/client';
import type { ChannelName } from '../../app/contract';

/**
 * Runs a long channel (import, export, report) with a progress dialog and a Cancel button.
 * Progress is polled through jobs:status, so it works the same over IPC and HTTP.
 */
export function useJobRunner(): {
  run<K extends ChannelName>(channel: K, input: In<K>, title: string): Promise<Out<K>>;
  element: ReactNode;
} {
  const { t } = useTranslation();
  const [state, setState] = useState<{ title: string; done: number; total: number; label: string; jobId: string } | null>(null);
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

  const percent = state && state.total > 0 ? Math.min(100, Math.floor((state.done / state.total) * 100)) : 0;
  const element = (
    <Modal
      open={!!state}
      title={state?.title ?? t('progress')}
      closable={false}
      maskClosable={false}
      footer={
        <Button danger onClick={() => state && void call('jobs:cancel', { jobId: state.jobId })} data-testid="job-cancel">
          {t('cancelJob')}
        </Button>
      }
    >
      <Progress percent={percent} status="active" data-testid="job-progress" />
      <Typography.Text type="secondary">
        {state && state.total > 0 ? `${state.done.toLocaleString()} / ${state.total.toLocaleString()}` : t('loading')} {state?.label}
      </Typography.Text>
    </Modal>
  );
  return { run, element };
}

/** The `run` of a job runner, handed to the parts of a screen that start long jobs. */
export type JobRun = ReturnType<typeof useJobRunner>['run'];
