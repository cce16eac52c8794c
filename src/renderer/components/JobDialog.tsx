import { Button, Modal, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface JobState {
  title: string;
  done: number;
  total: number;
  label: string;
  jobId: string;
}

/** The progress dialog of a running job, with its Cancel button (useJobRunner shows it). */
export function JobDialog({ state, onCancel }: { state: JobState; onCancel(): void }) {
  const { t } = useTranslation();
  const percent = state.total > 0 ? Math.min(100, Math.floor((state.done / state.total) * 100)) : 0;
  return (
    <Modal
      open
      title={state.title || t('progress')}
      closable={false}
      maskClosable={false}
      footer={
        <Button danger onClick={onCancel} data-testid="job-cancel">
          {t('cancelJob')}
        </Button>
      }
    >
      <Progress percent={percent} status="active" data-testid="job-progress" />
      <Typography.Text type="secondary">
        {state.total > 0 ? `${state.done.toLocaleString()} / ${state.total.toLocaleString()}` : t('loading')} {state.label}
      </Typography.Text>
    </Modal>
  );
}
