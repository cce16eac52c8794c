import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, files } from '../../../renderer/api/client';
import { takeEarly } from '../../../renderer/api/early';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import { EmptyState } from '../../../renderer/components/EmptyState';
import { ApiError } from '../../../shared/errors';
import type { WorksheetSummary } from '../contract';
import { OpportunityPicker } from './OpportunityPicker';

/** Every worksheet, newest first; new, import (a trainer's case workbook), open, delete. */
export function WorksheetList() {
  const { t } = useTranslation('negotiation');
  const { message, modal } = App.useApp();
  const { locale } = usePrefs();
  const [rows, setRows] = useState<WorksheetSummary[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [opportunityId, setOpportunityId] = useState<string | null>(null);

  const reload = useCallback(async () => setRows(await takeEarly('negotiation:list', {})), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const create = async () => {
    try {
      const w = await call('negotiation:create', { name: name.trim(), opportunityId, lang: locale });
      setCreating(false);
      setName('');
      navigate('negotiation', { id: w.id });
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  const importFile = async () => {
    const ref = await files.pickOpen(['xlsx']);
    if (!ref) return;
    try {
      const r = await call('negotiation:import', { file: ref.token });
      message.success(r.checks ? t('list.importedChecks', { name: r.name, count: r.checks }) : t('list.imported', { name: r.name }));
      navigate('negotiation', { id: r.id });
    } catch (err) {
      // A refused workbook lists every rejected cell (sheet, row, column, value, reason).
      const text = (err as Error).message;
      if (err instanceof ApiError && err.code === 'import-rejected')
        modal.error({
          title: t('list.import'),
          width: 720,
          content: (
            <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }} data-testid="import-errors">
              {text}
            </pre>
          ),
        });
      else message.error(text);
    }
  };

  return (
    <Card
      size="small"
      title={t('list.title')}
      extra={
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-worksheet">
            {t('list.new')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => void importFile()} data-testid="import-worksheet">
            {t('list.import')}
          </Button>
        </Space>
      }
    >
      <Table<WorksheetSummary>
        size="small"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <EmptyState
              testId="negotiation-empty"
              needsOrg={false}
              title={t('list.empty')}
              body={t('list.emptyBody')}
              actions={[
                { key: 'import', label: t('list.import'), icon: <UploadOutlined />, onClick: () => void importFile() },
                { key: 'add', label: t('list.new'), icon: <PlusOutlined />, onClick: () => setCreating(true), primary: true },
              ]}
            />
          ),
        }}
        data-testid="worksheet-list"
        onRow={(r) => ({ onDoubleClick: () => navigate('negotiation', { id: r.id }) })}
        columns={[
          {
            title: t('list.name'),
            dataIndex: 'name',
            render: (n: string, r) => (
              <a onClick={() => navigate('negotiation', { id: r.id })} data-testid="open-worksheet">
                {n}
              </a>
            ),
          },
          {
            title: t('list.opportunity'),
            render: (_, r) =>
              r.opportunityName !== null ? (
                <span data-testid="worksheet-list-opportunity">
                  {r.opportunityName}
                  {r.opportunityAccountName && <Typography.Text type="secondary"> · {r.opportunityAccountName}</Typography.Text>}
                </span>
              ) : r.opportunityId ? (
                r.opportunityId.slice(0, 8)
              ) : (
                t('list.standalone')
              ),
          },
          { title: t('list.issues'), dataIndex: 'issues', align: 'right', width: 70 },
          { title: t('list.steps'), dataIndex: 'steps', align: 'right', width: 90 },
          { title: t('list.rounds'), dataIndex: 'rounds', align: 'right', width: 90 },
          { title: t('list.agreed'), width: 90, render: (_, r) => (r.agreed ? <Tag color="success">{t('list.yes')}</Tag> : t('list.no')) },
          { title: t('list.updated'), dataIndex: 'updatedAt', width: 170, render: (s: string) => new Date(s).toLocaleString(locale) },
          {
            width: 44,
            render: (_, r) => (
              <Popconfirm
                title={t('list.deleteConfirm')}
                onConfirm={async () => {
                  await call('negotiation:delete', { id: r.id });
                  await reload();
                }}
              >
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('list.delete')} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('newUi.title')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okButtonProps={{ disabled: !name.trim(), id: 'new-worksheet-ok' }}
      >
        <Form layout="vertical" component={false}>
          <Form.Item label={t('newUi.name')}>
            <Input
              value={name}
              maxLength={100}
              placeholder={t('newUi.namePlaceholder')}
              onChange={(e) => setName(e.target.value)}
              onPressEnter={() => name.trim() && void create()}
              data-testid="new-worksheet-name"
            />
          </Form.Item>
          <Form.Item label={t('newUi.opportunity')}>
            <OpportunityPicker value={opportunityId} onChange={setOpportunityId} testId="new-worksheet-opportunity" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
