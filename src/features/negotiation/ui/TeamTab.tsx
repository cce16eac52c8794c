import { Button, Card, Descriptions, Input, Select, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { teamRoles } from '../vocabulary';
import type { Issue, TeamMember } from '../contract';
import { newMember } from './draft';

/** Dividing the roles (分工协作): coordinator, decision maker, negotiators per topic. */
export function TeamTab({ team, issues, onChange }: { team: TeamMember[]; issues: Issue[]; onChange(team: TeamMember[]): void }) {
  const { t } = useTranslation('negotiation');
  const set = (i: number, patch: Partial<TeamMember>) => onChange(team.map((m, k) => (k === i ? { ...m, ...patch } : m)));
  return (
    <Card
      size="small"
      title={t('team.title')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...team, newMember()])} data-testid="add-member">
          {t('team.add')}
        </Button>
      }
    >
      <Table<TeamMember>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={team}
        locale={{ emptyText: t('team.none') }}
        columns={[
          {
            title: t('team.name'),
            render: (_, m, i) => (
              <Input value={m.name} maxLength={100} onChange={(e) => set(i, { name: e.target.value })} data-testid={`member-${i}-name`} />
            ),
          },
          {
            title: t('team.titleCol'),
            render: (_, m, i) => (
              <Input value={m.title ?? ''} maxLength={100} onChange={(e) => set(i, { title: e.target.value || null })} />
            ),
          },
          {
            title: t('team.role'),
            width: 160,
            render: (_, m, i) => (
              <Select
                style={{ width: '100%' }}
                value={m.role}
                options={teamRoles.map((r) => ({ value: r, label: t(`team.roles.${r}`) }))}
                onChange={(role) => set(i, { role, topicIssueId: role === 'negotiator' ? m.topicIssueId : null })}
                data-testid={`member-${i}-role`}
              />
            ),
          },
          {
            title: t('team.topic'),
            width: 180,
            render: (_, m, i) => (
              <Select
                allowClear
                style={{ width: '100%' }}
                disabled={m.role !== 'negotiator'}
                value={m.topicIssueId ?? undefined}
                options={issues.map((x) => ({ value: x.id, label: x.name }))}
                onChange={(id?: string) => set(i, { topicIssueId: id ?? null })}
              />
            ),
          },
          {
            width: 40,
            render: (_, _m, i) => (
              <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(team.filter((_, k) => k !== i))} />
            ),
          },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        items={teamRoles.map((r) => ({ key: r, label: t(`team.roles.${r}`), children: t(`team.roleHints.${r}`) }))}
      />
    </Card>
  );
}
