import { useCallback, useEffect, useState } from 'react';
import { App, Button, Checkbox, Modal, Popover, Spin, Table, Tag, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { showUndoable } from '../../../renderer/components/undoableMessage';
import { call, type In, type Out } from '../../../renderer/api/client';
import type { ChannelName } from '../../../app/contract';
import type { ParetoParams } from '../contract';
import { ruleText } from '../domain';

type Preview = Out<'pareto:previewGrades'>;
type Batch = Out<'pareto:gradeBatches'>[number];
type RunJob = <K extends ChannelName>(channel: K, input: In<K>, title: string) => Promise<Out<K>>;

/**
 * "Apply grades": a preview of how many accounts change (and how many hand-set grades would
 * be overwritten), the application as one batch, and undo — right after, or later from the
 * list of batches.
 */
export function ApplyGrades({ params, runJob, onChanged }: { params: ParetoParams; runJob: RunJob; onChanged(): void }) {
  const { t } = useTranslation(['pareto', 'common']);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [keepManual, setKeepManual] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [batches, setBatches] = useState<Batch[]>([]);

  const loadBatches = useCallback(() => {
    void call('pareto:gradeBatches', { limit: 20 })
      .then(setBatches)
      .catch(() => {});
  }, []);
  useEffect(loadBatches, [loadBatches]);

  useEffect(() => {
    if (!open) return;
    setPreview(null);
    let live = true;
    call('pareto:previewGrades', { params, keepManual })
      .then((p) => live && setPreview(p))
      .catch((e: Error) => message.error(e.message));
    return () => {
      live = false;
    };
  }, [open, params, keepManual, message]);

  const undo = useCallback(
    async (batchId: string) => {
      try {
        const r = await call('pareto:undoGrades', { batchId });
        message.success(t('apply.undone', { count: r.reverted, skipped: r.skipped }));
      } catch (e) {
        message.error((e as Error).message);
      }
      loadBatches();
      onChanged();
    },
    [loadBatches, message, onChanged, t],
  );

  const apply = useCallback(async () => {
    setOpen(false);
    try {
      const r = await runJob('pareto:applyGrades', { params, keepManual }, t('apply.title'));
      if (!r.batchId) {
        message.info(t('apply.nothing'));
        return;
      }
      const key = `grades-${r.batchId}`;
      showUndoable(message, {
        key,
        content: <span data-testid="apply-done">{t('apply.done', { count: r.changed })}</span>,
        undoLabel: t('common:undo'),
        undoTestId: 'undo-grades',
        onUndo: () => void undo(r.batchId!),
      });
    } catch (e) {
      message.error((e as Error).message);
    }
    loadBatches();
    onChanged();
  }, [keepManual, loadBatches, message, onChanged, params, runJob, t, undo]);

  const history = (
    <Table<Batch>
      size="small"
      style={{ width: 560 }}
      rowKey="id"
      pagination={false}
      dataSource={batches}
      columns={[
        { title: t('batches.date'), dataIndex: 'onDate', width: 100 },
        {
          title: t('batches.rule'),
          dataIndex: 'rule',
          render: (r: string, b) => (
            <>
              {r} {b.kind === 'undo' && <Tag>{t('batches.kind.undo')}</Tag>}
            </>
          ),
        },
        { title: t('batches.changed'), dataIndex: 'changed', align: 'right', width: 80 },
        {
          title: '',
          width: 90,
          render: (_: unknown, b) =>
            b.kind === 'pareto' &&
            (b.undoneBy ? (
              <Typography.Text type="secondary">{t('batches.undone')}</Typography.Text>
            ) : (
              <Button size="small" onClick={() => void undo(b.id)} data-testid={`undo-batch-${b.id}`}>
                {t('batches.undo')}
              </Button>
            )),
        },
      ]}
    />
  );

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="apply-grades">
        {t('apply.button')}
      </Button>
      <Popover trigger="click" title={t('batches.title')} content={history} onOpenChange={(o) => o && loadBatches()}>
        <Button icon={<HistoryOutlined />} data-testid="grade-batches">
          {t('batches.title')}
        </Button>
      </Popover>
      <Modal
        open={open}
        title={t('apply.title')}
        okText={t('apply.ok')}
        cancelText={t('common:cancel')}
        onOk={() => void apply()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !preview || preview.changes === 0, ...({ 'data-testid': 'apply-confirm' } as Record<string, string>) }}
      >
        <Typography.Paragraph type="secondary">{t('apply.rule', { rule: ruleText(params.measure, params) })}</Typography.Paragraph>
        <Checkbox checked={keepManual} onChange={(e) => setKeepManual(e.target.checked)} data-testid="keep-manual">
          {t('apply.keepManual')}
        </Checkbox>
        {!preview ? (
          <Spin style={{ display: 'block', margin: 16 }} />
        ) : (
          <div style={{ marginTop: 12 }} data-testid="apply-preview">
            <Typography.Paragraph strong>{t('apply.changes', { count: preview.changes })}</Typography.Paragraph>
            {preview.manualOverwritten > 0 && (
              <Typography.Paragraph type="warning">{t('apply.manual', { count: preview.manualOverwritten })}</Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary">{t('apply.unchanged', { count: preview.unchanged })}</Typography.Paragraph>
            {preview.moves.length > 0 && (
              <Table
                size="small"
                pagination={false}
                rowKey={(m) => `${m.from}>${m.to}`}
                dataSource={preview.moves}
                scroll={{ y: 220 }}
                columns={[
                  { title: t('apply.from'), dataIndex: 'from', render: (f: string) => f || t('apply.none') },
                  { title: t('apply.to'), dataIndex: 'to' },
                  { title: t('apply.count'), dataIndex: 'count', align: 'right', render: (n: number) => n.toLocaleString() },
                ]}
              />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
