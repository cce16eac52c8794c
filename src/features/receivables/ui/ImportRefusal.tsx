import { Button, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../../renderer/api/client';
import { localizeReason } from '../../../renderer/i18n/serverReasons';
import { CreateMissingAlert } from '../../../renderer/components/CreateMissingAlert';

export interface Problem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** A customer, territory or rep the invoice import would create (the CLI's --create-missing). */
export type Creatable = Out<'receivables:importInvoices'>['created'][number];

export interface Refusal {
  errors: Problem[];
  count: number;
  /** What the file names that the book lacks; only the invoice import says. */
  missing: Creatable[];
}

/** How the list names a thing to create, in the UI's language. */
export function useCreatableLabel() {
  const { t } = useTranslation('receivables');
  return (c: Creatable) =>
    c.kind === 'territory'
      ? t('createMissing.territory', { name: c.name })
      : c.kind === 'rep'
        ? t('createMissing.rep', { name: c.name, territory: c.territory })
        : c.territory === null
          ? t('createMissing.accountNoTerritory', { name: c.name })
          : t('createMissing.account', { name: c.name, territory: c.territory });
}

/**
 * A refused import: every rejected cell (row, column, value, reason). When the refusal is
 * because the file names customers, territories or reps the book lacks, it lists them with
 * the switch to create them, and "Import again" runs the import once more with it on — as
 * the accounts import's preview offers before importing.
 */
export function ImportRefusal({
  title,
  refusal,
  createMissing,
  onCreateMissing,
  onImportAgain,
  onClose,
}: {
  title: string;
  refusal: Refusal | null;
  createMissing: boolean;
  onCreateMissing(on: boolean): void;
  onImportAgain(): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation(['receivables', 'common']);
  const label = useCreatableLabel();
  const missing = refusal?.missing ?? [];
  const needsTerritory = missing.some((c) => c.kind === 'account' && c.territory === null);
  return (
    <Modal
      open={!!refusal}
      width={800}
      title={title}
      onCancel={onClose}
      modalRender={(node) => <div data-testid="import-refusal">{node}</div>}
      footer={[
        <Button key="close" onClick={onClose} data-testid="import-refusal-close">
          {t('common:close')}
        </Button>,
        ...(missing.length > 0
          ? [
              <Button key="again" type="primary" disabled={!createMissing} onClick={onImportAgain} data-testid="import-again">
                {t('createMissing.again')}
              </Button>,
            ]
          : []),
      ]}
    >
      {refusal && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="import-errors">
          <Typography.Paragraph>{t('rejected', { count: refusal.count })}</Typography.Paragraph>
          {missing.length > 0 && (
            <CreateMissingAlert
              on={createMissing}
              onChange={onCreateMissing}
              message={t(createMissing ? 'createMissing.willCreate' : 'createMissing.missing')}
              items={missing.map(label)}
              switchLabel={t('createMissing.switch')}
              note={needsTerritory && <Typography.Text type="warning">{t('createMissing.needTerritory')}</Typography.Text>}
            />
          )}
          <Table<Problem>
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={refusal.errors}
            columns={[
              { dataIndex: 'row', title: t('problem.row'), width: 60 },
              { dataIndex: 'column', title: t('problem.column'), width: 120 },
              { dataIndex: 'value', title: t('problem.value'), width: 160, ellipsis: true },
              { dataIndex: 'reason', title: t('problem.reason'), render: (r: string) => localizeReason(r, i18n.language) },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
