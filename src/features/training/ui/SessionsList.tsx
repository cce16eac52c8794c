import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, files } from '../../../renderer/api/client';
import { takeEarly } from '../../../renderer/api/early';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import { EmptyState } from '../../../renderer/components/EmptyState';
import { EChart, type EChartsOption } from '../../../renderer/components/EChart';
import type { TrainingImportError, TrainingSummary } from '../contract';

/** Every session kept, with its totals, to compare classes over time. */
export function SessionsList() {
  const { t } = useTranslation('training');
  const { message } = App.useApp();
  const { locale, today: bookToday } = usePrefs();
  const jobs = useJobRunner();
  const [rows, setRows] = useState<TrainingSummary[] | null>(null);
  const [newName, setNewName] = useState<string | null>(null);
  const [rejected, setRejected] = useState<TrainingImportError[] | null>(null);

  const reload = useCallback(async () => setRows(await takeEarly('training:list', {})), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const create = async () => {
    if (!newName?.trim()) return;
    const d = await call('training:create', { name: newName.trim(), date: bookToday(), lang: locale });
    setNewName(null);
    navigate('training', { id: d.session.id });
  };

  const importFile = async () => {
    const ref = await files.pickOpen(['xlsx']);
    if (!ref) return;
    try {
      const r = await jobs.run('training:import', { file: ref.token, lang: locale }, t('list.import'));
      message.success(t('list.imported', { teams: r.teams, pairings: r.pairings }));
      navigate('training', { id: r.sessionId });
    } catch (err) {
      const details = (err as { details?: { errors?: TrainingImportError[] } }).details;
      if (details?.errors) setRejected(details.errors);
      else message.error((err as Error).message);
    }
  };

  const template = async () => {
    const ref = await files.pickSave('training-import-template.xlsx');
    if (!ref) return;
    await call('training:template', { file: ref.token });
    await files.delivered(ref);
  };

  const num = (v: number | null) => (v === null ? '–' : v.toLocaleString(locale, { maximumFractionDigits: 1 }));
  const chart = useMemo<EChartsOption>(() => {
    const byDate = [...(rows ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: byDate.map((s) => `${s.date}\n${s.name}`), axisLabel: { fontSize: 11, lineHeight: 15 } },
      yAxis: { type: 'value', min: 0 },
      series: [
        { name: t('list.jointAvg'), type: 'line', data: byDate.map((s) => s.jointAverage), symbolSize: 8 },
        { name: t('list.leftAvg'), type: 'line', data: byDate.map((s) => s.leftOnTableAverage), symbolSize: 8 },
        { name: t('list.vendorAvg'), type: 'bar', data: byDate.map((s) => s.vendorAverage) },
        { name: t('list.customerAvg'), type: 'bar', data: byDate.map((s) => s.customerAverage) },
      ],
    };
  }, [rows, t]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('list.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewName('')} data-testid="training-new">
          {t('list.add')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => void importFile()} data-testid="training-import">
          {t('list.import')}
        </Button>
        <Button type="link" icon={<DownloadOutlined />} onClick={() => void template()} data-testid="training-template">
          {t('list.template')}
        </Button>
      </Space>
      <Table<TrainingSummary>
        size="middle"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <EmptyState
              testId="training-empty"
              needsOrg={false}
              title={t('list.empty')}
              body={t('list.emptyBody')}
              actions={[
                { key: 'template', label: t('list.template'), icon: <DownloadOutlined />, onClick: () => void template() },
                { key: 'import', label: t('list.import'), icon: <UploadOutlined />, onClick: () => void importFile() },
                { key: 'add', label: t('list.add'), icon: <PlusOutlined />, onClick: () => setNewName(''), primary: true },
              ]}
            />
          ),
        }}
        onRow={(r) =>
          ({
            onClick: () => navigate('training', { id: r.id }),
            style: { cursor: 'pointer' },
            'data-testid': `training-row-${r.name}`,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          // The figures' columns are as wide as their figures, their headers wrap: the name
          // (a class's long title) keeps a line of its own at a laptop's 1366 px.
          { title: t('list.name'), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
          { title: t('list.date'), dataIndex: 'date', width: 108 },
          { title: t('list.teams'), key: 'teams', width: 96, render: (_: unknown, r) => `${r.vendorTeams} / ${r.customerTeams}` },
          { title: t('list.tables'), dataIndex: 'pairings', width: 72, align: 'right' },
          { title: t('list.signed'), dataIndex: 'signed', width: 64, align: 'right' },
          { title: t('list.vendorAvg'), dataIndex: 'vendorAverage', width: 92, align: 'right', render: num },
          { title: t('list.customerAvg'), dataIndex: 'customerAverage', width: 92, align: 'right', render: num },
          { title: t('list.jointAvg'), dataIndex: 'jointAverage', width: 104, align: 'right', render: num },
          { title: t('list.bestJoint'), dataIndex: 'bestJoint', width: 104, align: 'right', render: num },
          { title: t('list.leftAvg'), dataIndex: 'leftOnTableAverage', width: 112, align: 'right', render: num },
          {
            key: 'del',
            width: 48,
            render: (_: unknown, r) => (
              <span onClick={(e) => e.stopPropagation()}>
                <Popconfirm
                  title={t('list.deleteConfirm', { name: r.name })}
                  onConfirm={async () => {
                    await call('training:delete', { id: r.id });
                    await reload();
                  }}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('list.delete')} />
                </Popconfirm>
              </span>
            ),
          },
        ]}
      />
      {rows && rows.length > 0 && (
        <Card size="small" title={t('list.overTime')}>
          <EChart option={chart} style={{ height: 280 }} testId="training-over-time" />
        </Card>
      )}
      <Modal
        open={newName !== null}
        title={t('list.add')}
        onCancel={() => setNewName(null)}
        onOk={() => void create()}
        okButtonProps={{ disabled: !newName?.trim(), ...({ 'data-testid': 'training-create' } as Record<string, string>) }}
      >
        <Input
          autoFocus
          placeholder={t('list.newName')}
          value={newName ?? ''}
          onChange={(e) => setNewName(e.target.value)}
          onPressEnter={() => void create()}
          data-testid="training-new-name"
        />
      </Modal>
      <Modal
        open={!!rejected}
        width={900}
        title={t('list.rejected', { count: rejected?.length ?? 0 })}
        onCancel={() => setRejected(null)}
        footer={null}
      >
        <Table<TrainingImportError>
          size="small"
          rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.reason}`}
          dataSource={rejected ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('list.sheet'), dataIndex: 'sheet', width: 100 },
            { title: t('list.row'), dataIndex: 'row', width: 60 },
            { title: t('list.column'), dataIndex: 'column', width: 130 },
            { title: t('list.value'), dataIndex: 'value', width: 120 },
            { title: t('list.reason'), dataIndex: 'reason' },
          ]}
          data-testid="training-import-errors"
        />
      </Modal>
      {jobs.element}
    </Space>
  );
}
