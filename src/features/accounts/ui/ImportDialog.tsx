import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Collapse, Modal, Select, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { showUndoable } from '../../../renderer/components/undoableMessage';
import { call, files, type In, type Out } from '../../../renderer/api/client';
import type { ChannelName } from '../../../app/contract';
import type { FileRef } from '../../../shared/contract/system';
import type { ImportError, ImportPreview } from '../contract';
import { accountFields } from '../fields';
import { localizeReason } from '../../../renderer/i18n/serverReasons';
import { CreateMissingAlert } from '../../../renderer/components/CreateMissingAlert';

type RunJob = <K extends ChannelName>(channel: K, input: In<K>, title: string) => Promise<Out<K>>;

/** Pick a file → preview with column mapping and every row validated → one all-or-nothing import. */
export function ImportDialog({
  open,
  onClose,
  onImported,
  runJob,
}: {
  open: boolean;
  onClose(): void;
  onImported(): void;
  runJob: RunJob;
}) {
  const { t, i18n } = useTranslation(['accounts', 'common']);
  const { message } = App.useApp();
  const [file, setFile] = useState<FileRef | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  // Create the territories and reps the file names that the book lacks (the CLI's --create-missing).
  const [createMissing, setCreateMissing] = useState(false);
  const [rejected, setRejected] = useState<{ errors: ImportError[]; count: number } | null>(null);
  const [batches, setBatches] = useState<Out<'accounts:importBatches'>>([]);

  const loadBatches = useCallback(() => {
    call('accounts:importBatches', {}).then(setBatches, () => setBatches([]));
  }, []);
  useEffect(() => {
    if (open) loadBatches();
  }, [open, loadBatches]);

  // Each import is a batch; undoing it removes the accounts it added and reverts the
  // fields it changed (those edited since are kept).
  const undo = async (batchId: string) => {
    try {
      const r = await call('accounts:undoImport', { batchId });
      message.success(t(r.skipped > 0 ? 'importUi.undoneSkipped' : 'importUi.undone', r));
      onImported();
    } catch (err) {
      message.error((err as Error).message);
    }
    loadBatches();
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setCreateMissing(false);
    setRejected(null);
  };

  const runPreview = async (ref: FileRef, map: Record<string, string>, create = createMissing) => {
    try {
      const p = await runJob('accounts:importPreview', { file: ref.token, mapping: map, createMissing: create }, t('importUi.checking'));
      setPreview(p);
      setRejected(null);
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  const choose = async () => {
    const ref = await files.pickOpen(['xlsx', 'csv']);
    if (!ref) return;
    setFile(ref);
    setMapping({});
    setCreateMissing(false);
    await runPreview(ref, {}, false);
  };

  const doImport = async () => {
    if (!file) return;
    try {
      const r = await runJob('accounts:import', { file: file.token, mapping, createMissing }, t('importUi.importing'));
      const key = `import-${r.batchId}`;
      showUndoable(message, {
        key,
        content: t('importUi.done', r),
        undoLabel: t('common:undo'),
        undoTestId: 'undo-import',
        onUndo: () => void undo(r.batchId),
      });
      if (r.created.length > 0) message.info(t('importUi.createdList', { list: r.created.map((c) => c.name).join(', ') }));
      onImported();
      reset();
      onClose();
    } catch (err) {
      const details = (err as { details?: { errors?: ImportError[]; errorCount?: number } }).details;
      if (details?.errors) setRejected({ errors: details.errors, count: details.errorCount ?? details.errors.length });
      message.error((err as Error).message);
    }
  };

  const saveErrors = async (errors: ImportError[]) => {
    const ref = await files.pickSave('import-errors.xlsx');
    if (!ref) return;
    await call('accounts:saveImportErrors', { file: ref.token, errors });
    await files.delivered(ref);
  };

  const errors = rejected?.errors ?? preview?.errors ?? [];
  const errorCount = rejected ? rejected.count : (preview?.errorCount ?? 0);
  return (
    <Modal
      open={open}
      width={900}
      title={t('importUi.title')}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={[
        <Button
          key="c"
          onClick={() => {
            reset();
            onClose();
          }}
        >
          {t('common:cancel')}
        </Button>,
        <Button
          key="i"
          type="primary"
          disabled={!preview || errorCount > 0 || preview.rows === 0}
          onClick={() => void doImport()}
          data-testid="import-confirm"
        >
          {t('importUi.confirm')}
        </Button>,
      ]}
      data-testid="import-dialog"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Button onClick={() => void choose()} data-testid="import-choose">
            {t('importUi.choose')}
          </Button>
          <Typography.Text>{file?.name}</Typography.Text>
        </Space>
        {preview && (
          <>
            <Space size="large">
              <Statistic title={t('importUi.rows')} value={preview.rows} />
              <Statistic title={t('importUi.new')} value={preview.newRows} />
              <Statistic title={t('importUi.update')} value={preview.updateRows} />
              <Statistic title={t('importUi.errors')} value={errorCount} valueStyle={{ color: errorCount ? '#cf1322' : undefined }} />
            </Space>
            {preview.missing.length > 0 && (
              <CreateMissingAlert
                on={createMissing}
                onChange={(on) => {
                  setCreateMissing(on);
                  if (file) void runPreview(file, mapping, on);
                }}
                message={t(createMissing ? 'importUi.missingCreate' : 'importUi.missing')}
                items={preview.missing.map((c) =>
                  c.kind === 'territory'
                    ? t('importUi.missingTerritory', { name: c.name })
                    : t('importUi.missingRep', { name: c.name, territory: c.territory }),
                )}
                switchLabel={t('importUi.createSwitch')}
              />
            )}
            {preview.unknownHeaders.length > 0 && (
              <Alert type="info" showIcon message={t('importUi.unknown', { list: preview.unknownHeaders.join(', ') })} />
            )}
            <Table
              size="small"
              pagination={false}
              rowKey="header"
              dataSource={preview.columns}
              scroll={{ y: 200 }}
              columns={[
                { title: t('importUi.header'), dataIndex: 'header' },
                {
                  title: t('importUi.field'),
                  render: (_: unknown, c: { header: string; field: string | null }) => (
                    <Select
                      style={{ width: 220 }}
                      allowClear
                      // Twenty-odd fields: typing part of a name or key finds one.
                      showSearch
                      optionFilterProp="label"
                      data-testid={`import-map-${c.header}`}
                      value={mapping[c.header] ?? c.field ?? undefined}
                      placeholder={t('importUi.ignored')}
                      options={accountFields.map((f) => ({ value: f.key, label: `${t(`field.${f.key}`)} (${f.key})` }))}
                      onChange={(v: string | undefined) => {
                        const next = { ...mapping, [c.header]: v ?? '' };
                        setMapping(next);
                        if (file) void runPreview(file, next);
                      }}
                    />
                  ),
                },
              ]}
            />
          </>
        )}
        {errorCount > 0 && (
          <>
            <Alert type="error" showIcon message={t('importUi.rejected', { count: errorCount })} data-testid="import-errors-alert" />
            <Table<ImportError>
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              dataSource={errors}
              pagination={{ pageSize: 8 }}
              data-testid="import-errors"
              columns={[
                { title: t('importUi.row'), dataIndex: 'row', width: 70 },
                { title: t('importUi.column'), dataIndex: 'column', width: 140 },
                { title: t('importUi.value'), dataIndex: 'value', width: 160, ellipsis: true },
                { title: t('importUi.reason'), dataIndex: 'reason', render: (r: string) => localizeReason(r, i18n.language) },
              ]}
            />
            <Button onClick={() => void saveErrors(errors)} data-testid="save-errors">
              {t('importUi.saveErrors')}
            </Button>
          </>
        )}
        {!preview && batches.length > 0 && (
          <Collapse
            size="small"
            data-testid="import-batches"
            items={[
              {
                key: 'b',
                label: t('importUi.history'),
                children: (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={{ pageSize: 5, hideOnSinglePage: true }}
                    dataSource={batches}
                    columns={[
                      {
                        title: t('importUi.when'),
                        dataIndex: 'createdAt',
                        width: 170,
                        render: (v: string) => new Date(v).toLocaleString(),
                      },
                      { title: t('importUi.file'), dataIndex: 'fileName', ellipsis: true },
                      { title: t('importUi.new'), dataIndex: 'inserted', width: 70 },
                      { title: t('importUi.update'), dataIndex: 'updated', width: 70 },
                      {
                        title: '',
                        width: 110,
                        render: (_: unknown, b: Out<'accounts:importBatches'>[number]) =>
                          b.undoneAt ? (
                            <Typography.Text type="secondary">{t('importUi.wasUndone')}</Typography.Text>
                          ) : (
                            <Button size="small" onClick={() => void undo(b.id)} data-testid="undo-batch">
                              {t('common:undo')}
                            </Button>
                          ),
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
