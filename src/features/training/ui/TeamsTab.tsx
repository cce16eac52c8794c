import { useState } from 'react';
import { Alert, Button, Card, Input, Popconfirm, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EyeInvisibleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import type { TrainingTeamRow } from '../contract';
import { sessionLabels, SIDE_COLOR } from './labels';
import type { TrainingSessionApi } from './useTrainingSession';

type Kind = 'priorities' | 'guesses';

/** Teams per side; each team's secret order and its guess of the other side's order. */
export function TeamsTab({ api }: { api: TrainingSessionApi }) {
  const { t } = useTranslation('training');
  const d = api.detail!;
  const [show, setShow] = useState(false);
  const [name, setName] = useState('');
  const [side, setSide] = useState<'vendor' | 'customer'>('vendor');
  const add = async () => {
    if (name.trim() && (await api.change('training:saveTeam', { sessionId: d.session.id, name: name.trim(), side }))) setName('');
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Space.Compact>
          <Input
            placeholder={t('editor.teamName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={() => void add()}
            style={{ width: 200 }}
            data-testid="team-name"
          />
          <Select
            value={side}
            onChange={setSide}
            style={{ width: 110 }}
            options={(['vendor', 'customer'] as const).map((s) => ({ value: s, label: t(`side.${s}`) }))}
            data-testid="team-side"
          />
          <Button icon={<PlusOutlined />} onClick={() => void add()} disabled={!name.trim()} data-testid="team-add">
            {t('editor.addTeam')}
          </Button>
        </Space.Compact>
        <Space>
          <Switch checked={show} onChange={setShow} data-testid="show-priorities" />
          <Typography.Text>{t('editor.showPriorities')}</Typography.Text>
        </Space>
      </Space>
      {(['priorities', 'guesses'] as const).map((kind) => (
        <Card key={kind} size="small" title={t(kind === 'priorities' ? 'editor.priorities' : 'editor.guesses')}>
          <OrdersTable api={api} kind={kind} show={show} />
        </Card>
      ))}
    </Space>
  );
}

function OrdersTable({ api, kind, show }: { api: TrainingSessionApi; kind: Kind; show: boolean }) {
  const { t } = useTranslation('training');
  const { locale } = usePrefs();
  const d = api.detail!;
  const labels = sessionLabels(d, locale);
  const stored = kind === 'priorities' ? d.priorities : d.guesses;
  const storedKey = stored.map((x) => `${x.teamId}${x.issueId}${x.priority}`).join();
  return (
    <Table<TrainingTeamRow>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={d.teams}
      columns={[
        {
          title: t('editor.teams'),
          width: 200,
          render: (_: unknown, team) => (
            <Space>
              <Tag color={SIDE_COLOR[team.side]}>{t(`side.${team.side}`)}</Tag>
              <Typography.Text strong>{team.name}</Typography.Text>
            </Space>
          ),
        },
        {
          title: (
            <Space size="large">
              {d.issues.map((i) => (
                <span key={i.id} style={{ display: 'inline-block', width: 130 }}>
                  {labels.issue(i.id)}
                </span>
              ))}
            </Space>
          ),
          render: (_: unknown, team) => (
            <OrderRow key={`${team.id}-${storedKey}`} api={api} kind={kind} teamId={team.id} teamName={team.name} show={show} />
          ),
        },
        {
          width: 50,
          render: (_: unknown, team) =>
            kind === 'priorities' ? (
              <Popconfirm
                title={`${t('editor.deleteTeam')} ${team.name}?`}
                onConfirm={() => void api.change('training:deleteTeam', { id: team.id })}
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('editor.deleteTeam')}
                  data-testid={`delete-team-${team.name}`}
                />
              </Popconfirm>
            ) : null,
        },
      ]}
    />
  );
}

function OrderRow({
  api,
  kind,
  teamId,
  teamName,
  show,
}: {
  api: TrainingSessionApi;
  kind: Kind;
  teamId: string;
  teamName: string;
  show: boolean;
}) {
  const { t } = useTranslation('training');
  const d = api.detail!;
  const n = d.issues.length;
  const initial = Object.fromEntries(
    (kind === 'priorities' ? d.priorities : d.guesses).filter((x) => x.teamId === teamId).map((x) => [x.issueId, x.priority]),
  );
  const [order, setOrder] = useState<Record<string, number>>(initial);
  const values = Object.values(order);
  const distinct = new Set(values).size === values.length;
  const complete = values.length === n && distinct;
  const dirty = JSON.stringify(order) !== JSON.stringify(initial);
  const canSave = dirty && distinct && (kind === 'guesses' || complete || values.length === 0);
  const save = () =>
    void api.change('training:setOrder', {
      teamId,
      kind,
      order: Object.entries(order).map(([issueId, priority]) => ({ issueId, priority })),
    });
  if (!show) {
    return (
      <Typography.Text type="secondary" data-testid={`${kind}-hidden-${teamName}`}>
        <EyeInvisibleOutlined /> {values.length ? t('editor.hidden') : '–'}
      </Typography.Text>
    );
  }
  return (
    <Space wrap size="large">
      {d.issues.map((issue) => (
        <Radio.Group
          key={issue.id}
          size="small"
          optionType="button"
          style={{ width: 130 }}
          value={order[issue.id]}
          onChange={(e) => setOrder((o) => ({ ...o, [issue.id]: e.target.value as number }))}
          options={Array.from({ length: n }, (_, i) => ({ value: i + 1, label: String(i + 1) }))}
          data-testid={`${kind}-${teamName}-${issue.issueKey ?? issue.name}`}
        />
      ))}
      <Button
        size="small"
        type={canSave ? 'primary' : 'default'}
        disabled={!canSave}
        onClick={save}
        data-testid={`${kind}-save-${teamName}`}
      >
        {t('editor.saveOrder')}
      </Button>
      {values.length > 0 && (
        <Button size="small" type="link" onClick={() => setOrder({})}>
          {t('editor.clear')}
        </Button>
      )}
      {dirty && !distinct && <Alert type="warning" showIcon message={t('editor.orderIncomplete', { n })} style={{ padding: '0 8px' }} />}
    </Space>
  );
}
