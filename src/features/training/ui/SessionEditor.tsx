import { App, Button, Input, Result, Space, Spin, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, DesktopOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { useTrainingSession } from './useTrainingSession';
import { SetupTab } from './SetupTab';
import { TeamsTab } from './TeamsTab';
import { RoundsTab } from './RoundsTab';
import { ScoringMatrix } from './ScoringMatrix';

/** The trainer's own screen: the case, the teams' secret orders, the rounds and outcomes. */
export function SessionEditor({ id }: { id: string }) {
  const { t } = useTranslation('training');
  const { message } = App.useApp();
  const { locale } = usePrefs();
  const jobs = useJobRunner();
  const s = useTrainingSession(id);
  const { detail, results } = s;
  if (s.error)
    return <Result status="warning" title={s.error} extra={<Button onClick={() => navigate('training')}>{t('editor.back')}</Button>} />;
  if (!detail || !results) return <Spin style={{ margin: 40 }} />;

  const exportWorkbook = async () => {
    const ref = await files.pickSave(`${detail.session.name.replace(/[/\\:*?"<>|]/g, '_')}-${detail.session.date}.xlsx`);
    if (!ref) return;
    try {
      const r = await jobs.run('training:export', { id, file: ref.token, lang: locale, layout: 'rounds' }, t('editor.export'));
      await files.delivered(ref);
      message.success(t('editor.exported', { rows: r.rows }));
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('training')} data-testid="training-back">
            {t('editor.back')}
          </Button>
          <Input
            key={detail.session.version}
            defaultValue={detail.session.name}
            style={{ width: 320, fontWeight: 600 }}
            onBlur={(e) =>
              e.target.value.trim() &&
              e.target.value.trim() !== detail.session.name &&
              void s.change('training:update', { id, patch: { name: e.target.value.trim() } })
            }
            data-testid="session-name"
          />
          <Typography.Text type="secondary">{detail.session.date}</Typography.Text>
        </Space>
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => void exportWorkbook()} data-testid="training-export">
            {t('editor.export')}
          </Button>
          <Button
            type="primary"
            icon={<DesktopOutlined />}
            onClick={() => navigate('training', { id, view: 'room' })}
            data-testid="open-room"
          >
            {t('editor.room')}
          </Button>
        </Space>
      </Space>
      <Tabs
        defaultActiveKey="teams"
        items={[
          { key: 'setup', label: <span data-testid="tab-setup">{t('editor.tabs.setup')}</span>, children: <SetupTab api={s} /> },
          { key: 'teams', label: <span data-testid="tab-teams">{t('editor.tabs.teams')}</span>, children: <TeamsTab api={s} /> },
          { key: 'rounds', label: <span data-testid="tab-rounds">{t('editor.tabs.rounds')}</span>, children: <RoundsTab api={s} /> },
          {
            key: 'notes',
            label: <span data-testid="tab-notes">{t('editor.tabs.notes')}</span>,
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('editor.notes')}</Typography.Text>
                <Input.TextArea
                  key={detail.session.version}
                  rows={10}
                  defaultValue={detail.session.trainerNotes ?? ''}
                  onBlur={(e) =>
                    e.target.value !== (detail.session.trainerNotes ?? '') &&
                    void s.change('training:update', { id, patch: { trainerNotes: e.target.value || null } })
                  }
                  data-testid="trainer-notes"
                />
                <ScoringMatrix results={results} compact />
              </Space>
            ),
          },
        ]}
      />
      {jobs.element}
    </Space>
  );
}
